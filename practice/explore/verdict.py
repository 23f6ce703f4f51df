"""What became of a descent run, in the lesson's words and with the run's own numbers.

The lesson's rules: descent has converged when ‖∇f‖ is below a tolerance (not when the
steps ran out); a rate above 2/L, L the steepest curvature of f, overshoots by more at
every step and diverges; ‖∇f‖ ≈ 0 does not prove a minimum (a saddle has it too). The
verdict is a pure function of a finished run, so the tests judge fixed runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from practice.explore.types import ESCAPE_RADIUS, FloatArray


class Outcome(Enum):
    """How a descent run ended."""

    CONVERGED = "converged"  # |∇f| fell below the tolerance: the run stopped there
    MAX_STEPS = "max steps reached"  # all steps taken, still heading downhill
    OSCILLATING = "oscillating"  # all steps taken, zig-zagging across a valley
    DIVERGED = "diverged"  # the loss grows: the rate is too large
    UNBOUNDED = "unbounded"  # the loss falls without end: no minimum that way


class Stop(Enum):
    """Why the run stopped taking steps."""

    TOLERANCE = "tolerance"
    STEPS = "steps"
    ESCAPED = "escaped"  # |w| passed ESCAPE_RADIUS, or the numbers overflowed


@dataclass(frozen=True)
class Run:
    """A finished run: the points visited and what it was asked to do."""

    points: FloatArray  # (n + 1, 2): the start, then one row per step taken
    values: FloatArray  # f at each point
    gradient_norms: FloatArray  # |∇f| at each point
    steps_asked: int
    rate: float
    tolerance: float
    momentum: float = 0.0

    @property
    def steps_taken(self) -> int:
        return len(self.points) - 1


@dataclass(frozen=True)
class Landscape:
    """What the verdict needs to know about the surface the run was on."""

    window_radius: float  # the far corner of the plot
    curvature: float  # L at the surface's minimum (or its critical point): the 2/L rule
    curvature_where: str  # "its minimum", "its saddle point"
    start_curvature: float  # L where the run started, which may be steeper
    ended_on: str | None = None  # "minimum", "saddle point", "maximum" when it ended on one
    local_minimum_note: str = ""  # when it ended on a minimum that is not the lowest


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    stop: Stop
    headline: str  # "Converged at step 39 of 50"
    message: str  # the why, with the numbers


def _g(value: float) -> str:
    """Three significant digits; powers of ten (1e6, 2.3e12) only for very large or small."""
    if np.isfinite(value) and (value == 0 or 1e-3 <= abs(value) < 1e5):
        return np.format_float_positional(value, precision=3, fractional=False, trim="-")
    return f"{value:.3g}".replace("e+0", "e").replace("e+", "e").replace("e-0", "e-")


def stop_reason(run: Run) -> Stop:
    last = run.points[-1]
    if not np.all(np.isfinite(last)) or float(np.hypot(*last)) > ESCAPE_RADIUS:
        return Stop.ESCAPED
    if np.isfinite(run.gradient_norms[-1]) and run.gradient_norms[-1] < run.tolerance:
        return Stop.TOLERANCE
    return Stop.STEPS


def reversals(points: FloatArray) -> int:
    """How many steps turn back along an axis on which both steps move noticeably.

    Per axis, so the elongated bowl's zig-zag across the narrow direction counts while
    the path still advances along the long one; "noticeably" (a tenth of the step)
    keeps the tiny wobble of a settled path from counting.
    """
    moves = np.diff(points, axis=0)
    if len(moves) < 2:
        return 0
    lengths = np.hypot(moves[:, 0], moves[:, 1])[:, None]
    significant = np.abs(moves) > 0.1 * lengths
    turned = (moves[:-1] * moves[1:] < 0) & significant[:-1] & significant[1:]
    return int(np.count_nonzero(turned.any(axis=1)))


def _zigzags(run: Run) -> bool:
    pairs = len(run.points) - 2
    return pairs > 0 and reversals(run.points) >= max(3, 0.2 * pairs)


def classify(run: Run, landscape: Landscape) -> tuple[Outcome, Stop]:
    stop = stop_reason(run)
    first, last = run.values[0], run.values[-1]
    rising = not np.isfinite(last) or last > first
    if stop is Stop.ESCAPED:
        return (Outcome.DIVERGED if rising else Outcome.UNBOUNDED), stop
    if stop is Stop.TOLERANCE:
        return Outcome.CONVERGED, stop
    if float(np.hypot(*run.points[-1])) > 2 * landscape.window_radius:
        return (Outcome.DIVERGED if rising else Outcome.UNBOUNDED), stop
    if rising and len(run.values) >= 4 and np.all(np.diff(run.values[-4:]) > 0):
        return Outcome.DIVERGED, stop
    if _zigzags(run):
        return Outcome.OSCILLATING, stop
    return Outcome.MAX_STEPS, stop


def _rate_limit(run: Run, curvature: float) -> float:
    """The largest stable rate on a quadratic of curvature L: 2/L, or 2(1 + β)/L with
    heavy-ball momentum β."""
    return 2 * (1 + run.momentum) / curvature


def _why_diverged(run: Run, landscape: Landscape) -> str:
    rule = "2(1 + β)/L" if run.momentum > 0 else "2/L"
    limit = _rate_limit(run, landscape.curvature)
    if run.rate > limit:
        return (
            f"The learning rate η = {run.rate:g} is above {rule} = {_g(limit)} for this surface "
            f"(L = {_g(landscape.curvature)}: how sharply f curves at {landscape.curvature_where}), "
            "so every step overshoots the valley by more than the last and the loss grows "
            f"without bound. Make the rate smaller than {_g(limit)}."
        )
    local = _rate_limit(run, landscape.start_curvature)
    if run.rate > local:
        return (
            f"Where the path started, f curves more steeply (L ≈ {_g(landscape.start_curvature)}) "
            f"than at {landscape.curvature_where}, and η = {run.rate:g} is above {rule} ≈ "
            f"{_g(local)} there: the first steps overshoot by more each time. Make the rate "
            "smaller, or start closer to the valley."
        )
    return (
        f"With η = {run.rate:g} each step overshoots by more than the last and the loss "
        "grows. Make the rate smaller."
    )


def _converged(run: Run, landscape: Landscape) -> str:
    norm = run.gradient_norms[-1]
    text = (
        f"|∇f| = {norm:.2g} is below the tolerance {run.tolerance:g}, so the steps stopped "
        f"there, at f = {_g(run.values[-1])}."
    )
    if landscape.ended_on == "saddle point":
        text += (
            " But this point is a saddle, not a minimum: |∇f| ≈ 0 does not prove a minimum, "
            "and a start just off it slides away downhill."
        )
    elif landscape.ended_on == "maximum":
        text += " But this point is a peak, not a minimum: the gradient vanishes there too."
    elif landscape.ended_on == "minimum":
        note = landscape.local_minimum_note
        text += f" This is a minimum,{note}." if note else " This is a minimum."
    if _zigzags(run):
        text += " On the way each step overshot the valley floor, by less each time."
    return text


def judge(run: Run, landscape: Landscape) -> Verdict:
    """The verdict on ``run``: what happened, where and why it stopped."""
    outcome, stop = classify(run, landscape)
    k, n = run.steps_taken, run.steps_asked
    norm = run.gradient_norms[-1]
    first, last = run.values[0], run.values[-1]
    if outcome is Outcome.CONVERGED:
        return Verdict(outcome, stop, f"Converged at step {k} of {n}", _converged(run, landscape))
    if outcome is Outcome.DIVERGED:
        if stop is Stop.ESCAPED:
            x, y = run.points[-1]
            where = (
                f"the numbers overflowed (f = {_g(last)})"
                if not (np.isfinite(x) and np.isfinite(y) and np.isfinite(last))
                else f"|w| passed {_g(ESCAPE_RADIUS)} (w = ({_g(x)}, {_g(y)}), f = {_g(last)})"
            )
            headline = f"Diverged: stopped at step {k} of {n}"
            return Verdict(outcome, stop, headline, f"{where}. {_why_diverged(run, landscape)}")
        grew = f"f grew from {_g(first)} to {_g(last)} in {k} steps. "
        return Verdict(
            outcome, stop, f"Diverging: {k} of {n} steps", grew + _why_diverged(run, landscape)
        )
    if outcome is Outcome.UNBOUNDED:
        headline = (
            f"Unbounded: stopped at step {k} of {n}"
            if stop is Stop.ESCAPED
            else f"Unbounded: {k} of {n} steps"
        )
        return Verdict(
            outcome,
            stop,
            headline,
            f"f fell from {_g(first)} to {_g(last)} and the path left the plot: this surface "
            "has no minimum in that direction, so descent never settles.",
        )
    still = f"|∇f| = {_g(norm)} is still above the tolerance {run.tolerance:g}"
    if outcome is Outcome.OSCILLATING:
        if run.momentum > 0:
            why = (
                f"momentum β = {run.momentum:g} carries the path past the valley floor and it "
                "swings back and forth. Less momentum (or a smaller rate) damps the swing."
            )
        else:
            half = 1 / landscape.curvature
            above = f" (above 1/L = {_g(half)})" if run.rate > half else ""
            why = (
                f"with η = {run.rate:g}{above} each step overshoots the valley floor and the "
                "path zig-zags across it. A smaller rate goes straight down."
            )
        return Verdict(
            outcome, stop, f"Max steps reached, zig-zagging: {k} of {n}", f"{still}: {why}"
        )
    return Verdict(
        outcome,
        stop,
        f"Max steps reached: {k} of {n}",
        f"{still}: the path is heading downhill but has not converged. More steps or a "
        f"larger rate (below 2/L = {_g(_rate_limit(run, landscape.curvature))}) would get there.",
    )
