"""Gradient descent with momentum on a surface, and what became of the path.

The outcome names what the lesson talks about — convergence, oscillation when the
rate overshoots, divergence when it is far too large — so the page can say it in
words next to the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from practice.explore.surfaces import Surface, window_radius
from practice.explore.types import (
    CONVERGED_GRADIENT,
    ESCAPE_RADIUS,
    MAX_MOMENTUM,
    MAX_RATE,
    MAX_STEPS,
    SETTLED_SHARE,
    FloatArray,
)


class Outcome(Enum):
    """How a descent run ended, in the terms the lesson uses."""

    CONVERGED = "converged"
    MOVING = "still moving"
    OSCILLATING = "oscillating"
    DIVERGED = "diverged"
    UNBOUNDED = "unbounded"


@dataclass(frozen=True)
class DescentPath:
    """The points of one run of gradient descent and what became of it."""

    points: FloatArray  # shape (n + 1, 2): the start, then one row per step taken
    values: FloatArray  # f at each point
    gradient_norms: FloatArray  # |∇f| at each point
    outcome: Outcome
    message: str

    @property
    def steps_taken(self) -> int:
        return len(self.points) - 1

    @property
    def end(self) -> tuple[float, float]:
        x, y = self.points[-1]
        return float(x), float(y)


def _check_descent_inputs(
    start: tuple[float, float], rate: float, momentum: float, steps: int
) -> None:
    if not all(np.isfinite(start)):
        raise ValueError("the start point must be finite")
    if not 0 < rate <= MAX_RATE:
        raise ValueError(f"the learning rate must be in (0, {MAX_RATE}], got {rate}")
    if not 0 <= momentum <= MAX_MOMENTUM:
        raise ValueError(f"momentum must be in [0, {MAX_MOMENTUM}], got {momentum}")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"the number of steps must be between 1 and {MAX_STEPS}, got {steps}")


def descend(
    surface: Surface,
    start: tuple[float, float],
    rate: float,
    *,
    momentum: float = 0.0,
    steps: int = 50,
) -> DescentPath:
    """Run gradient descent with (heavy-ball) momentum from ``start``.

    The update is ``v ← βv − η∇f(w)``, ``w ← w + v``; with β = 0 it is the
    lesson's ``w ← w − η∇f(w)``. The run stops early when the point escapes
    (see ``ESCAPE_RADIUS``) or the gradient vanishes.
    """
    _check_descent_inputs(start, rate, momentum, steps)
    w = np.array(start, dtype=np.float64)
    velocity = np.zeros(2)
    points = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            g = np.array(surface.grad(w[0], w[1]), dtype=np.float64)
            if np.hypot(*g) < CONVERGED_GRADIENT:
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
    outcome = classify(path, values, norms, window_radius(surface))
    message = describe(outcome, rate, momentum=momentum, settled=_settled(norms))
    return DescentPath(path, values, norms, outcome, message)


def _reversals(points: FloatArray) -> int:
    """How many steps turn back along some axis on which they move noticeably.

    Counting per axis catches the elongated bowl's zig-zag across the narrow
    direction while the path still advances along the long one; "noticeably"
    (a tenth of the step) keeps the tiny wobble of a settled path from counting.
    """
    moves = np.diff(points, axis=0)
    if len(moves) < 2:
        return 0
    lengths = np.hypot(moves[:, 0], moves[:, 1])[:, None]
    significant = np.abs(moves) > 0.1 * lengths
    turned = (moves[:-1] * moves[1:] < 0) & significant[:-1] & significant[1:]
    return int(np.count_nonzero(turned.any(axis=1)))


def _settled(gradient_norms: FloatArray) -> bool:
    """The gradient has shrunk to a hundredth of where it started (or vanished)."""
    return bool(gradient_norms[-1] < max(SETTLED_SHARE * gradient_norms[0], CONVERGED_GRADIENT))


def classify(
    points: FloatArray, values: FloatArray, gradient_norms: FloatArray, window_radius: float
) -> Outcome:
    """Name what a path did.

    Escaping while the value *falls* means the surface has no bottom that way
    (the saddle); escaping or blowing up while it *rises* is a rate that is too
    large. Zig-zag — most steps reversing the previous one — is oscillation,
    even when the path still converges slowly.
    """
    last = points[-1]
    escaped = not np.all(np.isfinite(last)) or float(np.hypot(*last)) > 2 * window_radius
    rising = not np.isfinite(values[-1]) or values[-1] > values[0]
    if escaped:
        return Outcome.DIVERGED if rising else Outcome.UNBOUNDED
    if rising and len(values) >= 4 and np.all(np.diff(values[-4:]) > 0):
        return Outcome.DIVERGED
    pairs = len(points) - 2
    if pairs > 0 and _reversals(points) >= max(3, 0.2 * pairs):
        return Outcome.OSCILLATING
    if _settled(gradient_norms):
        return Outcome.CONVERGED
    return Outcome.MOVING


def describe(outcome: Outcome, rate: float, *, momentum: float = 0.0, settled: bool = False) -> str:
    """The sentence the page shows for an outcome."""
    if outcome is Outcome.OSCILLATING and momentum > 0:
        return (
            f"Oscillating: momentum β = {momentum:g} carries the path past the valley floor "
            "and it swings back and forth. Less momentum (or a smaller rate) damps the swing."
        )
    if outcome is Outcome.OSCILLATING and settled:
        return (
            f"Oscillating, then settled: with η = {rate:g} each step overshoots the valley "
            "floor, but by less each time, so the zig-zag dies out. A smaller rate goes "
            "straight down."
        )
    return {
        Outcome.CONVERGED: "Converged: the gradient is (almost) zero, so the steps have stopped.",
        Outcome.MOVING: "Still moving: the path is heading downhill but has not settled yet — "
        "try more steps or a larger rate.",
        Outcome.OSCILLATING: f"Oscillating: with η = {rate:g} each step overshoots the valley "
        "floor and the path zig-zags across it. A smaller rate goes straight down.",
        Outcome.DIVERGED: f"Diverged: η = {rate:g} is too large — every step overshoots by more "
        "than the last and the loss grows without bound. Make the rate smaller.",
        Outcome.UNBOUNDED: "Unbounded: the path keeps going downhill and leaves the plot — this "
        "surface has no minimum in that direction.",
    }[outcome]
