"""The Explore page in AppTest: every control changes what is drawn, the verdict says
where and why a run stopped, critical points are marked, "Watch the steps" keeps the
contours and arrows, and the 1-D mode draws the tangent and its slope."""

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


def test_a_large_rate_says_where_and_why_it_stopped(explore: AppTest) -> None:
    explore.select_slider(key="ex_bowl_rate").set_value(1.5).run()
    errors = [e.value for e in explore.error]
    assert len(errors) == 1, errors
    assert "Diverged: stopped at step 19 of 50" in errors[0]
    assert "|w| passed 1e6" in errors[0]
    assert "above 2/L = 1 for this surface" in errors[0]
    path = _path(explore)
    assert abs(path[-1][0]) > abs(path[0][0])
    loss = figures(explore)[1]
    assert loss["layout"]["yaxis"]["type"] == "log"
    assert any("log scale" in c.value for c in explore.caption)


def test_the_elongated_bowl_default_run_has_not_converged(explore: AppTest) -> None:
    """The issue's case: 40 of 40 steps with |∇f| = 0.178 is not "Converged"."""
    explore.selectbox(key="ex_surface").select("elongated").run()
    text = _messages(explore)
    assert "Converged" not in text
    assert "Max steps reached: 40 of 40" in text
    assert "|∇f| = 0.178 is still above the tolerance 0.001" in text
    assert next(m for m in explore.metric if m.label == "Steps taken").value == "40 of 40"


def test_a_looser_tolerance_converges_sooner(explore: AppTest) -> None:
    assert "Converged at step 39 of 50" in _messages(explore)
    explore.select_slider(key="ex_tolerance").set_value(0.1).run()
    assert "Converged at step 19 of 50" in _messages(explore)
    assert "below the tolerance 0.1" in _messages(explore)
    assert len(_path(explore)) == 20


def test_a_rate_that_overshoots_oscillates(explore: AppTest) -> None:
    explore.select_slider(key="ex_bowl_rate").set_value(0.75)
    explore.slider(key="ex_bowl_steps").set_value(10).run()
    assert any("zig-zagging" in w.value for w in explore.warning)
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
    saddle = trace(saddle_fig, "saddle point")
    assert (array(saddle, "x"), array(saddle, "y")) == ([0.0], [0.0])
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


def test_the_wavy_sheet_marks_its_minima_saddles_and_peaks(explore: AppTest) -> None:
    explore.selectbox(key="ex_surface").select("wavy").run()
    fig = _surface_chart(explore)
    counts = {name: len(array(trace(fig, name), "x")) for name in ("minimum", "saddle point")}
    assert counts["minimum"] >= 4 and counts["saddle point"] >= 4, counts
    assert "maximum" in trace_names(fig)
    assert "local one" in _messages(explore)  # the default start ends in a local minimum


def test_labels_are_plain_text_for_screen_readers(explore: AppTest) -> None:
    labels = [w.label for w in (*explore.slider, *explore.select_slider, *explore.selectbox)]
    assert "Learning rate η" in labels
    assert not [label for label in labels if "$" in label or "\\" in label], labels


def test_watch_the_steps_keeps_contours_and_arrows(explore: AppTest) -> None:
    full = _path(explore)
    explore.button(key="ex_play").click().run()
    names = trace_names(_surface_chart(explore))
    assert {"f(x, y)", "∇f (uphill)", "minimum"} <= set(names)
    assert len(_path(explore)) == 2  # the start and the first step
    assert explore.button(key="ex_play").label == "■ Stop"
    lengths = []
    for _ in range(45):
        explore.run()
        lengths.append(len(_path(explore)))
        if explore.button(key="ex_play").label != "■ Stop":
            break
    assert lengths == sorted(lengths) and lengths[-1] == len(full)
    assert "f(x, y)" in trace_names(_surface_chart(explore))
    assert explore.button(key="ex_play").label == "▶ Watch the steps"


def test_moving_a_control_stops_the_playback(explore: AppTest) -> None:
    explore.button(key="ex_play").click().run()
    explore.slider(key="ex_bowl_steps").set_value(20).run()
    assert explore.button(key="ex_play").label == "▶ Watch the steps"
    assert len(_path(explore)) == 21


def test_the_surface_is_kept_across_the_one_dimensional_mode(explore: AppTest) -> None:
    explore.selectbox(key="ex_surface").select("saddle").run()
    explore.select_slider(key="ex_saddle_rate").set_value(0.2).run()
    _tangent_mode(explore)
    explore.button_group(key="ex_mode").set_value("Surface and descent (2-D)").run()
    assert explore.selectbox(key="ex_surface").value == "saddle"
    assert explore.select_slider(key="ex_saddle_rate").value == 0.2
    assert "saddle point" in trace_names(_surface_chart(explore))


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
