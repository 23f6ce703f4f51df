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


@dataclass
class PartOutcome:
    """The last graded answer to one part, kept for redraws."""

    grade: PartGrade
    answer: str
    saved: bool  # stored as an attempt (an unreadable answer is not one)
    save_error: str | None = None


def show_outcome(outcome: PartOutcome) -> None:
    result = outcome.grade.result
    if outcome.grade.follow_through and result.correct:
        st.success(followed_text(outcome.grade), icon=":material/check_circle:")
    else:
        feedback.show_result(result)
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


def solution(view: VariantView, number: int) -> None:
    """Folded: in a chain the solutions would push the next part off the screen."""
    with st.expander(f"Worked solution — part {number}", icon=":material/menu_book:"):
        if view.kind != Kind.CHOICE and view.answer_latex:
            st.markdown("**Answer**")
            st.latex(view.answer_latex)
        st.markdown(view.solution)
