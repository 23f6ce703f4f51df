"""The verdict on fixed runs (converged, max steps reached, zig-zagging, diverged,
unbounded), and the critical points the plot marks, computed from each formula."""

from __future__ import annotations

import numpy as np
import pytest

from practice.explore import (
    Landscape,
    Outcome,
    PointKind,
    Run,
    Stop,
    critical_points,
    descend,
    get_surface,
    gradient_at,
    judge,
    rate_limit_curvature,
)

BOWL = Landscape(
    window_radius=4.24,
    curvature=2.0,
    curvature_where="its minimum",
    start_curvature=2.0,
    ended_on=None,
)


def _run(points: list[tuple[float, float]], steps: int, rate: float, **kw: float) -> Run:
    """A fixed run on the bowl f = x² + y², whose gradient is 2w."""
    p = np.array(points, dtype=np.float64)
    values = p[:, 0] ** 2 + p[:, 1] ** 2
    norms = 2 * np.hypot(p[:, 0], p[:, 1])
    return Run(p, values, norms, steps, rate, kw.pop("tolerance", 1e-3), **kw)


def test_a_run_that_reached_the_tolerance_converged() -> None:
    run = _run([(1.0, 0.0), (0.5, 0.0), (0.0004, 0.0)], steps=10, rate=0.25)
    verdict = judge(run, BOWL)
    assert verdict.outcome is Outcome.CONVERGED and verdict.stop is Stop.TOLERANCE
    assert verdict.headline == "Converged at step 2 of 10"
    assert "|∇f| = 0.0008 is below the tolerance 0.001" in verdict.message


def test_a_run_that_used_every_step_above_the_tolerance_has_not_converged() -> None:
    """The issue's elongated bowl: all steps taken with |∇f| = 0.178 is no convergence."""
    points = [(2.5 * 0.92**k, 0.0) for k in range(41)]
    verdict = judge(_run(points, steps=40, rate=0.04), BOWL)
    assert verdict.outcome is Outcome.MAX_STEPS and verdict.stop is Stop.STEPS
    assert verdict.headline == "Max steps reached: 40 of 40"
    assert "still above the tolerance 0.001" in verdict.message
    assert "Converged" not in verdict.headline + verdict.message


def test_a_run_that_passed_the_escape_radius_diverged_and_says_where_and_why() -> None:
    points = [(2.5 * (-2) ** k, 0.0) for k in range(20)]  # η = 1.5 on the bowl
    verdict = judge(_run(points, steps=30, rate=1.5), BOWL)
    assert verdict.outcome is Outcome.DIVERGED and verdict.stop is Stop.ESCAPED
    assert verdict.headline == "Diverged: stopped at step 19 of 30"
    assert verdict.message.startswith("|w| passed 1e6 (w = (-1.31e6, 0), f = 1.72e12).")
    assert "η = 1.5 is above 2/L = 1 for this surface" in verdict.message
    assert "Make the rate smaller than 1." in verdict.message


def test_momentum_raises_the_rate_limit_it_names() -> None:
    points = [(2.5 * (-3) ** k, 0.0) for k in range(14)]
    verdict = judge(_run(points, steps=30, rate=3.5, momentum=0.5), BOWL)
    assert "above 2(1 + β)/L = 1.5" in verdict.message


def test_a_growing_loss_that_has_not_escaped_yet_is_diverging() -> None:
    points = [(1.5 * (-1.2) ** k, 0.0) for k in range(6)]
    verdict = judge(_run(points, steps=5, rate=1.1), BOWL)
    assert verdict.outcome is Outcome.DIVERGED and verdict.stop is Stop.STEPS
    assert verdict.headline == "Diverging: 5 of 5 steps"
    assert "f grew from 2.25 to" in verdict.message


def test_a_zigzag_that_runs_out_of_steps_is_oscillating() -> None:
    points = [(2.0 * (-0.9) ** k, 0.0) for k in range(11)]
    verdict = judge(_run(points, steps=10, rate=0.95), BOWL)
    assert verdict.outcome is Outcome.OSCILLATING
    assert "above 1/L = 0.5" in verdict.message


def test_a_falling_loss_that_leaves_the_plot_is_unbounded() -> None:
    p = np.array([(0.0, 0.05 * 1.2**k) for k in range(40)])
    values = -(p[:, 1] ** 2)
    run = Run(p, values, 2 * np.abs(p[:, 1]), 40, 0.1, 1e-3)
    verdict = judge(run, BOWL)
    assert verdict.outcome is Outcome.UNBOUNDED
    assert "no minimum in that direction" in verdict.message


def test_converging_on_a_saddle_point_warns_it_is_no_minimum() -> None:
    path = descend(get_surface("saddle"), (0.0, 0.0), 0.1, steps=30)
    assert path.verdict.headline == "Converged at step 0 of 30"
    assert "saddle, not a minimum" in path.message


def test_the_default_runs_of_the_lessons() -> None:
    verdicts = {}
    for key in ("bowl", "elongated", "saddle", "rosenbrock"):
        s = get_surface(key)
        verdicts[key] = descend(s, s.default_start, s.default_rate, steps=s.default_steps)
    assert verdicts["bowl"].verdict.headline == "Converged at step 39 of 50"
    assert verdicts["elongated"].outcome is Outcome.MAX_STEPS
    assert verdicts["saddle"].outcome is Outcome.UNBOUNDED
    assert verdicts["rosenbrock"].outcome is Outcome.MAX_STEPS  # the banana's slow crawl


@pytest.mark.parametrize(
    ("key", "kinds"),
    [
        ("bowl", [(0.0, 0.0, PointKind.MINIMUM)]),
        ("elongated", [(0.0, 0.0, PointKind.MINIMUM)]),
        ("saddle", [(0.0, 0.0, PointKind.SADDLE)]),
        ("rosenbrock", [(1.0, 1.0, PointKind.MINIMUM)]),
    ],
)
def test_critical_points_of_the_simple_surfaces(
    key: str, kinds: list[tuple[float, float, PointKind]]
) -> None:
    assert [(p.x, p.y, p.kind) for p in critical_points(get_surface(key))] == kinds


def test_the_wavy_sheet_has_minima_saddles_and_peaks_where_the_gradient_vanishes() -> None:
    s = get_surface("wavy")
    points = critical_points(s)
    kinds = {kind: [p for p in points if p.kind is kind] for kind in PointKind}
    assert len(kinds[PointKind.MINIMUM]) >= 4
    assert len(kinds[PointKind.SADDLE]) >= 4
    assert len(kinds[PointKind.MAXIMUM]) >= 2
    for p in points:
        assert gradient_at(s, p.x, p.y) == pytest.approx((0.0, 0.0), abs=1e-5)
    # the lowest is first, and descent from its neighbourhood stays there
    lowest = points[0]
    assert lowest.kind is PointKind.MINIMUM
    path = descend(s, (lowest.x + 0.3, lowest.y - 0.3), 0.3, steps=200)
    assert path.end == pytest.approx((lowest.x, lowest.y), abs=1e-2)


@pytest.mark.parametrize(
    ("key", "limit"), [("bowl", 1.0), ("elongated", 0.1), ("rosenbrock", 0.002)]
)
def test_the_rate_limit_two_over_l_matches_the_surface_notes(key: str, limit: float) -> None:
    assert 2 / rate_limit_curvature(get_surface(key)) == pytest.approx(limit, rel=0.01)
