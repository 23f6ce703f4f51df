"""The five surfaces of the lessons' demonstrations, sampled for contour plots.

A round bowl, an elongated bowl (where a large rate makes the path zig-zag across
the narrow direction), a saddle (a critical point that is not a minimum),
Rosenbrock's banana (a curved valley that plain descent crawls along) and a wavy
sheet with several local minima. Plain numpy, so the page only draws and the
tests check the very numbers the learner sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from practice.explore.types import MAX_GRID, FloatArray

ScalarField = Callable[[FloatArray, FloatArray], FloatArray]
VectorField = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]


@dataclass(frozen=True)
class Surface:
    """A function of two variables the explorer can draw and descend on."""

    key: str
    name: str
    latex: str
    gradient_latex: str
    f: ScalarField
    grad: VectorField
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    default_start: tuple[float, float]
    default_rate: float
    default_steps: int
    # The same f as a sympy expression of two symbols: ``practice.explore.critical``
    # differentiates it for the Hessian (critical points, curvature), and the tests
    # check ``f`` and ``grad`` against it.
    formula: Callable[[sp.Symbol, sp.Symbol], sp.Expr]
    # Rosenbrock's values span six orders of magnitude: contours of log(1 + f)
    # show the valley, contours of f show one blob.
    log_contours: bool = False
    note: str = ""


def _bowl(x: FloatArray, y: FloatArray) -> FloatArray:
    return x**2 + y**2


def _bowl_grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    return 2 * x, 2 * y


def _elongated(x: FloatArray, y: FloatArray) -> FloatArray:
    return x**2 + 10 * y**2


def _elongated_grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    return 2 * x, 20 * y


def _saddle(x: FloatArray, y: FloatArray) -> FloatArray:
    return x**2 - y**2


def _saddle_grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    return 2 * x, -2 * y


def _rosenbrock(x: FloatArray, y: FloatArray) -> FloatArray:
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    return -2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)


def _wavy(x: FloatArray, y: FloatArray) -> FloatArray:
    return np.sin(x) * np.cos(y) + 0.05 * (x**2 + y**2)


def _wavy_grad(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    return np.cos(x) * np.cos(y) + 0.1 * x, -np.sin(x) * np.sin(y) + 0.1 * y


SURFACES: dict[str, Surface] = {
    s.key: s
    for s in (
        Surface(
            key="bowl",
            name="Bowl",
            latex=r"f(x, y) = x^2 + y^2",
            gradient_latex=r"\nabla f = (2x,\ 2y)",
            f=_bowl,
            grad=_bowl_grad,
            x_range=(-3.0, 3.0),
            y_range=(-3.0, 3.0),
            default_start=(2.5, 1.5),
            default_rate=0.1,
            default_steps=50,
            formula=lambda x, y: x**2 + y**2,
            note="Every step shrinks the distance to the minimum by the factor |1 − 2η|: "
            "smooth for η < 0.5, zig-zag for 0.5 < η < 1, divergence for η > 1.",
        ),
        Surface(
            key="elongated",
            name="Elongated bowl",
            latex=r"f(x, y) = x^2 + 10\,y^2",
            gradient_latex=r"\nabla f = (2x,\ 20y)",
            f=_elongated,
            grad=_elongated_grad,
            x_range=(-3.0, 3.0),
            y_range=(-2.0, 2.0),
            default_start=(-2.5, 1.2),
            default_rate=0.04,
            default_steps=40,
            formula=lambda x, y: x**2 + 10 * y**2,
            note="The steep direction (y) limits the rate: above η = 0.05 the path zig-zags "
            "across the valley, above η = 0.1 it diverges — while x still crawls.",
        ),
        Surface(
            key="saddle",
            name="Saddle",
            latex=r"f(x, y) = x^2 - y^2",
            gradient_latex=r"\nabla f = (2x,\ -2y)",
            f=_saddle,
            grad=_saddle_grad,
            x_range=(-3.0, 3.0),
            y_range=(-3.0, 3.0),
            default_start=(2.5, 0.05),
            default_rate=0.1,
            default_steps=30,
            formula=lambda x, y: x**2 - y**2,
            note="At the origin the gradient is zero but it is no minimum: "
            "a start just off y = 0 slides away downhill along y.",
        ),
        Surface(
            key="rosenbrock",
            name="Rosenbrock banana",
            latex=r"f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2",
            gradient_latex=r"\nabla f = \bigl(-2(1 - x) - 400x(y - x^2),\ 200(y - x^2)\bigr)",
            f=_rosenbrock,
            grad=_rosenbrock_grad,
            x_range=(-2.0, 2.0),
            y_range=(-1.0, 3.0),
            default_start=(-1.5, 2.0),
            default_rate=0.001,
            default_steps=500,
            formula=lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
            log_contours=True,
            note="The valley floor is curved and almost flat: descent drops into it fast, "
            "then crawls towards (1, 1). Momentum helps; a rate above about 0.002 diverges.",
        ),
        Surface(
            key="wavy",
            name="Wavy sheet",
            latex=r"f(x, y) = \sin x \cos y + 0.05\,(x^2 + y^2)",
            gradient_latex=r"\nabla f = (\cos x \cos y + 0.1x,\ -\sin x \sin y + 0.1y)",
            f=_wavy,
            grad=_wavy_grad,
            x_range=(-6.0, 6.0),
            y_range=(-6.0, 6.0),
            default_start=(1.0, 2.0),
            default_rate=0.3,
            default_steps=60,
            formula=lambda x, y: sp.sin(x) * sp.cos(y) + sp.Rational(1, 20) * (x**2 + y**2),
            note="Several valleys: where the path ends depends on where it starts "
            "— gradient descent finds a local minimum, not the lowest one.",
        ),
    )
}


@dataclass(frozen=True)
class Grid:
    """Values of a surface on a regular grid, for its contour plot."""

    xs: FloatArray
    ys: FloatArray
    z: FloatArray  # shape (len(ys), len(xs)), as plotly's contour expects


@dataclass(frozen=True)
class ArrowField:
    """Gradient arrows on a coarse grid, scaled so none overlaps its neighbour."""

    x: FloatArray
    y: FloatArray
    u: FloatArray
    v: FloatArray


def get_surface(key: str) -> Surface:
    """The surface called ``key``; a clear error names the ones there are."""
    try:
        return SURFACES[key]
    except KeyError:
        raise ValueError(f"unknown surface {key!r}; choose one of {', '.join(SURFACES)}") from None


def _check_size(n: int, name: str) -> None:
    if not 2 <= n <= MAX_GRID:
        raise ValueError(f"{name} must be between 2 and {MAX_GRID}, got {n}")


def grid(surface: Surface, n: int = 120) -> Grid:
    """Sample the surface on an ``n`` × ``n`` grid over its plotting window."""
    _check_size(n, "grid size")
    xs = np.linspace(*surface.x_range, n)
    ys = np.linspace(*surface.y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    z = surface.f(gx, gy)
    if surface.log_contours:
        z = np.log1p(z)
    return Grid(xs=xs, ys=ys, z=z)


def arrow_field(surface: Surface, n: int = 15) -> ArrowField:
    """∇f on an ``n`` × ``n`` grid, as arrows for the contour plot.

    Arrows keep the gradient's direction; their lengths grow with the square root
    of its magnitude and the longest fills 90% of a grid cell, so steep and flat
    regions are both visible without arrows running into each other.
    """
    _check_size(n, "arrow grid size")
    xs = np.linspace(*surface.x_range, n)
    ys = np.linspace(*surface.y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    u, v = surface.grad(gx, gy)
    norm = np.hypot(u, v)
    scaled = np.sqrt(norm)
    biggest = float(scaled.max())
    cell = min(xs[1] - xs[0], ys[1] - ys[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(norm > 0, 0.9 * cell * scaled / (biggest * norm), 0.0)
    if biggest == 0:
        factor = np.zeros_like(norm)
    return ArrowField(x=gx.ravel(), y=gy.ravel(), u=(u * factor).ravel(), v=(v * factor).ravel())


def gradient_at(surface: Surface, x: float, y: float) -> tuple[float, float]:
    """∇f at one point, as plain floats for display."""
    u, v = surface.grad(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
    return float(u), float(v)


def window_radius(surface: Surface) -> float:
    """Distance from the origin to the far corner of the surface's plotting window."""
    return float(np.hypot(max(map(abs, surface.x_range)), max(map(abs, surface.y_range))))


# Multiples of a surface's default rate offered on the page: from a tenth (slow but
# sure) to fifteen times (past divergence on every surface here).
RATE_MULTIPLES = (0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 15)


def rate_choices(surface: Surface) -> tuple[float, ...]:
    """Learning rates worth trying on ``surface``, smallest first, rounded for display."""
    return tuple(float(f"{surface.default_rate * m:.3g}") for m in RATE_MULTIPLES)
