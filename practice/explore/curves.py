"""One variable: a curve, its derivative and the tangent line at a point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from practice.explore.types import MAX_GRID, FloatArray


@dataclass(frozen=True)
class Curve:
    """A function of one variable for the tangent-line demonstration."""

    key: str
    name: str
    latex: str
    derivative_latex: str
    f: Callable[[FloatArray], FloatArray]
    df: Callable[[FloatArray], FloatArray]
    x_range: tuple[float, float]
    default_x: float


CURVES: dict[str, Curve] = {
    c.key: c
    for c in (
        Curve(
            key="square",
            name="Parabola",
            latex=r"f(x) = x^2",
            derivative_latex=r"f'(x) = 2x",
            f=lambda x: x**2,
            df=lambda x: 2 * x,
            x_range=(-3.0, 3.0),
            default_x=1.0,
        ),
        Curve(
            key="cubic",
            name="Cubic with a peak and a valley",
            latex=r"f(x) = x^3 - 3x",
            derivative_latex=r"f'(x) = 3x^2 - 3",
            f=lambda x: x**3 - 3 * x,
            df=lambda x: 3 * x**2 - 3,
            x_range=(-2.5, 2.5),
            default_x=0.5,
        ),
        Curve(
            key="sine",
            name="Sine wave",
            latex=r"f(x) = \sin x",
            derivative_latex=r"f'(x) = \cos x",
            f=np.sin,
            df=np.cos,
            x_range=(-2 * np.pi, 2 * np.pi),
            default_x=0.0,
        ),
        Curve(
            key="quartic",
            name="Double well",
            latex=r"f(x) = x^4 - 3x^2 + x",
            derivative_latex=r"f'(x) = 4x^3 - 6x + 1",
            f=lambda x: x**4 - 3 * x**2 + x,
            df=lambda x: 4 * x**3 - 6 * x + 1,
            x_range=(-2.2, 2.2),
            default_x=-1.0,
        ),
    )
}

# |f'(x)| below this reads as "flat": the page says the point is critical.
FLAT_SLOPE = 1e-2


@dataclass(frozen=True)
class Tangent:
    """The tangent line to a curve at one point."""

    x0: float
    y0: float
    slope: float
    xs: FloatArray  # where to draw the line
    ys: FloatArray

    @property
    def intercept(self) -> float:
        return self.y0 - self.slope * self.x0

    @property
    def is_flat(self) -> bool:
        return abs(self.slope) < FLAT_SLOPE


def get_curve(key: str) -> Curve:
    """The curve called ``key``; a clear error names the ones there are."""
    try:
        return CURVES[key]
    except KeyError:
        raise ValueError(f"unknown curve {key!r}; choose one of {', '.join(CURVES)}") from None


def sample_curve(curve: Curve, n: int = 400) -> tuple[FloatArray, FloatArray]:
    """The curve on ``n`` points across its window."""
    if not 2 <= n <= 10 * MAX_GRID:
        raise ValueError(f"sample count must be between 2 and {10 * MAX_GRID}, got {n}")
    xs = np.linspace(*curve.x_range, n)
    return xs, curve.f(xs)


def tangent(curve: Curve, x0: float, half_width: float | None = None) -> Tangent:
    """The tangent at ``x0``: slope f'(x0), drawn ``half_width`` either side.

    The default half-width is a fifth of the window, long enough to see the line
    touch the curve and short enough not to dominate the plot.
    """
    lo, hi = curve.x_range
    if not np.isfinite(x0) or not lo <= x0 <= hi:
        raise ValueError(f"x must be between {lo:g} and {hi:g}, got {x0}")
    width = (hi - lo) / 5 if half_width is None else half_width
    if not 0 < width <= hi - lo:
        raise ValueError(f"the half-width must be in (0, {hi - lo:g}], got {width}")
    at = np.asarray(x0, dtype=np.float64)
    y0 = float(curve.f(at))
    slope = float(curve.df(at))
    xs = np.array([x0 - width, x0 + width])
    return Tangent(x0=float(x0), y0=y0, slope=slope, xs=xs, ys=y0 + slope * (xs - x0))
