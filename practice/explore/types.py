"""Array aliases and the bounds every explorer computation keeps to."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

# Bounds on what a learner controls: the page's sliders stay inside them, and a
# caller that goes outside gets a ValueError rather than a runaway computation.
MAX_STEPS = 1000
MAX_RATE = 10.0
MAX_MOMENTUM = 0.99
MAX_GRID = 400
# A path that gets this far from the origin has left every plot we draw; going on
# would only produce overflow warnings and infinities.
ESCAPE_RADIUS = 1e6
# Converged means |∇f| below the tolerance, as in the lesson's training loop; the page
# offers the tolerances between these bounds, this one first.
TOLERANCE = 1e-3
MIN_TOLERANCE = 1e-8
MAX_TOLERANCE = 1.0
TOLERANCES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-6)
