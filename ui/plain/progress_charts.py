"""plotly figures for the Progress page, built from the store's records.

No Streamlit here: a figure is data, and the tests read its traces directly. Each
builder takes what a ``Store`` query returns (plus topic titles for labels) and does
its reshaping through ``ui.plain.progress_data``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import plotly.graph_objects as go

from db.records import AccuracyPoint, ActivityDay, DueForecast, LevelMastery
from ui.plain.progress_data import (
    ROLLING_DAYS,
    WEEKDAYS,
    CalendarGrid,
    accuracy_by_topic,
    calendar_grid,
    mastery_grid,
)

ACTIVITY_SCALE = [[0.0, "#ebedf0"], [0.001, "#9be9a8"], [0.5, "#30a14e"], [1.0, "#216e39"]]
MASTERY_SCALE = "RdYlGn"
DUE_NOW_COLOUR = "#d62728"
SCHEDULED_COLOUR = "#1f77b4"
# One clearly different colour per topic (Okabe–Ito, safe for colour-blind readers);
# the default palette pairs dark and light shades of one hue, which read as one topic.
TOPIC_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
DAY_MS = 86_400_000
SHORT_SPAN_DAYS = 7  # a shorter history is widened to this many days, a tick per day
FEW_POINTS = 7  # accuracy lines with at most this many days label each point "3/4"
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def _title(topic: str, titles: Mapping[str, str] | None) -> str:
    return (titles or {}).get(topic, topic)


def accuracy_figure(
    points: Sequence[AccuracyPoint], titles: Mapping[str, str] | None = None
) -> go.Figure:
    """Accuracy per topic over the last week at each day practised, one line per topic;
    the hover says "3 of 4 right" because 100 % of one answer and of twenty are not
    the same news."""
    fig = go.Figure()
    all_days: list[date] = []
    serieses = accuracy_by_topic(points)
    few = max((len(series.days) for series in serieses), default=0) <= FEW_POINTS
    for index, series in enumerate(serieses):
        all_days.extend(series.days)
        fig.add_trace(
            go.Scatter(
                x=[day.isoformat() for day in series.days],
                y=[round(100 * a, 1) for a in series.accuracy],
                mode="lines+markers+text" if few else "lines+markers",
                name=_title(series.topic, titles),
                line={"color": TOPIC_COLOURS[index % len(TOPIC_COLOURS)]},
                # a few points carry their counts, so a lone dot says "3/4", not just 75 %
                text=[f"{c}/{n}" for c, n in zip(series.correct, series.attempts, strict=True)],
                textposition="top center",
                customdata=list(zip(series.correct, series.attempts, strict=True)),
                hovertemplate=f"%{{y:.0f}}% — %{{customdata[0]}} of %{{customdata[1]}} right "
                f"in the {ROLLING_DAYS} days to %{{x}}<extra>%{{fullData.name}}</extra>",
            )
        )
    fig.update_yaxes(
        range=[-5, 105], title_text=f"accuracy, last {ROLLING_DAYS} days", ticksuffix="%"
    )
    _day_axis(fig, all_days)
    fig.update_layout(
        height=340, margin=_MARGIN, legend={"orientation": "h", "y": -0.15}, hovermode="closest"
    )
    return fig


def _day_axis(fig: go.Figure, days: Sequence[date]) -> None:
    """Dates, never times of day: plotly zooms a one-day axis into milliseconds, so a
    short history gets a few days either side and one tick per day."""
    fig.update_xaxes(type="date", tickformat="%-d %b", hoverformat="%a %-d %b")
    if not days:
        return
    first, last = min(days), max(days)
    span = (last - first).days
    if span < SHORT_SPAN_DAYS:
        pad = timedelta(days=max(1, (SHORT_SPAN_DAYS - span) // 2))
        fig.update_xaxes(range=[(first - pad).isoformat(), (last + pad).isoformat()], dtick=DAY_MS)


def activity_figure(activity: Sequence[ActivityDay], today: date) -> go.Figure:
    """A GitHub-style calendar: weeks across, weekdays down, darker for more attempts.
    Weeks are columns 0..n-1 with the months as tick labels, so the cells stay square."""
    grid = calendar_grid(activity, today)
    columns = range(len(grid.weeks))
    dates = [[grid.day(weekday, week).isoformat() for week in columns] for weekday in range(7)]
    heat = go.Heatmap(
        z=[list(row) for row in grid.counts],
        x=list(columns),
        y=list(range(7)),
        name="attempts per day",
        customdata=dates,
        colorscale=ACTIVITY_SCALE,
        zmin=0,
        showscale=False,
        xgap=3,
        ygap=3,
        hoverongaps=False,
        # "answers: 1", never "1 attempts"; the same word as the caption under the calendar
        hovertemplate="%{customdata} — answers: %{z}<extra></extra>",
    )
    ticks = _month_ticks(grid)
    fig = go.Figure(heat)
    # numeric rows (weekday names as tick labels): plotly keeps cells square only
    # when both axes are numeric
    fig.update_yaxes(
        range=[6.5, -0.5],
        tickvals=list(range(7)),
        ticktext=list(WEEKDAYS),
        showgrid=False,
        zeroline=False,
        scaleanchor="x",
        constrain="domain",
    )
    fig.update_xaxes(
        showgrid=False,
        zeroline=False,
        side="top",
        tickvals=[i for i, _ in ticks],
        ticktext=[label for _, label in ticks],
        constrain="domain",
        constraintoward="left",
    )
    fig.update_layout(height=240, margin=_MARGIN, plot_bgcolor="rgba(0,0,0,0)")
    return fig


def _month_ticks(grid: CalendarGrid) -> list[tuple[int, str]]:
    """A tick at each week holding the first of a month, labelled with the month."""
    ticks = []
    for index, monday in enumerate(grid.weeks):
        sunday = monday + timedelta(days=6)
        if monday.day == 1 or sunday.month != monday.month or index == 0:
            first = sunday if sunday.month != monday.month else monday
            ticks.append((index, first.strftime("%b")))
    return ticks


def due_figure(forecast: DueForecast) -> go.Figure:
    """Reviews due per day for the next days; today's bar stacks what is already due
    (overdue included) under what falls due later today."""
    days = [day.isoformat() for day, _ in forecast.per_day]
    fig = go.Figure()
    if days:
        fig.add_trace(
            go.Bar(
                x=days[:1],
                y=[forecast.due_now],
                name="due now",
                marker_color=DUE_NOW_COLOUR,
                hovertemplate="due now (overdue included): %{y}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Bar(
            x=days,
            y=[count for _, count in forecast.per_day],
            name="falls due",
            marker_color=SCHEDULED_COLOUR,
            hovertemplate="%{x}: %{y} reviews<extra></extra>",
        )
    )
    fig.update_layout(
        barmode="stack",
        height=300,
        margin=_MARGIN,
        legend={"orientation": "h", "y": -0.25},
    )
    # two short lines, upright and small enough that 14 days fit a phone's width
    fig.update_xaxes(
        type="date", tickformat="%a<br>%-d", dtick=DAY_MS, tickangle=0, tickfont={"size": 10}
    )
    fig.update_yaxes(
        title_text="reviews", rangemode="tozero", dtick=1 if _small(forecast) else None
    )
    return fig


def _small(forecast: DueForecast) -> bool:
    return max([forecast.due_now, *(n for _, n in forecast.per_day)]) <= 8


def mastery_figure(
    cells: Sequence[LevelMastery], titles: Mapping[str, str] | None = None
) -> go.Figure:
    """Topic × level heatmap of mean mastery (``practice.scheduling.mastery``): recalled
    now and lasting. Blank where none was met."""
    grid = mastery_grid(cells)
    z = [[None if m is None else round(100 * m, 1) for m in row] for row in grid.mastery]
    text = [["" if m is None else f"{m:.0f}%" for m in row] for row in z]
    heat = go.Heatmap(
        z=z,
        x=[f"level {level}" for level in grid.levels],
        y=[_title(topic, titles) for topic in grid.topics],
        name="mastery",
        text=text,
        texttemplate="%{text}",
        customdata=[list(row) for row in grid.problems],
        textfont={"size": 13},
        colorscale=MASTERY_SCALE,
        zmin=0,
        zmax=100,
        xgap=3,
        ygap=3,
        hoverongaps=False,
        colorbar={"title": {"text": "mastery"}, "ticksuffix": "%", "thickness": 12},
        hovertemplate="%{y}, %{x}: %{z:.0f}% mastered (%{customdata} problems met)<extra></extra>",
    )
    fig = go.Figure(heat)
    fig.update_yaxes(autorange="reversed")
    # bare letters under an axis named once: four "level A" labels turn sideways on a phone
    fig.update_xaxes(
        title_text="level",
        side="top",
        tickangle=0,
        tickvals=[f"level {level}" for level in grid.levels],
        ticktext=list(grid.levels),
    )
    fig.update_layout(height=140 + 60 * max(1, len(grid.topics)), margin=_MARGIN)
    return fig
