"""The worked solution, and the rule that reading it ends the recall of these numbers.

Anki's rule: seen is not recalled. Once the learner opens the worked solution of a
variant they have not yet answered right, the round remembers it
(``practice.session.with_solution_seen``) and a right answer to that variant is stored
and scheduled as Again (``practice.scheduling.rating_for``). The expander says so
before it is opened, and after such an answer the page offers fresh numbers to recall
the method for real.

The expander tracks its state (streamlit's ``on_change``), so opening it reruns the
page and the round is marked in that run, before any later answer is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from practice.session import Round, with_solution_seen
from practice.vocabulary import Kind
from practice.workers import VariantView

if TYPE_CHECKING:
    from ui.practice_flow import Desk

TITLE = "Worked solution"
TITLE_BEFORE_RECALL = "Worked solution — once read, a right answer to these numbers counts as Again"
READ_NOTE = (
    "You have read the solution for these numbers, so a right answer to them now counts "
    "as practice and is scheduled as **Again** (seen is not recalled). Fresh numbers, "
    "*Next variant*, let you recall the method for real."
)
SEEN_THEN_RIGHT = (
    "**Seen, not recalled.** You answered after reading the worked solution, so this "
    "answer is stored as practice and the problem is scheduled as **Again**: it comes back "
    "soon. Try fresh numbers now to recall the method for real."
)
FRESH_LABEL = "Fresh numbers — recall it for real"


def solution_key(desk: Desk, current: Round) -> str:
    """The expander's widget key: one per round, so a new variant starts closed."""
    return f"{desk.name}_solution_{current.token}"


def show(desk: Desk, variant: VariantView, current: Round) -> None:
    """The worked solution in an expander, open once the round is answered right; the
    learner opening it before then marks the round as seen."""
    if variant.kind == Kind.SELF_CHECK and variant.solution.strip() == variant.model_answer.strip():
        return  # the model answer is already on the page
    box = st.expander(
        TITLE if current.finished else TITLE_BEFORE_RECALL,
        expanded=current.finished,
        icon=":material/menu_book:",
        key=solution_key(desk, current),
        on_change="rerun",
    )
    with box:
        if box.open and not current.finished:
            current = with_solution_seen(current)
            st.session_state[desk.round_key] = current
        if current.solution_seen and not current.finished:
            st.caption(READ_NOTE)
        if variant.kind not in (Kind.SELF_CHECK, Kind.CHOICE) and variant.answer_latex:
            st.markdown("**Answer**")
            st.latex(variant.answer_latex)
        st.markdown(variant.solution)


def offer_fresh_numbers(desk: Desk, start_fresh: Callable[[], None]) -> None:
    """After a right answer given with the solution read: why it counts as Again, and a
    button to a fresh variant of the same problem."""
    st.info(SEEN_THEN_RIGHT, icon=":material/visibility:")
    st.button(
        FRESH_LABEL,
        key=f"{desk.name}_fresh_after_seen",
        icon=":material/casino:",
        type="primary",
        on_click=start_fresh,
    )
