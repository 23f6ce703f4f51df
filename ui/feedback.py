"""Draw what the grader and the scheduler said: the reading, the verdict, the due date.

Only drawing here; the words about time come from ``practice.session.wording`` and the
verdict from ``practice.grading.GradeResult``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import GradeResult, ReadPreview
from practice.session import describe_due, describe_rating
from practice.vocabulary import mistake_name
from ui.local_time import browser_zone

if TYPE_CHECKING:
    from db import RecordedAttempt

READ_AS = "We read this as"
UNREADABLE = "We could not read this yet"
# What a wrong answer's box says when the grader has nothing more specific than "no".
TRY_AGAIN = "Try again, open a hint, or read the worked solution below."
NOT_COUNTED = (
    "We could not read this answer, so it was not counted: see why under the box, "
    "fix it and check again."
)
CLOSE_NOT_COUNTED = "This try was not counted: fix it and check again."


def show_reading(reading: ReadPreview) -> None:
    """ "We read this as …" in LaTeX, or why the text cannot be read and what to try."""
    if reading.ok and reading.latex is not None:
        st.caption(f"{READ_AS}:")
        st.latex(reading.latex)
        return
    show_unreadable(reading.error or "", reading.suggestion)


def show_unreadable(error: str, suggestion: str | None) -> None:
    message, _, caret = error.partition("\n")
    text = f"**{UNREADABLE}:** {message}"
    if suggestion:
        text += f"  \nDid you mean `{suggestion}`?"
    st.warning(text, icon=":material/help:")
    if caret:
        st.code(caret, language=None)


def show_result(result: GradeResult) -> None:
    """Right or wrong, the partial credit per component, and the named mistake. How
    the answer was read is already under the answer box (``show_reading``)."""
    if result.error is not None:
        st.warning(NOT_COUNTED, icon=":material/help:")
        return
    if not result.counted:  # a near miss: nearly right, and not an attempt
        st.warning(f"**{result.feedback}** {CLOSE_NOT_COUNTED}", icon=":material/straighten:")
        return
    if result.correct:
        st.success(
            f"**Right.** {_extra(result.feedback, 'Correct.')}", icon=":material/check_circle:"
        )
    elif result.score > 0:
        st.warning(
            f"**Partly right — {result.score:.0%} credit.** {result.feedback}",
            icon=":material/rule:",
        )
    else:
        st.error(
            f"**Not right.** {_extra(result.feedback, 'Not correct.') or TRY_AGAIN}",
            icon=":material/cancel:",
        )
    if result.component_correct and not result.correct:
        st.markdown(components_line(result.component_correct))
    if result.mistake:
        st.info(
            f"**Mistake recognised:** {mistake_name(result.mistake)}",
            icon=":material/lightbulb:",
        )


def components_line(marks: tuple[bool, ...]) -> str:
    """ "component 1 ✓ · component 2 ✗" for a vector answer."""
    return " · ".join(
        f"component {i} {'✓' if right else '✗'}" for i, right in enumerate(marks, start=1)
    )


def show_saved(
    saved: RecordedAttempt, now: datetime | None = None, *, solution_seen: bool = False
) -> None:
    """When the problem comes back, from the FSRS schedule the store just wrote. "Counted
    as", not "Rated": on a self-check the learner has just rated their own answer, and
    "Partly" then "Rated Again" read as two ratings that disagree."""
    moment = now or datetime.now(UTC)
    when = describe_due(saved.due, moment, browser_zone())
    st.caption(
        f":material/event_repeat: Saved, counted as **{describe_rating(saved.rating, solution_seen=solution_seen)}**; "
        f"this problem comes back **{when}**."
    )


def show_not_saved(reason: str, answer: str = "") -> None:
    """The answer was graded but not kept: say why (no paths, hosts or user names: those
    are in the server log) and show the text, so nothing typed is lost."""
    st.error(
        f"{reason[:1].upper()}{reason[1:]}. It is still below and in the answer box: "
        "check it again once the store works.",
        icon=":material/cloud_off:",
    )
    if answer:
        st.code(answer, language=None, wrap_lines=True)


def _extra(feedback: str, plain: str) -> str:
    """The grader's feedback without the bare word we already show."""
    rest = feedback.strip()
    return rest[len(plain) :].strip() if rest.startswith(plain) else rest
