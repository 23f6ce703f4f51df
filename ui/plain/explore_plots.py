"""plotly figures for the explorer page, built from ``practice.explore`` results.

No Streamlit here: a figure is data, and the tests read it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.figure_factory as ff
import plotly.graph_objects as go

from practice.explore import (
    ArrowField,
    CriticalPoint,
    Curve,
    DescentPath,
    Grid,
    Outcome,
    PointKind,
    Surface,
    Tangent,
    tangent,
)

PATH_COLOUR = "#ff7f0e"
TANGENT_COLOUR = "#ff7f0e"
ARROW_COLOUR = "rgba(255, 255, 255, 0.75)"
MAX_FRAMES = 60  # animation frames: smooth enough, and the JSON stays small
# How each kind of critical point is marked on the contour plot.
MARKERS: dict[PointKind, dict[str, object]] = {
    PointKind.MINIMUM: {"symbol": "star", "size": 14, "color": "gold"},
    PointKind.MAXIMUM: {"symbol": "triangle-up", "size": 11, "color": "#d62728"},
    PointKind.SADDLE: {"symbol": "x", "size": 11, "color": "white"},
}
TARGETS_TRACE = 1  # the invisible click targets come right after the contours
# A click selects a point, and plotly then dims every unselected marker; ours stay.
_STAY_VISIBLE = {"marker": {"opacity": 1}}


def surface_figure(
    surface: Surface,
    grid: Grid,
    arrows: go.Scatter | None,
    path: DescentPath | None,
    targets: go.Scatter | None = None,
    critical: Sequence[CriticalPoint] = (),
    shown: int | None = None,
) -> go.Figure:
    """Contours of ``surface`` with its gradient arrows, critical points and a descent path.

    The axes keep the surface's window and an equal scale, so a diverging path
    runs off the edge instead of squashing the picture, and the arrows are seen
    to cross the contours at right angles. ``targets`` (see ``start_targets``) is
    always trace ``TARGETS_TRACE``, so a click can be told from other selections.
    ``shown`` draws only the path's first steps: the page's "Watch the steps" redraws
    the whole figure step by step, because plotly's own animation erases contour
    traces (plotly.js #4491) and the arrows with them.
    """
    fig = go.Figure(_contours(surface, grid))
    if targets is not None:
        fig.add_trace(targets)
    if arrows is not None:
        fig.add_trace(arrows)
    fig.add_traces(critical_point_traces(critical))
    if path is not None:
        fig.add_traces(_path_traces(path, shown))
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


def critical_point_traces(points: Sequence[CriticalPoint]) -> list[go.Scatter]:
    """One trace per kind of critical point (minimum, saddle point, maximum), named so."""
    traces = []
    for kind in PointKind:
        these = [p for p in points if p.kind is kind]
        if not these:
            continue
        traces.append(
            go.Scatter(
                x=[p.x for p in these],
                y=[p.y for p in these],
                customdata=[p.value for p in these],
                mode="markers",
                name=kind.value,
                marker={**MARKERS[kind], "line": {"width": 1, "color": "black"}},
                unselected=_STAY_VISIBLE,
                hovertemplate=kind.value
                + " (%{x:.3g}, %{y:.3g})<br>f = %{customdata:.3g}<extra></extra>",
            )
        )
    return traces


def frame_steps(n: int) -> list[int]:
    """At most MAX_FRAMES step counts from 1 to ``n``, evenly spread, always ending at ``n``."""
    if n < 1:
        return []
    return sorted({int(k) for k in np.linspace(1, n, min(n, MAX_FRAMES))})


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


def _path_traces(path: DescentPath, shown: int | None = None) -> list[go.Scatter]:
    finite = path.points[np.all(np.isfinite(path.points), axis=1)]
    if shown is not None:
        finite = finite[: shown + 1]
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


def values_figure(path: DescentPath) -> go.Figure:
    """f at each step: the "loss curve" of the run.

    A diverging loss grows by orders of magnitude, and on a linear axis every step but
    the last few lies flat on zero; there the axis is logarithmic (of |f| when f is not
    positive throughout), so the steady growth by a factor per step shows as a line.
    """
    values = path.values
    log = path.outcome is Outcome.DIVERGED
    title = "f(w)"
    if log and not np.all(values[np.isfinite(values)] > 0):
        values, title = np.abs(values), "|f(w)|"
    fig = go.Figure(
        go.Scatter(
            x=np.arange(len(values)),
            y=values,
            mode="lines+markers",
            name="f",
            line={"color": PATH_COLOUR},
        )
    )
    fig.update_layout(
        height=240,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title="step",
        yaxis_title=title + (", log scale" if log else ""),
    )
    if log:
        fig.update_yaxes(type="log")
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
