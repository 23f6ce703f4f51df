"""A problem in parts on the Practice and Review pages: each part with its own answer
box, live reading, check, feedback, hints and worked solution.

``ui.practice_flow.show`` draws the problem's header and stem, then hands a problem in
parts to ``show`` here. The parts appear one after another (each once the one before
it has been answered, right or wrong) or all at once with one check for all, as the
bank says (``reveal``). Grading goes to the worker pool like a one-part answer
(``Grading.grade_parts``): a part is graded with the learner's last checked answers to
the parts before it, so a part computed from a wrong earlier answer can be right "given
your earlier answer" (follow-through).

Each checked part is stored as an attempt of its own (``Store.record_parts``) under a
submission key made from the round and the answers graded, so a submission sent twice
counts once. The problem is one review card: the check that completes the chain (every
part answered once) reviews it, rated from all parts (``practice.session.chain``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import BadRequest, GradeResult
from practice.session import Attempt, Round, submission_key
from practice.session.attempt import graded_part_attempt
from practice.session.chain import (
    ChainRound,
    PartVerdict,
    as_rated,
    needs_rating,
    new_chain,
    with_part_hint,
    with_part_solution_seen,
    with_parts_graded,
)
from practice.variants.follow_through import PartGrade
from practice.vocabulary import Kind, Reveal
from practice.workers import VariantUnavailable, VariantView
from ui import answer_box, feedback, parts_feedback, parts_resume
from ui.local_time import learner_timezone
from ui.resources import grading, tenant

if TYPE_CHECKING:
    from db import Learner, RecordedAttempt, Store

log = logging.getLogger(__name__)

EMPTY_PART = "Type an answer to this part first, then check it."
EMPTY_PARTS = "Answer every part first, then check them."
SAME_PART = "You checked this answer already: change it, or open a hint."
NOTHING_NEW = "Every part was checked with these answers already: change one, or open a hint."
KEY_SEPARATOR = "\x1f"


@dataclass
class ChainDesk:
    """A problem in parts on a desk: its chain, the answers checked and their verdicts,
    and the card's review once the chain is complete. Kept in Session State per round."""

    chain: ChainRound
    checked: dict[int, str] = field(default_factory=dict)  # part -> last stored answer
    outcomes: dict[int, parts_feedback.PartOutcome] = field(default_factory=dict)
    review: RecordedAttempt | None = None
    notices: dict[int, str] = field(default_factory=dict)  # part (0: all) -> warning


def part_desk(desk_name: str, number: int) -> str:
    """The desk name a part's widgets are keyed under: its answer box is
    ``<desk>_part<N>_answer_<problem>_<seed>``, its check button ``<desk>_part<N>_check``
    (so Enter in the box presses that part's button, ``ui.enter_to_check``)."""
    return f"{desk_name}_part{number}"


def all_check_key(desk_name: str) -> str:
    return f"{desk_name}_parts_check"


def chain_key(desk_name: str) -> str:
    """Where the desk's ``ChainDesk`` is kept in Session State."""
    return f"{desk_name}_chain"


def chain_desk(desk_name: str) -> ChainDesk | None:
    """The chain on the desk now (tests read it)."""
    found: ChainDesk | None = st.session_state.get(chain_key(desk_name))
    return found


def _state(context: _Context, current: Round) -> ChainDesk:
    """The chain of the round on screen; a new round (another token) starts a new one,
    rebuilt from what the store holds of that round (a reload, a reconnect)."""
    found = chain_desk(context.desk_name)
    if found is None or found.chain.round.token != current.token:
        variant = context.variant
        found = ChainDesk(new_chain(current, len(variant.parts), variant.reveal))
        parts_resume.resume(
            context.store,
            context.learner.id,
            variant,
            found,
            lambda number: part_desk(context.desk_name, number),
        )
        st.session_state[chain_key(context.desk_name)] = found
    return found


def show(
    desk_name: str, round_key: str, learner: Learner, variant: VariantView, store: Store
) -> None:
    """Draw the parts of ``variant`` on the desk ``desk_name`` (whose round is kept under
    ``round_key``); a check was already handled by its button's callback."""
    current: Round | None = st.session_state.get(round_key)
    if current is None:
        return
    context = _Context(desk_name, round_key, learner, variant, store)
    state = _state(context, current)
    for number in range(1, state.chain.shown + 1):
        _part(context, state, number)
    if state.chain.reveal == Reveal.ALL_AT_ONCE:
        st.button(
            "Answered" if state.chain.finished else "Check all parts",
            key=all_check_key(desk_name),
            type="primary",
            icon=":material/task_alt:",
            disabled=state.chain.finished,
            on_click=_check_all,
            args=(context,),
        )
        _notice(state, 0)
    elif state.chain.shown < len(variant.parts):
        left = len(variant.parts) - state.chain.shown
        st.caption(f"{left} more part{'s' if left > 1 else ''} after this one.")
    if state.review is not None:
        feedback.show_saved(state.review)


@dataclass(frozen=True)
class _Context:
    """What a part's callbacks need, passed to them whole."""

    desk_name: str
    round_key: str
    learner: Learner
    variant: VariantView
    store: Store


def _part(context: _Context, state: ChainDesk, number: int) -> None:
    part = context.variant.parts[number - 1]
    view = context.variant.part(number)
    progress = state.chain.part(number)
    name = part_desk(context.desk_name, number)
    with st.container(border=True, key=f"{name}_box"):
        uses = ""
        if part.depends_on:
            which = ", ".join(str(n) for n in part.depends_on)
            uses = f" · uses your answer{'s' if len(part.depends_on) > 1 else ''} to part {which}"
        st.markdown(f"**Part {number} of {len(context.variant.parts)}**{uses}")
        st.markdown(part.prompt)
        _hints(context, state, number)
        one_by_one = state.chain.reveal == Reveal.ONE_BY_ONE
        check = partial(_check_button, context, number)
        if part.kind == Kind.CHOICE:
            answer_box.chosen_answer(name, view)
            if one_by_one:
                check()
        else:  # one by one, the button in the box's fragment; all at once, one button
            # for every box, so the boxes rerun the page (see answer_box.typed_answer)
            answer_box.typed_answer(name, view, check if one_by_one else None, alone=one_by_one)
        if one_by_one:
            _notice(state, number)
        outcome = state.outcomes.get(number)
        if outcome is not None:
            parts_feedback.show_outcome(outcome, seen=progress.seen_before_right)
        if progress.attempts > 0:
            key = f"{name}_solution_{state.chain.round.token}"
            seen = progress.solution_seen
            opened = parts_feedback.solution(
                view, number, key=key, finished=progress.finished, seen=seen
            )
            if opened and not seen and not progress.finished:
                state.chain = with_part_solution_seen(state.chain, number)


def _check_button(context: _Context, number: int) -> None:
    """A part's check button, drawn from the chain as it is now (a run of the answer
    box's fragment alone draws it too)."""
    state = chain_desk(context.desk_name)
    progress = state.chain.part(number) if state is not None else None
    name = part_desk(context.desk_name, number)
    st.button(
        _check_label(progress.finished, progress.attempts) if progress else "Check this part",
        key=f"{name}_check",
        type="primary",
        icon=":material/task_alt:",
        disabled=progress is None or progress.finished,
        help="Enter in the answer box checks this part.",
        on_click=_check_part,
        args=(context, number),
    )
    answer_box.clear_checked(name)


def _check_label(finished: bool, attempts: int) -> str:
    if finished:
        return "Answered"
    return "Check this part" if attempts == 0 else "Check again"


def _hints(context: _Context, state: ChainDesk, number: int) -> None:
    hints = context.variant.parts[number - 1].hints
    progress = state.chain.part(number)
    for index, hint in enumerate(hints[: progress.hints_shown], start=1):
        st.info(f"**Hint {index}.** {hint}", icon=":material/lightbulb:")
    if progress.hints_shown < len(hints) and not progress.finished:
        st.button(
            f"Show a hint ({progress.hints_shown + 1} of {len(hints)})",
            key=f"{part_desk(context.desk_name, number)}_hint",
            icon=":material/lightbulb:",
            on_click=_open_hint,
            args=(context.desk_name, number, len(hints)),
            help="Hints are recorded with the part: a chain finished with a hint "
            "comes back sooner than one without.",
        )


def _open_hint(desk_name: str, number: int, available: int) -> None:
    state = chain_desk(desk_name)
    if state is not None:
        state.chain = with_part_hint(state.chain, number, available)


def _notice(state: ChainDesk, number: int) -> None:
    notice = state.notices.pop(number, None)
    if notice:
        st.warning(notice, icon=":material/edit:")


def _answer(context: _Context, number: int) -> str:
    view = context.variant.part(number)
    return answer_box.current_answer(part_desk(context.desk_name, number), view).strip()


def _check_part(context: _Context, number: int) -> None:
    """One part's check button (one by one): grade it with the learner's last checked
    answers to the parts before it, and store it."""
    answer_box.mark_checked(part_desk(context.desk_name, number))
    state = chain_desk(context.desk_name)
    if state is None or state.chain.part(number).finished:
        return
    answer = _answer(context, number)
    if not answer:
        state.notices[number] = EMPTY_PART
        return
    if state.checked.get(number) == answer:
        state.notices[number] = SAME_PART
        return
    answers = [state.checked.get(earlier, "") for earlier in range(1, number)] + [answer]
    grades = _graded(context.variant, answers)
    _submit(context, state, answers, [grades[number - 1]])


def _check_all(context: _Context) -> None:
    """The one check of a problem whose parts are all shown: every part graded together;
    the parts not yet finished whose answer changed are stored."""
    state = chain_desk(context.desk_name)
    if state is None or state.chain.finished:
        return
    answers = [_answer(context, n) for n in range(1, len(context.variant.parts) + 1)]
    if not all(answers):
        state.notices[0] = EMPTY_PARTS
        return
    fresh = [
        n
        for n, answer in enumerate(answers, start=1)
        if not state.chain.part(n).finished and state.checked.get(n) != answer
    ]
    if not fresh:
        state.notices[0] = NOTHING_NEW
        return
    grades = _graded(context.variant, answers)
    _submit(context, state, answers, [grades[n - 1] for n in fresh])


def _graded(variant: VariantView, answers: list[str]) -> tuple[PartGrade, ...]:
    """The grading workers' verdicts on the first ``len(answers)`` parts; a grading that
    gave none is a verdict with an error for each, which is never stored."""
    try:
        found = grading().grade_parts(variant.problem_id, variant.seed, answers, tenant=tenant())
    except BadRequest as exc:
        found = VariantUnavailable(variant.problem_id, variant.seed, str(exc))
    if isinstance(found, VariantUnavailable):
        unchecked = GradeResult(False, 0.0, "This answer could not be checked.", found.message)
        return tuple(PartGrade(n, unchecked) for n in range(1, len(answers) + 1))
    return found.parts


def _submit(
    context: _Context, state: ChainDesk, answers: list[str], grades: list[PartGrade]
) -> None:
    """Store the counted parts in one go and move the chain on; an unreadable answer is
    shown but not stored, and an answer the store failed to keep leaves its part open."""
    for grade in grades:
        state.outcomes[grade.number] = parts_feedback.PartOutcome(
            grade, answers[grade.number - 1], saved=False
        )
    counted = [grade for grade in grades if grade.result.counts]
    if not counted:
        return
    before = state.chain
    after = with_parts_graded(
        before, [PartVerdict(g.number, g.correct, g.follow_through) for g in counted]
    )
    rate = needs_rating(before, after)
    now = time.monotonic()
    attempts = [
        graded_part_attempt(
            context.variant,
            grade,
            before,
            answers[grade.number - 1],
            now,
            kind=context.variant.parts[grade.number - 1].kind,
        )
        for grade in counted
    ]
    keys = [
        submission_key(before.round, KEY_SEPARATOR.join([str(g.number), *answers[: g.number]]))
        for g in counted
    ]
    error = _store(context, attempts, keys, after if rate else None, state)
    for grade in counted:
        answer = answers[grade.number - 1]
        state.outcomes[grade.number] = parts_feedback.PartOutcome(
            grade, answer, error is None, error
        )
        if error is None:
            state.checked[grade.number] = answer
    if error is None:
        state.chain = as_rated(after) if rate else after
        _round_moved_on(context, state.chain, len(counted))


def _store(
    context: _Context,
    attempts: list[Attempt],
    keys: list[str],
    completed: ChainRound | None,
    state: ChainDesk,
) -> str | None:
    """Store the attempts (reviewing the card when ``completed``); None, or why not."""
    from db import InvalidInput, StoreFault, UnknownLearner

    standings = completed.standings() if completed is not None else None
    try:
        saved = context.store.record_parts(
            context.learner.id,
            attempts,
            keys=keys,
            standings=standings,
            timezone=learner_timezone(),
        )
    except (InvalidInput, UnknownLearner) as exc:
        return f"your answer was not saved: {exc}"
    except StoreFault as fault:  # the details (file, host, user) are in the server log
        return fault.learner_message
    except Exception:  # anything else: say so without details, keep the page alive
        log.exception("could not store parts of %s", context.variant.problem_id)
        return StoreFault("failed").learner_message
    if saved.review is not None:
        state.review = saved.review
    return None


def _round_moved_on(context: _Context, chain: ChainRound, tries: int) -> None:
    """Keep the desk's round in step: its tries, and finished once every part is."""
    current: Round | None = st.session_state.get(context.round_key)
    if current is not None and current.token == chain.round.token:
        st.session_state[context.round_key] = replace(
            current, attempts=current.attempts + tries, finished=chain.finished
        )
