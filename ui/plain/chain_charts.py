"""Where in a chain learners slip: the figure the Progress and Instructor pages draw.

No Streamlit here. The input is ``Store.part_accuracy()``: per part of each problem in
parts, the first tries right against the reference, right only given the learner's own
earlier answers (follow-through: the slip was earlier in the chain) and wrong. Each
part is one horizontal bar split into those three shares, the parts of a problem one
under another, so the part where the red starts is where the chain breaks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from db.records import PartAccuracy

# Okabe–Ito, safe for colour-blind readers: right, right given an earlier slip, wrong.
RIGHT_COLOUR = "#009E73"
FOLLOWED_COLOUR = "#56B4E9"
WRONG_COLOUR = "#D55E00"
BAR_HEIGHT = 26  # pixels per bar
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def part_label(row: PartAccuracy, titles: Mapping[str, str] | None = None) -> str:
    """ "Title · part 2" (the problem id when no title is known)."""
    title = (titles or {}).get(row.problem_id) or row.problem_id
    return f"{title} · part {row.part}"


def part_accuracy_figure(
    rows: Sequence[PartAccuracy], titles: Mapping[str, str] | None = None
) -> go.Figure:
    """One stacked bar per part: the shares of first tries right, right given an earlier
    answer, and wrong; problems and their parts in order, top to bottom."""
    ordered = sorted(rows, key=lambda r: (r.problem_id, r.part))
    labels = [part_label(r, titles) for r in ordered]
    fig = go.Figure()
    for name, colour, counts in (
        ("right", RIGHT_COLOUR, [r.right for r in ordered]),
        ("right given an earlier answer", FOLLOWED_COLOUR, [r.followed for r in ordered]),
        ("wrong", WRONG_COLOUR, [r.wrong for r in ordered]),
    ):
        shares = [round(100 * r.share(n), 1) for r, n in zip(ordered, counts, strict=True)]
        fig.add_bar(
            x=shares,
            y=labels,
            orientation="h",
            name=name,
            marker_color=colour,
            text=[f"{n}" if n else "" for n in counts],
            textposition="inside",
            customdata=[(n, r.first_tries) for r, n in zip(ordered, counts, strict=True)],
            hovertemplate="%{y}: %{customdata[0]} of %{customdata[1]} first tries "
            f"{name} (%{{x:.0f}}%)<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=140 + BAR_HEIGHT * len(ordered),
        margin=_MARGIN,
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "traceorder": "normal",
        },
    )
    fig.update_xaxes(
        range=[0, 100],
        title_text="first tries (%)",
        ticksuffix="%",
        tickvals=[0, 25, 50, 75, 100],
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    return fig


@dataclass(frozen=True)
class Slip:
    """The part of one problem where most first tries went wrong."""

    problem_id: str
    part: int
    wrong: int
    first_tries: int


def first_slips(rows: Sequence[PartAccuracy]) -> list[Slip]:
    """Per problem, the part with the largest share of wrong first tries (the earliest
    on a tie), for problems with any wrong first try; worst first."""
    by_problem: dict[str, PartAccuracy] = {}
    for row in sorted(rows, key=lambda r: (r.problem_id, r.part)):
        best = by_problem.get(row.problem_id)
        if row.wrong and (best is None or row.share(row.wrong) > best.share(best.wrong)):
            by_problem[row.problem_id] = row
    slips = [Slip(r.problem_id, r.part, r.wrong, r.first_tries) for r in by_problem.values()]
    return sorted(slips, key=lambda s: (-s.wrong / s.first_tries, s.problem_id))
