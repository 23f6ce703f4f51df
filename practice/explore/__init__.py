"""numpy surfaces, descent paths and tangent lines for the explorer page.

Pure computation: the page draws what these functions return, and the tests check
the same numbers.
"""

from practice.explore.critical import (
    CriticalPoint,
    PointKind,
    critical_points,
    curvature_at,
    rate_limit_curvature,
)
from practice.explore.curves import (
    CURVES,
    FLAT_SLOPE,
    Curve,
    Tangent,
    get_curve,
    sample_curve,
    tangent,
)
from practice.explore.descent import DescentPath, descend, landscape
from practice.explore.surfaces import (
    SURFACES,
    ArrowField,
    Grid,
    Surface,
    arrow_field,
    get_surface,
    gradient_at,
    grid,
    rate_choices,
    window_radius,
)
from practice.explore.types import (
    MAX_GRID,
    MAX_MOMENTUM,
    MAX_RATE,
    MAX_STEPS,
    TOLERANCE,
    TOLERANCES,
)
from practice.explore.verdict import Landscape, Outcome, Run, Stop, Verdict, judge

__all__ = [
    "CURVES",
    "FLAT_SLOPE",
    "MAX_GRID",
    "MAX_MOMENTUM",
    "MAX_RATE",
    "MAX_STEPS",
    "SURFACES",
    "TOLERANCE",
    "TOLERANCES",
    "ArrowField",
    "CriticalPoint",
    "Curve",
    "DescentPath",
    "Grid",
    "Landscape",
    "Outcome",
    "PointKind",
    "Run",
    "Stop",
    "Surface",
    "Tangent",
    "Verdict",
    "arrow_field",
    "critical_points",
    "curvature_at",
    "descend",
    "get_curve",
    "get_surface",
    "gradient_at",
    "grid",
    "judge",
    "landscape",
    "rate_choices",
    "rate_limit_curvature",
    "sample_curve",
    "tangent",
    "window_radius",
]
