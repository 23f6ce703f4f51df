"""Gradient descent with momentum on a surface, run until it converges, escapes or
runs out of steps.

The run stops as the lesson's training loop does: when ‖∇f‖ falls below the tolerance
(converged), or when the point escapes so far that going on would only overflow
(diverged, or unbounded downhill). ``practice.explore.verdict`` says what became of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from practice.explore import critical
from practice.explore.surfaces import Surface, window_radius
from practice.explore.types import (
    ESCAPE_RADIUS,
    MAX_MOMENTUM,
    MAX_RATE,
    MAX_STEPS,
    MAX_TOLERANCE,
    MIN_TOLERANCE,
    TOLERANCE,
    FloatArray,
)
from practice.explore.verdict import Landscape, Outcome, Run, Verdict, judge


@dataclass(frozen=True)
class DescentPath:
    """The points of one run of gradient descent and the verdict on it."""

    points: FloatArray  # shape (n + 1, 2): the start, then one row per step taken
    values: FloatArray  # f at each point
    gradient_norms: FloatArray  # |∇f| at each point
    steps_asked: int
    tolerance: float
    verdict: Verdict

    @property
    def outcome(self) -> Outcome:
        return self.verdict.outcome

    @property
    def message(self) -> str:
        return self.verdict.message

    @property
    def steps_taken(self) -> int:
        return len(self.points) - 1

    @property
    def end(self) -> tuple[float, float]:
        x, y = self.points[-1]
        return float(x), float(y)


def _check_descent_inputs(
    start: tuple[float, float], rate: float, momentum: float, steps: int, tolerance: float
) -> None:
    if not all(np.isfinite(start)):
        raise ValueError("the start point must be finite")
    if not 0 < rate <= MAX_RATE:
        raise ValueError(f"the learning rate must be in (0, {MAX_RATE}], got {rate}")
    if not 0 <= momentum <= MAX_MOMENTUM:
        raise ValueError(f"momentum must be in [0, {MAX_MOMENTUM}], got {momentum}")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"the number of steps must be between 1 and {MAX_STEPS}, got {steps}")
    if not MIN_TOLERANCE <= tolerance <= MAX_TOLERANCE:
        raise ValueError(
            f"the tolerance must be between {MIN_TOLERANCE:g} and {MAX_TOLERANCE:g}, "
            f"got {tolerance}"
        )


def landscape(surface: Surface, start: tuple[float, float], end: tuple[float, float]) -> Landscape:
    """What the verdict needs to know about ``surface`` for a run from ``start`` to ``end``."""
    lowest = critical.minima(surface)
    points = lowest or critical.critical_points(surface)
    where = f"its {points[0].kind.value}" if points else "the start"
    ended = (
        critical.nearest_critical_point(surface, *end, within=0.25)
        if all(np.isfinite(end))
        else None
    )
    note = ""
    if ended is not None and lowest and ended.value > lowest[0].value + 1e-9:
        best = lowest[0]
        note = (
            f" but only a local one (f = {ended.value:.3g}): the lowest on this plot is "
            f"f = {best.value:.3g} at ({best.x:.3g}, {best.y:.3g})"
        )
    return Landscape(
        window_radius=window_radius(surface),
        curvature=critical.rate_limit_curvature(surface),
        curvature_where=where,
        start_curvature=critical.curvature_at(surface, *start),
        ended_on=ended.kind.value if ended else None,
        local_minimum_note=note,
    )


def descend(
    surface: Surface,
    start: tuple[float, float],
    rate: float,
    *,
    momentum: float = 0.0,
    steps: int = 50,
    tolerance: float = TOLERANCE,
) -> DescentPath:
    """Run gradient descent with (heavy-ball) momentum from ``start``.

    The update is ``v ← βv − η∇f(w)``, ``w ← w + v``; with β = 0 it is the lesson's
    ``w ← w − η∇f(w)``. The run stops before a step when |∇f| < ``tolerance``, and
    after one that takes the point beyond ``ESCAPE_RADIUS`` (or overflows).
    """
    _check_descent_inputs(start, rate, momentum, steps, tolerance)
    w = np.array(start, dtype=np.float64)
    velocity = np.zeros(2)
    points = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            g = np.array(surface.grad(w[0], w[1]), dtype=np.float64)
            if np.hypot(*g) < tolerance:
                break
            velocity = momentum * velocity - rate * g
            w = w + velocity
            points.append(w.copy())
            if not np.all(np.isfinite(w)) or np.hypot(*w) > ESCAPE_RADIUS:
                break
        path = np.array(points)
        values = surface.f(path[:, 0], path[:, 1])
        gx, gy = surface.grad(path[:, 0], path[:, 1])
    norms = np.hypot(gx, gy)
    run = Run(path, values, norms, steps, rate, tolerance, momentum)
    end = (float(path[-1, 0]), float(path[-1, 1]))
    verdict = judge(run, landscape(surface, start, end))
    return DescentPath(path, values, norms, steps, tolerance, verdict)
