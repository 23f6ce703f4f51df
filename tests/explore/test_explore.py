"""The explorer's numbers: surfaces, gradients, descent paths and tangent lines."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from practice.explore import (
    CURVES,
    MAX_MOMENTUM,
    MAX_RATE,
    MAX_STEPS,
    SURFACES,
    Outcome,
    arrow_field,
    descend,
    get_curve,
    get_surface,
    gradient_at,
    grid,
    sample_curve,
    tangent,
)


def _central_difference(
    surface_key: str, x: float, y: float, h: float = 1e-6
) -> tuple[float, float]:
    s = get_surface(surface_key)
    fx = (s.f(np.array(x + h), np.array(y)) - s.f(np.array(x - h), np.array(y))) / (2 * h)
    fy = (s.f(np.array(x), np.array(y + h)) - s.f(np.array(x), np.array(y - h))) / (2 * h)
    return float(fx), float(fy)


@pytest.mark.parametrize("key", sorted(SURFACES))
def test_gradient_matches_finite_differences(key: str) -> None:
    rng = np.random.default_rng(7)
    s = get_surface(key)
    for _ in range(20):
        x = rng.uniform(*s.x_range)
        y = rng.uniform(*s.y_range)
        exact = gradient_at(s, x, y)
        approx = _central_difference(key, x, y)
        assert exact == pytest.approx(approx, rel=1e-4, abs=1e-4)


@pytest.mark.parametrize("key", sorted(SURFACES))
def test_f_and_its_gradient_agree_with_the_sympy_formula(key: str) -> None:
    s = get_surface(key)
    x, y = sympy.symbols("x y")
    expr = s.formula(x, y)
    f = sympy.lambdify((x, y), expr)
    grad = sympy.lambdify((x, y), [sympy.diff(expr, x), sympy.diff(expr, y)])
    rng = np.random.default_rng(3)
    for _ in range(10):
        px, py = rng.uniform(*s.x_range), rng.uniform(*s.y_range)
        assert float(s.f(np.asarray(px), np.asarray(py))) == pytest.approx(f(px, py))
        assert gradient_at(s, px, py) == pytest.approx(tuple(grad(px, py)))


def test_lesson_gradient_of_the_bowl_at_1_2() -> None:
    assert gradient_at(get_surface("bowl"), 1.0, 2.0) == (2.0, 4.0)


def test_one_descent_step_is_w_minus_rate_times_gradient() -> None:
    path = descend(get_surface("bowl"), (1.0, 2.0), 0.1, steps=1)
    np.testing.assert_allclose(path.points, [[1.0, 2.0], [0.8, 1.6]])
    assert path.values[0] == pytest.approx(5.0)
    assert path.values[1] == pytest.approx(0.64 + 2.56)


def test_momentum_carries_the_previous_step() -> None:
    # v1 = -0.1 * (2, 4) = (-0.2, -0.4); w1 = (0.8, 1.6)
    # v2 = 0.5 * v1 - 0.1 * (1.6, 3.2) = (-0.26, -0.52); w2 = (0.54, 1.08)
    path = descend(get_surface("bowl"), (1.0, 2.0), 0.1, momentum=0.5, steps=2)
    np.testing.assert_allclose(path.points[-1], [0.54, 1.08])


def test_small_rate_on_the_bowl_converges_without_zigzag() -> None:
    path = descend(get_surface("bowl"), (2.5, 1.5), 0.1, steps=60)
    assert path.outcome is Outcome.CONVERGED
    assert np.all(np.diff(path.values) < 0)


def test_rate_between_half_and_one_oscillates_on_the_bowl() -> None:
    path = descend(get_surface("bowl"), (2.5, 1.5), 0.8, steps=15)
    assert path.outcome is Outcome.OSCILLATING
    assert "overshoots" in path.message and "above 1/L = 0.5" in path.message
    # each step crosses the minimum: the sign of x alternates
    assert np.all(np.sign(path.points[1:6, 0]) == [-1, 1, -1, 1, -1])


def test_rate_above_one_diverges_on_the_bowl() -> None:
    path = descend(get_surface("bowl"), (2.5, 1.5), 1.2, steps=40)
    assert path.outcome is Outcome.DIVERGED
    assert "η = 1.2 is above 2/L = 1 for this surface" in path.message
    assert path.values[-1] > path.values[0]


def test_few_steps_at_a_divergent_rate_already_say_diverged() -> None:
    assert descend(get_surface("bowl"), (2.5, 1.5), 1.2, steps=5).outcome is Outcome.DIVERGED


def test_elongated_bowl_zigzags_across_the_narrow_direction() -> None:
    s = get_surface("elongated")
    calm = descend(s, s.default_start, 0.04, steps=40)
    zigzag = descend(s, s.default_start, 0.08, steps=40)
    assert calm.outcome is Outcome.MAX_STEPS  # x still crawls: |∇f| = 0.178
    assert descend(s, s.default_start, 0.04, steps=200).outcome is Outcome.CONVERGED
    assert zigzag.outcome is Outcome.OSCILLATING
    assert descend(s, s.default_start, 0.12, steps=40).outcome is Outcome.DIVERGED


def test_saddle_path_slides_off_downhill() -> None:
    s = get_surface("saddle")
    path = descend(s, s.default_start, 0.1, steps=30)
    assert path.outcome is Outcome.UNBOUNDED
    assert path.values[-1] < path.values[0]
    assert abs(path.end[1]) > abs(path.end[0])


def test_start_at_the_saddle_point_stays_there() -> None:
    path = descend(get_surface("saddle"), (0.0, 0.0), 0.1, steps=30)
    assert path.steps_taken == 0
    assert path.outcome is Outcome.CONVERGED


def test_rosenbrock_diverges_at_a_large_rate_and_stops_early() -> None:
    s = get_surface("rosenbrock")
    path = descend(s, s.default_start, 0.003, steps=500)
    assert path.outcome is Outcome.DIVERGED
    assert path.steps_taken < 50
    assert np.all(np.isfinite(path.points[:-1]))


def test_rosenbrock_with_a_good_rate_reaches_the_banana_minimum() -> None:
    s = get_surface("rosenbrock")
    path = descend(s, s.default_start, 0.002, steps=1000)
    assert path.end == pytest.approx((1.0, 1.0), abs=0.05)


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(sorted(SURFACES)),
    x=st.floats(-5, 5),
    y=st.floats(-5, 5),
    rate=st.floats(1e-4, MAX_RATE),
    momentum=st.floats(0, MAX_MOMENTUM),
    steps=st.integers(1, 200),
)
def test_any_allowed_input_gives_a_named_outcome(
    key: str, x: float, y: float, rate: float, momentum: float, steps: int
) -> None:
    path = descend(get_surface(key), (x, y), rate, momentum=momentum, steps=steps)
    assert 0 <= path.steps_taken <= steps
    assert path.points.shape == (path.steps_taken + 1, 2)
    assert isinstance(path.outcome, Outcome)
    assert path.message
    assert np.all(np.isfinite(path.points[:-1]))


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"rate": 0.0}, "learning rate"),
        ({"rate": MAX_RATE * 2}, "learning rate"),
        ({"rate": float("nan")}, "learning rate"),
        ({"momentum": 1.0}, "momentum"),
        ({"momentum": -0.1}, "momentum"),
        ({"steps": 0}, "steps"),
        ({"steps": MAX_STEPS + 1}, "steps"),
        ({"start": (float("inf"), 0.0)}, "start"),
    ],
)
def test_out_of_bounds_controls_are_refused_clearly(kwargs: dict[str, object], words: str) -> None:
    args: dict[str, Any] = {"start": (1.0, 1.0), "rate": 0.1, "momentum": 0.0, "steps": 10}
    args.update(kwargs)
    with pytest.raises(ValueError, match=words):
        descend(
            get_surface("bowl"),
            args["start"],
            args["rate"],
            momentum=args["momentum"],
            steps=args["steps"],
        )


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(ValueError, match="bowl"):
        get_surface("volcano")
    with pytest.raises(ValueError, match="cubic"):
        get_curve("spiral")


def test_grid_shape_and_log_contours() -> None:
    g = grid(get_surface("bowl"), n=50)
    assert g.z.shape == (50, 50)
    assert g.z.min() == pytest.approx(0.0, abs=0.01)
    banana = grid(get_surface("rosenbrock"), n=50)
    assert banana.z.max() < 10  # log(1 + f) keeps the scale readable
    with pytest.raises(ValueError):
        grid(get_surface("bowl"), n=10_000)


def test_arrows_point_uphill_and_fit_their_cell() -> None:
    s = get_surface("bowl")
    field = arrow_field(s, n=11)
    cell = (s.x_range[1] - s.x_range[0]) / 10
    lengths = np.hypot(field.u, field.v)
    assert lengths.max() == pytest.approx(0.9 * cell)
    # on the bowl the gradient points away from the origin
    outward = field.x * field.u + field.y * field.v
    assert np.all(outward >= 0)


@pytest.mark.parametrize("key", sorted(CURVES))
def test_curve_derivative_matches_finite_differences(key: str) -> None:
    c = get_curve(key)
    for x0 in np.linspace(*c.x_range, 9):
        h = 1e-6
        approx = (c.f(np.array(x0 + h)) - c.f(np.array(x0 - h))) / (2 * h)
        assert tangent(c, float(x0)).slope == pytest.approx(float(approx), rel=1e-4, abs=1e-5)


def test_tangent_touches_the_curve_and_is_flat_at_the_cubic_valley() -> None:
    c = get_curve("cubic")
    t = tangent(c, 1.0)
    assert (t.y0, t.slope) == (-2.0, 0.0)
    assert t.is_flat
    assert not tangent(c, 0.5).is_flat
    t2 = tangent(get_curve("square"), 1.0)
    assert (t2.slope, t2.intercept) == (2.0, -1.0)
    np.testing.assert_allclose(t2.ys, 2 * t2.xs - 1)


def test_tangent_outside_the_window_is_refused() -> None:
    with pytest.raises(ValueError, match="between"):
        tangent(get_curve("square"), 10.0)
    with pytest.raises(ValueError, match="between"):
        tangent(get_curve("square"), float("nan"))


def test_sample_curve_covers_the_window() -> None:
    c = get_curve("sine")
    xs, ys = sample_curve(c, 100)
    assert (xs[0], xs[-1]) == c.x_range
    np.testing.assert_allclose(ys, np.sin(xs))
