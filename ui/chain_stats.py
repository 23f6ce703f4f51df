"""Where in a chain learners slip, on the Progress page (one learner) and the
Instructor page's class statistics (everyone, and one problem in detail).

Nothing is drawn until someone has answered a problem in parts. The figure is
``ui.plain.chain_charts``; the numbers are ``Store.part_accuracy`` (first tries only).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

import streamlit as st

from ui.plain import chain_charts
from ui.resources import Unavailable, catalog

if TYPE_CHECKING:
    from db import Learner, PartAccuracy, Store

EXPLAINED = (
    "First tries at each part of the problems in parts. *Right given an earlier answer*: "
    "the part was worked correctly from a wrong answer to an earlier part (the slip was "
    "upstream). The first part with many wrong first tries is where the chain breaks."
)


def problem_titles() -> dict[str, str]:
    """Problem titles by id, for labels; none (the ids are shown) if the banks are away."""
    try:
        return {pid: problem.spec.title or pid for pid, problem in catalog().problems.items()}
    except Unavailable:
        return {}


def _slips_line(rows: list[PartAccuracy], titles: Mapping[str, str], who: str) -> str:
    slips = chain_charts.first_slips(rows)[:3]
    if not slips:
        return f"No wrong first try at any part: {who} worked every chain through."
    named = "; ".join(
        f"{titles.get(s.problem_id) or s.problem_id}, part {s.part} "
        f"({s.wrong} of {s.first_tries} first tries wrong)"
        for s in slips
    )
    return f"Where {who} slip most: {named}."


def show_learner(store: Store, learner: Learner) -> None:
    """Progress: the learner's own first tries per part, if they have worked a chain."""
    rows = store.part_accuracy(learner.id)
    if not rows:
        return
    titles = problem_titles()
    st.subheader("Where in a chain you slip")
    st.plotly_chart(chain_charts.part_accuracy_figure(rows, titles), key="pg_chain_parts")
    st.caption(f"{_slips_line(rows, titles, 'you')} {EXPLAINED}")


def show_class(store: Store, learners: Collection[int] | None) -> None:
    """Instructor: the first tries per part of every problem in parts, of ``learners``
    (class mode: the chosen course's students) or of everyone (None)."""
    rows = store.part_accuracy(learners=learners)
    if not rows:
        return
    titles = problem_titles()
    st.markdown("**Where learners slip in chains**")
    st.plotly_chart(chain_charts.part_accuracy_figure(rows, titles), key="ins_chain_parts")
    st.caption(f"{_slips_line(rows, titles, 'learners')} {EXPLAINED}")


def show_problem(store: Store, problem_id: str, learners: Collection[int] | None) -> None:
    """Instructor, one problem in detail: its parts, if it is a problem in parts."""
    rows = store.part_accuracy(problem_id=problem_id, learners=learners)
    if not rows:
        return
    st.markdown("**First tries per part**")
    st.plotly_chart(
        chain_charts.part_accuracy_figure(rows, {problem_id: "this problem"}),
        key="ins_chain_problem",
    )
