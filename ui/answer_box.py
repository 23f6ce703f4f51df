"""The answer widgets, one per kind of problem, and the live "we read this as" line.

A typed answer is read again whenever the learner pauses (``live``), which is what
"as the learner types" can mean in Streamlit: reading is cheap (bounded by the reader's
limits) and is never an attempt, and only the box and its reading rerun (a fragment). Widget keys carry the problem and seed, so a new
variant starts with an empty box.

The boxes are never disabled, not even once the round is over (the check button is):
a text box that turns disabled in the very run its last edit arrives through the
button's Ctrl+Enter shortcut falls back to its previous value (streamlit 1.67), so
the learner would see an answer they did not submit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from practice.grading import BadRequest, ReadPreview
from practice.limits import LIMITS
from practice.vocabulary import Kind
from practice.workers import VariantView
from ui import enter_to_check, variant_names
from ui.feedback import show_reading
from ui.resources import grading, tenant

LIVE_PAUSE = "300ms"
PLACEHOLDERS = {
    Kind.NUMBER: "a number or expression, e.g. 2.5, 3/4, 2*sqrt(5), e^2",
    Kind.EXPRESSION: "an expression in {variables}, e.g. 6x y^2 + cos(y)",
    Kind.VECTOR: "components separated by commas, e.g. (1.5, -2)",
}


def answer_key(desk: str, problem_id: str, seed: int) -> str:
    """The widget key of the answer to one variant (tests and the benchmark use it)."""
    return f"{desk}{enter_to_check.ANSWER_KEY_MARK}{problem_id}_{variant_names.shown(seed)}"


def after_edit(desk: str, hook: Callable[[], None]) -> None:
    """Have ``hook`` run after an edit of ``desk``'s answer box that reran only the box
    (a full run of the page runs its own steps after drawing). The Practice page keeps
    the typed text of its open round this way (``ui.open_round.keep``); set it on every
    run, before the box is drawn, so it holds this run's learner and store."""
    st.session_state[_hook_key(desk)] = hook


def _hook_key(desk: str) -> str:
    return f"_{desk}_after_edit"


def _only_fragments_run() -> bool:
    context = get_script_run_ctx()
    return context is not None and bool(context.fragment_ids_this_run)


def typed_answer(
    desk: str,
    variant: VariantView,
    check_button: Callable[[], None] | None = None,
    *,
    alone: bool = True,
) -> str:
    """A text box for number, expression and vector answers, with the live reading;
    Enter in it checks the answer.

    The box and its reading are a fragment: an edit reruns only them, not the page
    (the sidebar, the choice of topic, the prompt, the hints: some 30 ms of a 40 ms
    rerun, docs/capacity.md). ``check_button`` draws the check button inside the same
    fragment. A click right after typing
    arrives with the box's last edit, and streamlit 1.67 runs the two as one run of
    the fragment alone: a button outside it would be ignored (a browser test clicks at
    once after typing). After a check in such a run the whole page runs again at once,
    which draws the box and the verdict.

    ``alone=False`` draws the box in the page, not in a fragment, for a check button
    that cannot be in the box's fragment (one button for several boxes): an edit then
    reruns the page, and the click that comes with it is not dropped."""
    enter_to_check.install()
    draw = _live_answer if alone else _answer_and_reading
    text: str | None = draw(desk, variant, check_button)
    return text or ""


def mark_checked(desk: str) -> None:
    """For a check button's callback: a check was made on ``desk`` in this run."""
    st.session_state[_checked_key(desk)] = True


def clear_checked(desk: str) -> None:
    """For the check button, once drawn: the mark of this run's check has served (a run
    of the box's fragment alone reads it before the button), so a later typing run does
    not take it for a new check."""
    st.session_state.pop(_checked_key(desk), None)


def _checked_key(desk: str) -> str:
    return f"_{desk}_checked"


def _answer_and_reading(
    desk: str, variant: VariantView, check_button: Callable[[], None] | None
) -> str:
    if (
        check_button is not None
        and _only_fragments_run()
        and _checked_key(desk) in st.session_state
    ):
        # The check's callback has run: the verdict is the page's to draw, and the page
        # draws this box too. Drawing it here first cost a third of a submit's run.
        st.rerun()
    variables = ", ".join(variant.variables) or "the variables"
    text = st.text_input(
        "Your answer",
        key=answer_key(desk, variant.problem_id, variant.seed),
        max_chars=LIMITS.lengths.typed_answer,
        placeholder=PLACEHOLDERS.get(variant.kind, "").format(variables=variables),
        live=LIVE_PAUSE,
        help="Write maths as on paper: `2x`, `x^2`, `sin(x)`, `sqrt(2)`, `pi`, `(3, -4)`. "
        "Enter checks the answer.",
    )
    enter_to_check.paste_note(LIMITS.lengths.typed_answer)
    text = text or ""
    if text.strip():
        try:
            show_reading(_reading(desk, variant, text))
        except BadRequest:  # a kind the reader does not know: the bank's fault, not theirs
            st.caption("This problem's answers cannot be previewed.")
    hook = st.session_state.get(_hook_key(desk))
    if hook is not None and _only_fragments_run():
        hook()
    if check_button is not None:
        check_button()
    return text


_live_answer = st.fragment(_answer_and_reading)


def _reading(desk: str, variant: VariantView, text: str) -> ReadPreview:
    """The workers' reading of ``text``, asked once per text: every full run of the
    page (a check, a hint opened) draws the box again with the text it has just read.
    Only a text that could be read is remembered; one that took too long is asked
    again."""
    asked = (variant.kind, text, tuple(variant.variables))
    last = st.session_state.get(_reading_key(desk))
    if last is not None and last[0] == asked:
        return cast(ReadPreview, last[1])
    reading = grading().preview(variant.kind, text, variant.variables, tenant=tenant())
    if reading.ok:
        st.session_state[_reading_key(desk)] = (asked, reading)
    return reading


def _reading_key(desk: str) -> str:
    return f"_{desk}_last_reading"


def is_multi_answer(variant: VariantView) -> bool:
    """Choice problems whose answer names several options take a multiselect."""
    return variant.kind == Kind.CHOICE and "," in variant.answer


def chosen_answer(desk: str, variant: VariantView) -> str:
    """Radio buttons for one right option, a multiselect when several are right;
    the result is the labels as the grader reads them (``A`` or ``A,C``)."""
    texts = dict(variant.choices)
    labels = list(texts)
    if is_multi_answer(variant):
        for label in labels:
            st.markdown(f"**{label}.** {texts[label]}")
        picked = st.multiselect(
            "Your answer — pick every option that is true",
            labels,
            key=answer_key(desk, variant.problem_id, variant.seed),
            placeholder="Choose options",
        )
        return ",".join(picked)
    one = st.radio(
        "Your answer",
        labels,
        index=None,
        key=answer_key(desk, variant.problem_id, variant.seed),
        format_func=lambda label: f"**{label}.** {texts[label]}",
        help="Arrow keys move between the options; Enter checks the one chosen.",
    )
    enter_to_check.install()
    return one or ""


def current_answer(desk: str, variant: VariantView) -> str:
    """The answer as the widgets hold it now, in the form the grader reads; callbacks
    read it here because they run before the widgets are drawn again."""
    value = st.session_state.get(answer_key(desk, variant.problem_id, variant.seed))
    if isinstance(value, list | tuple):
        return ",".join(str(label) for label in value)
    return "" if value is None else str(value)
