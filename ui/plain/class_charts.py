"""plotly figures for the Instructor page's class statistics.

No Streamlit here: each builder takes what ``Store.problem_overview()`` or
``Store.top_mistakes()`` returns and gives a figure the tests can read.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from db.records import MistakeCount, ProblemSummary
from practice.vocabulary import mistake_name

_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
BAR_HEIGHT = 26  # pixels per bar
HARDEST_SHOWN = 15


def accuracy_per_problem_figure(
    summaries: Sequence[ProblemSummary], limit: int = HARDEST_SHOWN
) -> go.Figure:
    """Accuracy of the ``limit`` hardest problems, hardest on top, red to green; the
    hover gives the attempts and learners behind each percentage. (Every problem is
    in the page's table; a chart of a hundred bars would say less.)"""
    ordered = sorted(summaries, key=lambda s: (s.accuracy, -s.attempts, s.problem_id))[:limit]
    bars = go.Bar(
        x=[round(100 * s.accuracy, 1) for s in ordered],
        y=[s.problem_id for s in ordered],
        orientation="h",
        name="accuracy",
        marker={
            "color": [100 * s.accuracy for s in ordered],
            "colorscale": "RdYlGn",
            "cmin": 0,
            "cmax": 100,
        },
        # a label on every bar: at 0 % a bar has no length, and the row looked empty
        text=[f"{100 * s.accuracy:.0f}% ({s.correct}/{s.attempts})" for s in ordered],
        textposition="outside",
        cliponaxis=False,
        customdata=[(s.correct, s.attempts, s.learners) for s in ordered],
        hovertemplate="%{y}: %{x:.0f}% — %{customdata[0]} of %{customdata[1]} right, "
        "%{customdata[2]} learners<extra></extra>",
    )
    fig = go.Figure(bars)
    fig.update_xaxes(
        range=[0, 118], title_text="accuracy (%)", ticksuffix="%", tickvals=[0, 50, 100]
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.update_layout(height=120 + BAR_HEIGHT * len(ordered), margin=_MARGIN)
    return fig


def mistake_tags_figure(mistakes: Sequence[MistakeCount]) -> go.Figure:
    """How often each mistake tag was recognised across the class, commonest on top."""
    bars = go.Bar(
        x=[m.count for m in mistakes],
        # the names learners see on Practice and Progress; the tag (as in the CLI) on hover
        y=[mistake_name(m.tag) for m in mistakes],
        customdata=[m.tag for m in mistakes],
        orientation="h",
        name="mistakes",
        marker_color="#d62728",
        hovertemplate="%{y} (%{customdata}): %{x} times<extra></extra>",
    )
    fig = go.Figure(bars)
    fig.update_xaxes(title_text="times recognised", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=120 + BAR_HEIGHT * len(mistakes), margin=_MARGIN)
    return fig
