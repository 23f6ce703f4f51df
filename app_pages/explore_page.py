"""Explore: the lessons' interactive demonstrations.

A contour plot of a surface with its gradient field, a descent path from a start
point the learner picks, and a 1-D curve with its tangent line. The numbers come
from ``practice.explore``, the figures from ``ui.plain.explore_plots``; each mode is a
fragment, so moving a slider reruns only that mode, and the grids are cached.

The plot comes first in the layout (left on a wide screen, above the controls on a
phone, where columns stack). Labels are plain text (a screen reader reads "Learning
rate η", not LaTeX source); the formulas stay LaTeX in ``st.latex``. Every choice is
"sticky", so switching to the 1-D mode and back keeps the surface and its settings.
"""

from __future__ import annotations

from typing import cast

import plotly.graph_objects as go
import streamlit as st

from practice import explore
from ui import explore_playback
from ui.plain import explore_plots
from ui.plain.numbers import latex_number, short_number, tangent_latex
from ui.sticky import set_sticky, sticky, sticky_choice

SURFACE_MODE = "Surface and descent (2-D)"
TANGENT_MODE = "Tangent line (1-D)"


@st.cache_data(show_spinner=False)
def _grid(surface_key: str) -> explore.Grid:
    return explore.grid(explore.get_surface(surface_key))


@st.cache_data(show_spinner=False)
def _arrows(surface_key: str) -> go.Scatter:
    return explore_plots.arrow_trace(explore.arrow_field(explore.get_surface(surface_key)))


@st.cache_data(show_spinner=False)
def _targets(surface_key: str) -> go.Scatter:
    return explore_plots.start_targets(explore.get_surface(surface_key))


def _apply_click(surface: explore.Surface, chart_key: str) -> None:
    """Before the sliders exist: a new click on the chart moves the start sliders there."""
    state = st.session_state.get(chart_key)
    points = state["selection"]["points"] if state and "selection" in state else []
    start = explore_plots.clicked_start(points)
    applied = f"_ex_{surface.key}_clicked"
    if start is None or start == st.session_state.get(applied):
        return
    st.session_state[applied] = start
    x = min(max(start[0], surface.x_range[0]), surface.x_range[1])
    y = min(max(start[1], surface.y_range[0]), surface.y_range[1])
    set_sticky(f"ex_{surface.key}_x", x)
    set_sticky(f"ex_{surface.key}_y", y)


def _descent_controls(surface: explore.Surface) -> tuple[tuple[float, float], float, float, int]:
    """Start point, rate, momentum and steps. Keys carry the surface so each surface
    keeps its own settings and starts from its own defaults."""
    k = surface.key
    x0, y0 = surface.default_start
    start_x = sticky(
        st.slider, "Start x₀", *surface.x_range, default=x0, step=0.05, key=f"ex_{k}_x"
    )
    start_y = sticky(
        st.slider, "Start y₀", *surface.y_range, default=y0, step=0.05, key=f"ex_{k}_y"
    )
    rate = sticky(
        st.select_slider,
        "Learning rate η",
        options=explore.rate_choices(surface),
        default=surface.default_rate,
        key=f"ex_{k}_rate",
        help="How far each step goes along −∇f. Too large and the steps overshoot.",
    )
    momentum = sticky(
        st.slider,
        "Momentum β",
        0.0,
        0.95,
        default=0.0,
        step=0.05,
        key=f"ex_{k}_momentum",
        help="Share of the previous step carried into the next (0 = plain gradient descent).",
    )
    steps = sticky(
        st.slider, "Steps", 1, explore.MAX_STEPS, default=surface.default_steps, key=f"ex_{k}_steps"
    )
    # One value: mypy picks select_slider's range overload, which returns a pair.
    return (start_x, start_y), float(cast(float, rate)), momentum, steps


def _tolerance() -> float:
    return float(
        cast(
            float,
            sticky(
                st.select_slider,
                "Tolerance on |∇f|",
                options=explore.TOLERANCES,
                default=explore.TOLERANCE,
                format_func=lambda v: f"{v:g}",
                key="ex_tolerance",
                help="The run has converged when |∇f| falls below this, and stops there.",
            ),
        )
    )


def _show_verdict(path: explore.DescentPath) -> None:
    show = {
        explore.Outcome.CONVERGED: st.success,
        explore.Outcome.MAX_STEPS: st.info,
        explore.Outcome.OSCILLATING: st.warning,
        explore.Outcome.DIVERGED: st.error,
        explore.Outcome.UNBOUNDED: st.warning,
    }[path.outcome]
    show(f"**{path.verdict.headline}.** {path.message}")


def _update_rule(momentum: float) -> str:
    if momentum == 0:
        return r"w_{t+1} = w_t - \eta\,\nabla f(w_t)"
    return r"v_{t+1} = \beta\,v_t - \eta\,\nabla f(w_t), \qquad w_{t+1} = w_t + v_{t+1}"


def surface_explorer() -> None:
    """The 2-D mode; run as a fragment (see the end of the page), ticking while the
    steps are played."""
    keys = list(explore.SURFACES)
    surface = explore.get_surface(
        cast(
            str,
            sticky_choice(
                st.selectbox,
                "Surface",
                keys,
                default=keys[0],
                format_func=lambda key: explore.SURFACES[key].name,
                key="ex_surface",
            ),
        )
    )
    chart_key = f"ex_{surface.key}_chart"
    _apply_click(surface, chart_key)
    picture, controls = st.columns([2.2, 1], gap="medium")
    with controls:
        start, rate, momentum, steps = _descent_controls(surface)
        tolerance = _tolerance()
        show_arrows = sticky(st.toggle, "Show the gradient field", default=True, key="ex_arrows")
        path = explore.descend(
            surface, start, rate, momentum=momentum, steps=steps, tolerance=tolerance
        )
        _show_verdict(path)
    arrows = _arrows(surface.key) if show_arrows else None
    with picture:
        st.latex(surface.latex)
        run = (surface.key, start, rate, momentum, steps, tolerance)
        shown = explore_playback.controls(run, path.steps_taken)
        figure = explore_plots.surface_figure(
            surface,
            _grid(surface.key),
            arrows,
            path,
            _targets(surface.key) if shown is None else None,  # lighter frames while playing
            critical=explore.critical_points(surface),
            shown=shown,
        )
        st.plotly_chart(figure, key=chart_key, on_select="rerun", selection_mode="points")
        st.caption(
            "Click anywhere on the plot to start the descent from there. "
            "★ minimum, ✕ saddle point, ▲ maximum (where ∇f = 0)."
        )
    gx, gy = explore.gradient_at(surface, *start)
    left, right = st.columns(2)
    with left:
        st.markdown("**The gradient and the step**")
        st.latex(surface.gradient_latex)
        st.latex(
            rf"\nabla f({start[0]:.3g},\ {start[1]:.3g}) = "
            rf"({latex_number(gx)},\ {latex_number(gy)})"
        )
        st.latex(_update_rule(momentum))
        st.caption(surface.note)
    with right:
        st.markdown("**Where the path ended**")
        end_x, end_y = path.end
        a, b, c = st.columns(3)
        a.metric("Steps taken", f"{path.steps_taken} of {path.steps_asked}")
        b.metric("f at the end", short_number(path.values[-1]))
        c.metric("|∇f| at the end", short_number(path.gradient_norms[-1]))
        st.latex(rf"w_{{{path.steps_taken}}} = ({latex_number(end_x)},\ {latex_number(end_y)})")
        st.plotly_chart(explore_plots.values_figure(path), key="ex_values_chart")
        if path.outcome is explore.Outcome.DIVERGED:
            st.caption("f on a log scale: it grows by about the same factor every step.")


@st.fragment
def tangent_explorer() -> None:
    keys = list(explore.CURVES)
    curve = explore.get_curve(
        cast(
            str,
            sticky_choice(
                st.selectbox,
                "Curve",
                keys,
                default=keys[0],
                format_func=lambda key: explore.CURVES[key].name,
                key="ex_curve",
            ),
        )
    )
    x0 = sticky(
        st.slider,
        "Point x₀",
        *curve.x_range,
        default=curve.default_x,
        step=0.01,
        key=f"ex_{curve.key}_x0",
    )
    line = explore.tangent(curve, x0)
    xs, ys = explore.sample_curve(curve)
    left, right = st.columns([2.2, 1], gap="medium")
    with left:
        st.plotly_chart(explore_plots.tangent_figure(curve, xs, ys, line), key="ex_tangent_chart")
    with right:
        st.latex(curve.latex)
        st.latex(curve.derivative_latex)
        slope = 0.0 if line.is_flat else line.slope  # not 1.2e-16 from rounding
        st.latex(rf"f'({x0:.3g}) = {latex_number(slope)}")
        st.latex(tangent_latex(line.y0, slope, x0))
        if line.is_flat:
            st.success(
                "The tangent is flat: f′(x₀) = 0. This is a critical point — a peak, a "
                "valley or a flat spot — where gradient descent would stop."
            )
        elif line.slope > 0:
            st.info("Positive slope: f rises to the right, so descent moves x to the left.")
        else:
            st.info("Negative slope: f falls to the right, so descent moves x to the right.")


st.title("Explore")
st.markdown(
    "The gradient $\\nabla f$ points uphill, across the contour lines at right angles; "
    "gradient descent steps the other way, $-\\eta\\,\\nabla f$. Pick a surface and a "
    "start, then make the learning rate $\\eta$ too large and watch the path overshoot."
)
mode = st.segmented_control(
    "Mode",
    [SURFACE_MODE, TANGENT_MODE],
    default=SURFACE_MODE,
    key="ex_mode",
    label_visibility="collapsed",
)
if mode == TANGENT_MODE:
    tangent_explorer()
else:
    st.fragment(surface_explorer, run_every=explore_playback.tick())()
