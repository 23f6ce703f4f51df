"""plotly figures for the explorer page, built from ``practice.explore`` results.

No Streamlit here: a figure is data, and the tests read it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.figure_factory as ff
import plotly.graph_objects as go

from practice.explore import ArrowField, Curve, DescentPath, Grid, Surface, Tangent, tangent

PATH_COLOUR = "#ff7f0e"
TANGENT_COLOUR = "#ff7f0e"
ARROW_COLOUR = "rgba(255, 255, 255, 0.75)"
MAX_FRAMES = 60  # animation frames per figure: smooth enough, and the JSON stays small
TARGETS_TRACE = 1  # the invisible click targets come right after the contours
# A click selects a point, and plotly then dims every unselected marker; ours stay.
_STAY_VISIBLE = {"marker": {"opacity": 1}}


def surface_figure(
    surface: Surface,
    grid: Grid,
    arrows: go.Scatter | None,
    path: DescentPath | None,
    targets: go.Scatter | None = None,
) -> go.Figure:
    """Contours of ``surface`` with its gradient arrows, minima and a descent path.

    The axes keep the surface's window and an equal scale, so a diverging path
    runs off the edge instead of squashing the picture, and the arrows are seen
    to cross the contours at right angles. ``targets`` (see ``start_targets``) is
    always trace ``TARGETS_TRACE``, so a click can be told from other selections.
    """
    fig = go.Figure(_contours(surface, grid))
    if targets is not None:
        fig.add_trace(targets)
    if arrows is not None:
        fig.add_trace(arrows)
    if surface.minima:
        xs, ys = zip(*surface.minima, strict=True)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name="minimum",
                marker={"symbol": "star", "size": 14, "color": "gold", "line": {"width": 1}},
                unselected=_STAY_VISIBLE,
            )
        )
    if path is not None:
        fig.add_traces(_path_traces(path))
        _animate_path(fig, path, path_trace=len(fig.data) - 2)
    fig.update_xaxes(range=list(surface.x_range), title_text="x", constrain="domain")
    fig.update_yaxes(
        range=list(surface.y_range),
        title_text="y",
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.12},
        height=560,
    )
    return fig


def start_targets(surface: Surface) -> go.Scatter:
    """An invisible grid of points over the window: clicking one starts the path there.

    Streamlit reports clicks on a chart as selected points, and only for point
    traces, so the contour plot gets a layer of transparent markers to click. They
    sit on round coordinates (every 0.1, or 0.25 on wide windows), like the sliders.
    """
    width = max(surface.x_range[1] - surface.x_range[0], surface.y_range[1] - surface.y_range[0])
    step = 0.1 if width <= 6 else 0.25
    xs = np.round(np.arange(surface.x_range[0], surface.x_range[1] + step / 2, step), 2)
    ys = np.round(np.arange(surface.y_range[0], surface.y_range[1] + step / 2, step), 2)
    gx, gy = np.meshgrid(xs, ys)
    return go.Scatter(
        x=gx.ravel(),
        y=gy.ravel(),
        mode="markers",
        name="click to start here",
        showlegend=False,
        marker={"size": 8, "opacity": 0, "color": "white"},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        hovertemplate="start here: (%{x:.2f}, %{y:.2f})<extra></extra>",
    )


def clicked_start(points: Sequence[Mapping[str, Any]]) -> tuple[float, float] | None:
    """The start point a click chose, from a chart's selected ``points``, or None."""
    for point in reversed(points):
        if point.get("curve_number") == TARGETS_TRACE:
            x, y = point.get("x"), point.get("y")
            if isinstance(x, int | float) and isinstance(y, int | float):
                return round(float(x), 2), round(float(y), 2)
    return None


def _contours(surface: Surface, grid: Grid) -> go.Contour:
    label = "log(1 + f)" if surface.log_contours else "f(x, y)"
    return go.Contour(
        x=grid.xs,
        y=grid.ys,
        z=grid.z,
        name=label,
        ncontours=25,
        colorscale="Viridis",
        colorbar={"title": {"text": label}},
        hovertemplate="x=%{x:.2f}<br>y=%{y:.2f}<br>" + label + "=%{z:.3g}<extra></extra>",
    )


def arrow_trace(arrows: ArrowField) -> go.Scatter:
    """The gradient field as one trace of arrows, for ``surface_figure``.

    figure_factory draws each arrow as line segments separated by gaps; we take its
    one trace rather than drawing arrowheads by hand. It takes about 0.1 s, so the
    page caches the trace per surface.
    """
    trace = ff.create_quiver(
        arrows.x,
        arrows.y,
        arrows.u,
        arrows.v,
        scale=1.0,
        arrow_scale=0.3,
        line={"color": ARROW_COLOUR, "width": 1.2},
    ).data[0]
    trace.update(name="∇f (uphill)", hoverinfo="skip", showlegend=True)
    return trace


def _path_traces(path: DescentPath) -> list[go.Scatter]:
    finite = path.points[np.all(np.isfinite(path.points), axis=1)]
    steps = np.arange(len(finite))
    line = go.Scatter(
        x=finite[:, 0],
        y=finite[:, 1],
        mode="lines+markers",
        name="descent path",
        line={"color": PATH_COLOUR, "width": 2},
        marker={"size": 5},
        customdata=steps,
        unselected=_STAY_VISIBLE,
        hovertemplate="step %{customdata}<br>(%{x:.3g}, %{y:.3g})<extra></extra>",
    )
    start = go.Scatter(
        x=[finite[0, 0]],
        y=[finite[0, 1]],
        mode="markers",
        name="start",
        marker={"size": 12, "color": "white", "line": {"color": PATH_COLOUR, "width": 3}},
        unselected=_STAY_VISIBLE,
    )
    return [line, start]


def _play_button(label: str, frame_ms: int) -> dict[str, object]:
    """A plotly "animate" button: the animation runs in the browser, no rerun needed."""
    return {
        "type": "buttons",
        "showactive": False,
        "x": 0.0,
        "y": 1.08,
        "xanchor": "left",
        "yanchor": "bottom",
        "buttons": [
            {
                "label": label,
                "method": "animate",
                "args": [
                    None,
                    {
                        "frame": {"duration": frame_ms, "redraw": False},
                        "transition": {"duration": 0},
                        "fromcurrent": False,
                        "mode": "immediate",
                    },
                ],
            }
        ],
    }


def _frame_steps(n: int) -> list[int]:
    """At most MAX_FRAMES step counts from 1 to ``n``, evenly spread, always ending at ``n``."""
    return sorted({int(k) for k in np.linspace(1, n, min(n, MAX_FRAMES))})


def _animate_path(fig: go.Figure, path: DescentPath, path_trace: int) -> None:
    """Frames that grow the path step by step, so "watch the descent" is one click."""
    finite = path.points[np.all(np.isfinite(path.points), axis=1)]
    if len(finite) < 2:
        return
    fig.frames = [
        go.Frame(
            data=[go.Scatter(x=finite[: k + 1, 0], y=finite[: k + 1, 1])],
            traces=[path_trace],
            name=f"step {k}",
        )
        for k in _frame_steps(len(finite) - 1)
    ]
    fig.update_layout(updatemenus=[_play_button("▶ Watch the steps", 120)])


def values_figure(path: DescentPath) -> go.Figure:
    """f at each step: the "loss curve" of the run."""
    fig = go.Figure(
        go.Scatter(
            x=np.arange(len(path.values)),
            y=path.values,
            mode="lines+markers",
            name="f",
            line={"color": PATH_COLOUR},
        )
    )
    fig.update_layout(
        height=240,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title="step",
        yaxis_title="f(w)",
    )
    # powers of ten, not SI suffixes: "2T" on a diverging run reads as a unit
    fig.update_yaxes(exponentformat="power")
    return fig


def tangent_figure(curve: Curve, xs: np.ndarray, ys: np.ndarray, line: Tangent) -> go.Figure:
    """The curve, its tangent at one point and that point."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="f(x)", line={"width": 3}))
    fig.add_trace(
        go.Scatter(
            x=line.xs,
            y=line.ys,
            mode="lines",
            name=f"tangent, slope {line.slope:.3g}",
            line={"color": TANGENT_COLOUR, "width": 3},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[line.x0],
            y=[line.y0],
            mode="markers",
            name="point",
            marker={"size": 12, "color": TANGENT_COLOUR},
        )
    )
    fig.frames = [_tangent_frame(curve, float(x)) for x in _sweep(curve)]
    fig.update_layout(updatemenus=[_play_button("▶ Sweep the tangent", 80)])
    span = float(np.ptp(ys)) or 1.0
    fig.update_yaxes(range=[float(ys.min()) - 0.1 * span, float(ys.max()) + 0.1 * span])
    fig.update_xaxes(range=list(curve.x_range), title_text="x")
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def _sweep(curve: Curve) -> np.ndarray:
    """Points across the curve's window (inset a little, where the tangent is drawn)."""
    lo, hi = curve.x_range
    inset = (hi - lo) / 50
    return np.linspace(lo + inset, hi - inset, MAX_FRAMES)


def _tangent_frame(curve: Curve, x: float) -> go.Frame:
    """One frame of the sweep: the tangent line and its point at ``x`` (traces 1 and 2)."""
    line = tangent(curve, x)
    return go.Frame(
        data=[
            go.Scatter(x=line.xs, y=line.ys),
            go.Scatter(x=[line.x0], y=[line.y0]),
        ],
        traces=[1, 2],
        name=f"x = {x:.3g}",
    )
