"""numpy surfaces, descent paths and tangent lines for the explorer page.

Pure computation: the page draws what these functions return, and the tests check
the same numbers.
"""

from practice.explore.curves import (
    CURVES,
    FLAT_SLOPE,
    Curve,
    Tangent,
    get_curve,
    sample_curve,
    tangent,
)
from practice.explore.descent import DescentPath, Outcome, classify, descend, describe
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
from practice.explore.types import MAX_GRID, MAX_MOMENTUM, MAX_RATE, MAX_STEPS

__all__ = [
    "CURVES",
    "FLAT_SLOPE",
    "MAX_GRID",
    "MAX_MOMENTUM",
    "MAX_RATE",
    "MAX_STEPS",
    "SURFACES",
    "ArrowField",
    "Curve",
    "DescentPath",
    "Grid",
    "Outcome",
    "Surface",
    "Tangent",
    "arrow_field",
    "classify",
    "descend",
    "describe",
    "get_curve",
    "get_surface",
    "gradient_at",
    "grid",
    "rate_choices",
    "sample_curve",
    "tangent",
    "window_radius",
]
