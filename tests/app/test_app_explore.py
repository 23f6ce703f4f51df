"""The Explore page in AppTest: every control changes what is drawn, a large rate
says the path diverged, and the 1-D mode draws the tangent and its slope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.charts import array, figures, trace, trace_names


@pytest.fixture
def explore(open_app: Callable[..., AppTest]) -> AppTest:
    return open_app("explore")


def _surface_chart(at: AppTest) -> dict[str, Any]:
    return figures(at)[0]


def _path(at: AppTest) -> list[tuple[float, float]]:
    line = trace(_surface_chart(at), "descent path")
    return list(zip(array(line, "x"), array(line, "y"), strict=True))


def _messages(at: AppTest) -> str:
    return " ".join(m.value for shown in (at.success, at.info, at.warning, at.error) for m in shown)


def test_default_view_draws_contours_arrows_minimum_and_path(explore: AppTest) -> None:
    fig = _surface_chart(explore)
    assert trace_names(fig) == [
        "f(x, y)",
        "click to start here",
        "∇f (uphill)",
        "minimum",
        "descent path",
        "start",
    ]
    assert _path(explore)[0] == (2.5, 1.5)
    assert "Converged" in _messages(explore)
    assert any(r"x^2 + y^2" in latex.value for latex in explore.latex)
    assert len(figures(explore)) == 2  # the contour plot and f per step


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ex_bowl_x", -1.0),
        ("ex_bowl_y", 2.0),
        ("ex_bowl_rate", 0.3),
        ("ex_bowl_momentum", 0.5),
        ("ex_bowl_steps", 5),
    ],
)
def test_every_descent_control_changes_the_path(explore: AppTest, key: str, value: float) -> None:
    before = _path(explore)
    if key.endswith("rate"):
        next(w for w in explore.select_slider if w.key == key).set_value(value)
    else:
        next(w for w in explore.slider if w.key == key).set_value(value)
    explore.run()
    assert not explore.exception
    assert _path(explore) != before


def test_the_start_point_is_where_the_path_begins(explore: AppTest) -> None:
    explore.slider(key="ex_bowl_x").set_value(-2.0)
    explore.slider(key="ex_bowl_y").set_value(0.5)
    explore.run()
    assert _path(explore)[0] == (-2.0, 0.5)
    assert any(r"\nabla f(-2,\ 0.5) = (-4,\ 1)" in latex.value for latex in explore.latex)


def test_a_large_rate_diverges_with_a_clear_message(explore: AppTest) -> None:
    explore.select_slider(key="ex_bowl_rate").set_value(1.5).run()
    errors = [e.value for e in explore.error]
    assert any("Diverged" in e and "too large" in e for e in errors), errors
    path = _path(explore)
    assert abs(path[-1][0]) > abs(path[0][0])


def test_a_rate_that_overshoots_oscillates(explore: AppTest) -> None:
    explore.select_slider(key="ex_bowl_rate").set_value(0.75).run()
    assert any("Oscillating" in w.value for w in explore.warning)
    xs = [x for x, _ in _path(explore)[:5]]
    assert all(a * b < 0 for a, b in zip(xs, xs[1:], strict=False))  # crosses the minimum


def test_momentum_changes_the_update_rule_shown(explore: AppTest) -> None:
    explore.slider(key="ex_bowl_momentum").set_value(0.5).run()
    assert any(r"\beta\,v_t" in latex.value for latex in explore.latex)


def test_choosing_a_surface_redraws_its_contours(explore: AppTest) -> None:
    bowl = array(trace(_surface_chart(explore), "f(x, y)"), "z")
    explore.selectbox(key="ex_surface").select("saddle").run()
    saddle_fig = _surface_chart(explore)
    assert array(trace(saddle_fig, "f(x, y)"), "z") != bowl
    assert "minimum" not in trace_names(saddle_fig)
    assert "Unbounded" in _messages(explore)
    explore.selectbox(key="ex_surface").select("rosenbrock").run()
    banana = _surface_chart(explore)
    assert "log(1 + f)" in trace_names(banana)
    assert _path(explore)[0] == (-1.5, 2.0)


def test_the_gradient_field_can_be_hidden(explore: AppTest) -> None:
    explore.toggle(key="ex_arrows").set_value(False).run()
    assert "∇f (uphill)" not in trace_names(_surface_chart(explore))


def test_each_surface_keeps_its_own_settings(explore: AppTest) -> None:
    explore.select_slider(key="ex_bowl_rate").set_value(0.5).run()
    explore.selectbox(key="ex_surface").select("wavy").run()
    assert explore.select_slider(key="ex_wavy_rate").value == 0.3
    explore.selectbox(key="ex_surface").select("bowl").run()
    assert explore.select_slider(key="ex_bowl_rate").value == 0.5


def _tangent_mode(at: AppTest) -> AppTest:
    at.button_group(key="ex_mode").set_value("Tangent line (1-D)").run()
    assert not at.exception
    return at


def test_one_dimensional_mode_draws_the_tangent_and_its_slope(explore: AppTest) -> None:
    at = _tangent_mode(explore)
    fig = figures(at)[0]
    assert [name.split(",")[0] for name in trace_names(fig)] == ["f(x)", "tangent", "point"]
    # parabola at x0 = 1: slope 2, the line y = 2x - 1
    line = next(t for t in fig["data"] if t["name"].startswith("tangent"))
    xs, ys = array(line, "x"), array(line, "y")
    assert ys == pytest.approx([2 * x - 1 for x in xs])
    assert any("f'(1) = 2" in latex.value for latex in at.latex)


def test_moving_the_point_moves_the_tangent(explore: AppTest) -> None:
    at = _tangent_mode(explore)
    before = figures(at)[0]["data"][1]
    at.slider(key="ex_square_x0").set_value(-2.0).run()
    after = figures(at)[0]["data"][1]
    assert array(after, "y") != array(before, "y")
    assert any("f'(-2) = -4" in latex.value for latex in at.latex)
    assert any("Negative slope" in i.value for i in at.info)


def test_a_flat_tangent_is_named_a_critical_point(explore: AppTest) -> None:
    at = _tangent_mode(explore)
    at.selectbox(key="ex_curve").select("cubic").run()
    at.slider(key="ex_cubic_x0").set_value(1.0).run()
    assert any("critical point" in s.value for s in at.success)
    assert any("f'(1) = 0" in latex.value for latex in at.latex)
