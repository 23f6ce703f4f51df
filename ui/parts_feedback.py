"""What a part of a problem in parts says once it is checked: its verdict ("right given
your earlier answer" for follow-through), a store failure, and its folded worked
solution. Split from ``ui.practice_parts``, which keeps the chain and its checks."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from practice.variants.follow_through import PartGrade
from practice.vocabulary import Kind
from practice.workers import VariantView
from ui import feedback

FOLLOWED = "Right given your earlier answer."
RESUMED = "Stored before the page was reloaded."
READ_NOTE = (
    "You have read this part's solution, so a right answer to it now counts as practice "
    "and the problem is scheduled as **Again** (seen is not recalled)."
)
SEEN_THEN_RIGHT = (
    "**Seen, not recalled.** This part was answered after reading its worked solution, "
    "so the problem is scheduled as **Again**: it comes back soon."
)


@dataclass
class PartOutcome:
    """The last graded answer to one part, kept for redraws."""

    grade: PartGrade
    answer: str
    saved: bool  # stored as an attempt (an unreadable answer is not one)
    save_error: str | None = None


def show_outcome(outcome: PartOutcome, *, seen: bool = False) -> None:
    """The part's verdict; ``seen``: it was right only after its solution was read."""
    result = outcome.grade.result
    if outcome.grade.follow_through and result.correct:
        st.success(followed_text(outcome.grade), icon=":material/check_circle:")
    else:
        feedback.show_result(result)
    if seen and result.correct:
        st.info(SEEN_THEN_RIGHT, icon=":material/visibility:")
    if outcome.save_error is not None:
        feedback.show_not_saved(outcome.save_error, outcome.answer)


def followed_text(grade: PartGrade) -> str:
    """What a part right only given the learner's own earlier answers says: that it
    counts, which earlier answer it was worked from, and the credit when it is less."""
    earlier = [number for number, _ in grade.given]
    which = "part " + " and ".join(str(n) for n in earlier) if earlier else "an earlier part"
    text = f"**{FOLLOWED}** It follows correctly from your answer to {which}, so it "
    text += "counts: a slip costs only the part where it was made."
    if grade.result.score < 1:
        text += f" This part earns {grade.result.score:.0%} of its credit."
    return text


def solution(view: VariantView, number: int, *, key: str, finished: bool, seen: bool) -> bool:
    """The part's worked solution, folded (in a chain the solutions would push the next
    part off the screen); returns whether it is open. Before the part is finished the
    title says that reading it makes a right answer count as Again (seen is not
    recalled); opening it reruns the page, which marks the part (``with_part_solution_seen``)."""
    title = f"Worked solution — part {number}"
    if not finished:
        title += " — once read, a right answer to this part counts as Again"
    box = st.expander(title, icon=":material/menu_book:", key=key, on_change="rerun")
    with box:
        if (seen or box.open) and not finished:
            st.caption(READ_NOTE)
        if view.kind != Kind.CHOICE and view.answer_latex:
            st.markdown("**Answer**")
            st.latex(view.answer_latex)
        st.markdown(view.solution)
    return bool(box.open)
