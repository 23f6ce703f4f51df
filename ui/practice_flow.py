"""One variant on screen: prompt, hints, answer, feedback — graded and stored on submit.

The Practice and Review pages share this flow; a ``Desk`` names where each keeps its
state, so the two pages never disturb each other. The order inside ``show`` is the
order of the page. An answer is graded and stored by the submit button's callback —
in the run that submits it, before anything is drawn, so the page then draws the
round as it now is; what was graded is kept in Session State so hints and other
reruns redraw the same feedback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import BadRequest, GradeResult
from practice.limits import LIMITS
from practice.session import (
    Round,
    graded_attempt,
    submission_key,
    with_attempt,
    with_hint,
)
from practice.vocabulary import Kind
from practice.workers import VariantUnavailable, VariantView
from ui import (
    answer_box,
    code_box,
    feedback,
    fresh_variant,
    practice_parts,
    variant_names,
    worked_solution,
)
from ui.local_time import learner_timezone
from ui.plain.labels import variant_caption

# The pages keep reaching the desk's bookkeeping through this module, which draws with it.
from ui.practice_desk import ROUND_PARAM as ROUND_PARAM
from ui.practice_desk import Desk as Desk
from ui.practice_desk import Outcome as Outcome
from ui.practice_desk import clear_round as clear_round
from ui.practice_desk import current_round as current_round
from ui.practice_desk import for_learner as for_learner
from ui.practice_desk import revealed_key
from ui.practice_desk import start_round as start_round
from ui.resources import grading, tenant

if TYPE_CHECKING:
    from db import Learner, Store
    from practice.banks import Catalog

log = logging.getLogger(__name__)

SELF_RATINGS = (("right", "I was right"), ("partly", "Partly"), ("wrong", "I was wrong"))
EMPTY_ANSWER = "Type an answer first, then check it."
EMPTY_CHOICE = "Choose an option first, then check it."
SAME_ANSWER = "You checked this answer already: change it, or open a hint."
SELF_CHECK_FIRST = "Write your answer first: recalling it is the exercise."


def load_variant(catalog: Catalog, current: Round) -> VariantView:
    """The round's variant, made by a grading worker; raises ``LookupError`` with the
    reason when the problem is gone or no variant can be made."""
    if current.problem_id not in catalog.problems:
        raise LookupError(f"the problem `{current.problem_id}` is no longer in the banks")
    found = _variant(catalog, current.problem_id, current.seed)
    if isinstance(found, VariantUnavailable):
        raise LookupError(found.message)
    return found


def _variant(catalog: Catalog, problem_id: str, seed: int) -> VariantView | VariantUnavailable:
    """Variants are deterministic; keep the latest few so a rerun does not ask again.
    The key holds the catalog's identity, so reloaded banks make the variant anew."""
    cache: dict[tuple[int, str, int], VariantView] = st.session_state.setdefault("_variants", {})
    key = (id(catalog), problem_id, seed)
    if key not in cache:
        found = grading().variant(problem_id, seed, tenant=tenant())
        if not isinstance(found, VariantView):
            return found  # not kept: the next run asks again
        if len(cache) > 8:
            cache.clear()
        cache[key] = found
    return cache[key]


def show(desk: Desk, learner: Learner, catalog: Catalog, store: Store) -> Round | None:
    """Draw the round on ``desk`` (a submission was already handled by its button's
    callback); returns the round, or None when its variant cannot be made (the reason
    is on the page)."""
    current = current_round(desk)
    if current is None:
        return None
    try:
        variant = load_variant(catalog, current)
    except LookupError as exc:
        st.error(f"This problem cannot be shown: {exc}. Pick another one.", icon=":material/error:")
        return None
    _header(variant, catalog)
    st.markdown(variant.prompt)
    if variant.parts:  # a problem in parts: its parts draw and check themselves
        practice_parts.show(desk.name, desk.round_key, learner, variant, store)
        return current
    _hints(desk, variant, current)
    if variant.kind == Kind.SELF_CHECK:
        _self_check(desk, learner, variant, store)
    else:
        _answer_and_check(desk, learner, variant, store)
    outcome: Outcome | None = st.session_state.get(desk.outcome_key)
    if outcome is not None:
        _show_outcome(outcome)
        if outcome.saved is not None and outcome.solution_seen and outcome.result.correct:
            problem = current.problem_id

            def start_fresh() -> None:
                seed = fresh_variant.next_seed(desk.name, store, learner, problem, current.seed)
                start_round(desk, problem, seed)

            worked_solution.offer_fresh_numbers(desk, start_fresh)
    if (outcome is not None and outcome.saved is not None) or current.finished:
        worked_solution.show(desk, variant, current_round(desk) or current)
    return current


def _header(variant: VariantView, catalog: Catalog) -> None:
    bank = catalog.topics.get(variant.topic)
    title = bank.title if bank is not None else variant.topic
    st.caption(
        variant_caption(
            title,
            variant.level,
            variant.kind,
            variant.problem_id,
            variant_names.shown(variant.seed),
            parts=len(variant.parts),
        )
    )


def _hints(desk: Desk, variant: VariantView, current: Round) -> None:
    for number, hint in enumerate(variant.hints[: current.hints_shown], start=1):
        st.info(f"**Hint {number}.** {hint}", icon=":material/lightbulb:")
    left = len(variant.hints) - current.hints_shown
    if left > 0 and not current.finished:
        st.button(
            f"Show a hint ({current.hints_shown + 1} of {len(variant.hints)})",
            key=desk.hint_key,
            icon=":material/lightbulb:",
            on_click=_open_hint,
            args=(desk, len(variant.hints)),
            help="Hints are recorded with your answer: a right answer after a hint brings "
            "the problem back sooner than one without.",
        )


def _open_hint(desk: Desk, available: int) -> None:
    current = current_round(desk)
    if current is not None:
        st.session_state[desk.round_key] = with_hint(current, available)


def _answer_and_check(desk: Desk, learner: Learner, variant: VariantView, store: Store) -> None:
    assert current_round(desk) is not None
    check_button = partial(_check_button, desk, learner, variant, store)
    if variant.kind == Kind.CODE:
        code_box.editor(desk.name, learner.id, variant, _last_run(store, learner, variant))
        check_button()
    elif variant.kind == Kind.CHOICE:
        answer_box.chosen_answer(desk.name, variant)
        check_button()
    else:  # the button in the box's fragment: see answer_box.typed_answer
        answer_box.typed_answer(desk.name, variant, check_button)
    _show_notice(desk)


def _check_button(desk: Desk, learner: Learner, variant: VariantView, store: Store) -> None:
    """The check button, drawn from the round as it is now (a run of the answer box's
    fragment alone draws it too). Its callback marks the check (``answer_box.
    mark_checked``), not the button's own value: in a run that carries an edit and the
    click together, the callback runs but the button reads False (streamlit 1.67)."""
    current = current_round(desk)
    st.button(
        _check_label(current, variant) if current else "Check answer",
        key=desk.check_key,
        type="primary",
        icon=":material/task_alt:",
        shortcut="Ctrl+Enter",
        disabled=current is None or current.finished,
        help="Enter (or Ctrl+Enter) in the answer box checks it.",
        on_click=_check,
        args=(desk, learner, variant, store),
    )
    answer_box.clear_checked(desk.name)


def _check_label(current: Round, variant: VariantView) -> str:
    if current.finished:
        return "Answered"
    if variant.kind == Kind.CODE:
        return "Run the tests" if current.attempts == 0 else "Run the tests again"
    return "Check answer" if current.attempts == 0 else "Check again"


def _last_run(store: Store, learner: Learner, variant: VariantView) -> Callable[[], str | None]:
    """The code of the learner's last run of this variant, read only when needed."""
    return lambda: store.last_answer(learner.id, variant.problem_id, variant.seed)


def _check(desk: Desk, learner: Learner, variant: VariantView, store: Store) -> None:
    """The check button's callback. It runs before the page is drawn, so the answer
    box, the button and the feedback are all drawn after the attempt is stored."""
    answer_box.mark_checked(desk.name)
    current = current_round(desk)
    if current is None or current.finished:  # a second Enter before the page redrew
        return
    answer = answer_box.current_answer(desk.name, variant)
    if not answer.strip():
        empty = EMPTY_CHOICE if variant.kind == Kind.CHOICE else EMPTY_ANSWER
        st.session_state[_notice_key(desk)] = empty
        return
    if _already_checked(desk, answer):
        st.session_state[_notice_key(desk)] = SAME_ANSWER
        return
    submit(desk, learner, variant, store, answer, _graded(variant, answer))


def _graded(variant: VariantView, answer: str) -> GradeResult:
    """The grading workers' verdict on ``answer``; one that could not be given (the
    variant gone meanwhile, a bank whose answer cannot be graded) is a result with an
    error, which is never stored."""
    try:
        if variant.kind == Kind.CODE:  # the worker runs the file in the sandbox
            result = grading().grade_code(variant.problem_id, variant.seed, answer, tenant=tenant())
        else:
            result = grading().grade(variant.problem_id, variant.seed, answer, tenant=tenant())
    except BadRequest as exc:
        result = VariantUnavailable(variant.problem_id, variant.seed, str(exc))
    if isinstance(result, VariantUnavailable):
        return GradeResult(False, 0.0, "This answer could not be checked.", result.message)
    return result


def _already_checked(desk: Desk, answer: str) -> bool:
    """Checking the same text again would only store the same wrong attempt twice."""
    last: Outcome | None = st.session_state.get(desk.outcome_key)
    return last is not None and last.saved is not None and last.answer == answer


def _notice_key(desk: Desk) -> str:
    return f"{desk.name}_notice"


def _show_notice(desk: Desk) -> None:
    notice = st.session_state.pop(_notice_key(desk), None)
    if notice:
        st.warning(notice, icon=":material/edit:")


def submit(
    desk: Desk,
    learner: Learner,
    variant: VariantView,
    store: Store,
    answer: str,
    result: GradeResult,
) -> Outcome:
    """Store a graded answer now and move the round on. An unreadable answer, or a near
    miss (rounded too early, radians for degrees), is shown but never stored (it was not
    an attempt); an answer the store failed to keep is shown and leaves the round as it
    was, so it can be submitted again."""
    current = current_round(desk)
    assert current is not None
    if not result.counts:
        outcome = Outcome(result, None)
    else:
        outcome = _record(learner, variant, store, current, answer, result)
    if outcome.saved is not None:  # unsaved, the round stays open to submit again
        final = variant.kind == Kind.SELF_CHECK
        st.session_state[desk.round_key] = with_attempt(
            current, correct=result.correct, final=final
        )
    outcome = replace(outcome, answer=answer, solution_seen=current.solution_seen)
    st.session_state[desk.outcome_key] = outcome
    return outcome


def _record(
    learner: Learner,
    variant: VariantView,
    store: Store,
    current: Round,
    answer: str,
    result: GradeResult,
) -> Outcome:
    from db import InvalidInput, StoreFault, UnknownLearner

    attempt = graded_attempt(variant, result, current, answer, time.monotonic())
    key = submission_key(current, answer)
    try:
        saved = store.record_attempt(
            learner.id, attempt, timezone=learner_timezone(), submission_key=key
        )
    except (InvalidInput, UnknownLearner) as exc:
        return Outcome(result, None, f"your answer was not saved: {exc}")
    except StoreFault as fault:  # the details (file, host, user) are in the server log
        return Outcome(result, None, fault.learner_message)
    except Exception:  # anything else: say so without details, keep the page alive
        log.exception("could not store an attempt at %s", variant.problem_id)
        return Outcome(result, None, StoreFault("failed").learner_message)
    return Outcome(result, saved)


def _self_check(desk: Desk, learner: Learner, variant: VariantView, store: Store) -> None:
    """Write an answer, then compare it with the model answer and rate it; the
    rating is what is graded and stored."""
    current = current_round(desk)
    assert current is not None
    st.text_area(
        "Your answer (saved with your rating; only the rating is graded)",
        key=answer_box.answer_key(desk.name, variant.problem_id, variant.seed),
        max_chars=LIMITS.lengths.written_answer,
    )
    if not st.session_state.get(revealed_key(desk)):
        st.button(
            "Show the model answer",
            key=f"{desk.name}_reveal",
            type="primary",
            on_click=_reveal,
            args=(desk, variant),
        )
        _show_notice(desk)
        return
    st.markdown("**Model answer**")
    with st.container(border=True):
        st.markdown(variant.model_answer)
    if current.finished:
        return
    st.markdown("How did your answer compare?")
    columns = st.columns(len(SELF_RATINGS))
    for column, (rating, label) in zip(columns, SELF_RATINGS, strict=True):
        column.button(
            label,
            key=f"{desk.name}_rate_{rating}",
            on_click=_rate,
            args=(desk, learner, variant, store, rating),
        )


def _reveal(desk: Desk, variant: VariantView) -> None:
    if answer_box.current_answer(desk.name, variant).strip():
        st.session_state[revealed_key(desk)] = True
    else:
        st.session_state[_notice_key(desk)] = SELF_CHECK_FIRST


def _rate(desk: Desk, learner: Learner, variant: VariantView, store: Store, rating: str) -> None:
    """The rating is graded; what the learner wrote is stored as their answer (the
    rating as what it was read as), so their words reach the export and the
    Instructor page."""
    written = answer_box.current_answer(desk.name, variant).strip()
    submit(desk, learner, variant, store, written or rating, _graded(variant, rating))


def _show_outcome(outcome: Outcome) -> None:
    if outcome.result.tests is not None:
        code_box.show_result(outcome.result, outcome.answer)
    else:
        feedback.show_result(outcome.result)
    if outcome.saved is not None:
        feedback.show_saved(outcome.saved, solution_seen=outcome.solution_seen)
    elif outcome.save_error is not None:
        feedback.show_not_saved(outcome.save_error, outcome.answer)
