"""Where a surface's gradient vanishes, what kind of point each is, and how sharply it curves.

The plot marks minima, maxima and saddle points, and the verdict on a diverging run
names the rate limit 2/L; all of it comes from the surface's formula here, never drawn by
hand per picture. sympy differentiates the formula once per surface (our own formulas,
never a learner's text); Newton's method from a grid of starts finds the critical points,
because the wavy sheet's are roots of sines and cosines that ``sympy.solve`` cannot give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache

import numpy as np
import sympy as sp

from practice.explore.surfaces import Surface
from practice.explore.types import FloatArray

# Newton's method: starts per axis, iterations, and when |∇f| counts as zero.
_SEEDS = 25
_ITERATIONS = 60
_ZERO_GRADIENT = 1e-9
# Two roots closer than this are one point.
_SAME_POINT = 1e-4


class PointKind(Enum):
    """What a critical point is, from the signs of the Hessian's eigenvalues."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    SADDLE = "saddle point"


@dataclass(frozen=True)
class CriticalPoint:
    x: float
    y: float
    kind: PointKind
    value: float  # f there


HessianField = Callable[[float, float], FloatArray]


@cache
def hessian_function(surface: Surface) -> HessianField:
    """The Hessian of ``surface`` as a function of a point, from its sympy formula."""
    x, y = sp.symbols("x y", real=True)
    hessian = sp.hessian(surface.formula(x, y), (x, y))
    numeric = sp.lambdify((x, y), hessian, modules="numpy")

    def at(px: float, py: float) -> FloatArray:
        return np.array(numeric(px, py), dtype=np.float64)

    return at


def curvature_at(surface: Surface, x: float, y: float) -> float:
    """How sharply f curves at a point: the largest |eigenvalue| of its Hessian (L there)."""
    return float(np.max(np.abs(np.linalg.eigvalsh(hessian_function(surface)(x, y)))))


def _kind(hessian: FloatArray) -> PointKind | None:
    low, high = np.linalg.eigvalsh(hessian)
    if low > 0:
        return PointKind.MINIMUM
    if high < 0:
        return PointKind.MAXIMUM
    if low < 0 < high:
        return PointKind.SADDLE
    return None  # degenerate (an eigenvalue is zero): no surface here has one


def _newton(surface: Surface, start: FloatArray) -> FloatArray | None:
    hessian = hessian_function(surface)
    w = start.copy()
    for _ in range(_ITERATIONS):
        g = np.array(surface.grad(w[0], w[1]), dtype=np.float64)
        if np.hypot(*g) < _ZERO_GRADIENT:
            return w
        try:
            w = w - np.linalg.solve(hessian(w[0], w[1]), g)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(w)):
            return None
    return None


@cache
def critical_points(surface: Surface) -> tuple[CriticalPoint, ...]:
    """Every critical point inside the surface's window, lowest value first."""
    (x_lo, x_hi), (y_lo, y_hi) = surface.x_range, surface.y_range
    found: list[FloatArray] = []
    for sx in np.linspace(x_lo, x_hi, _SEEDS):
        for sy in np.linspace(y_lo, y_hi, _SEEDS):
            root = _newton(surface, np.array([sx, sy]))
            if root is None or not (x_lo <= root[0] <= x_hi and y_lo <= root[1] <= y_hi):
                continue
            if all(np.hypot(*(root - other)) > _SAME_POINT for other in found):
                found.append(root)
    points = []
    for x, y in found:
        kind = _kind(hessian_function(surface)(x, y))
        if kind is not None:
            x, y = round(float(x), 6) + 0.0, round(float(y), 6) + 0.0  # no -0.0 on the plot
            value = float(
                surface.f(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
            )
            points.append(CriticalPoint(x, y, kind, value))
    return tuple(sorted(points, key=lambda p: (p.value, p.x, p.y)))


def minima(surface: Surface) -> tuple[CriticalPoint, ...]:
    return tuple(p for p in critical_points(surface) if p.kind is PointKind.MINIMUM)


def rate_limit_curvature(surface: Surface) -> float:
    """L for the rule "descent diverges when η > 2/L": the curvature at the lowest
    minimum (on a quadratic it is the same everywhere); a surface without a minimum
    uses its critical points."""
    points = minima(surface) or critical_points(surface)
    if not points:
        return curvature_at(surface, *surface.default_start)
    return curvature_at(surface, points[0].x, points[0].y)


def nearest_critical_point(
    surface: Surface, x: float, y: float, within: float = 1e-2
) -> CriticalPoint | None:
    """The critical point a path ended on, if it ended within ``within`` of one."""
    near = [p for p in critical_points(surface) if np.hypot(p.x - x, p.y - y) <= within]
    return min(near, key=lambda p: np.hypot(p.x - x, p.y - y)) if near else None
