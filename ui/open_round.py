"""The Practice page's open round, kept in the store: a reload, a new tab or a restarted
server shows the same round (problem, seed, typed text, hints opened, solution seen,
attempts so far and the last verdict).

``reopen`` runs when the desk is empty (a new session, or another learner chosen) and
decides with ``practice.session.reopen`` between the learner's open round, the variant
the address links to and a new pick. ``keep`` runs after the page is drawn and writes
the round when anything in it changed since this session last kept it: a session that
only redraws writes nothing, so an idle tab never overwrites a busier one. An edit of
the typed text alone is written a moment later, once per burst of typing (the store's
``soon``); anything else (a new round, a hint, an answer checked) at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import GradeResult
from practice.session import Address, KeptRound, Reopen, Round, is_token, reopen
from practice.vocabulary import Kind
from ui import practice_choice, practice_flow
from ui.answer_box import answer_key, is_multi_answer
from ui.practice_flow import ROUND_PARAM, Desk, Outcome

if TYPE_CHECKING:
    from db import Learner, OpenRound, Store
    from practice.banks import Catalog

log = logging.getLogger(__name__)

RESUMED = "Your last answer to these numbers was stored; here is its verdict."


@dataclass(frozen=True)
class _Kept:
    """What decides whether the round changed since it was last kept."""

    problem_id: str
    seed: int
    token: str
    answer: str
    hints_shown: int
    attempts: int
    finished: bool
    solution_seen: bool


def _kept_key(desk: Desk) -> str:
    return f"{desk.name}_kept"


def reopen_round(desk: Desk, catalog: Catalog, store: Store, learner: Learner) -> Round | None:
    """Put the round the page should open on on ``desk``, or return None when the page
    should pick a problem for the chosen topic."""
    address = _address(catalog)
    try:
        kept = store.open_round(learner.id)
    except Exception:  # the store is down: the address alone decides
        log.exception("could not read the open round of learner %s", learner.id)
        kept = None
    if kept is not None and kept.problem_id not in catalog.problems:
        kept = None  # its problem left the banks
    rule_input = None if kept is None else KeptRound(kept.problem_id, kept.seed, kept.token)
    decision = reopen(rule_input, address)
    if decision == Reopen.STORED and kept is not None:
        return _restore(desk, catalog, store, learner, kept)
    if decision == Reopen.LINK and address is not None:
        return practice_flow.start_round(desk, address.problem_id, address.seed)
    if decision == Reopen.ADDRESSED and address is not None and address.token is not None:
        return _continue_address(desk, store, learner, address)
    return None


def _address(catalog: Catalog) -> Address | None:
    link = practice_choice.deep_link(catalog)
    if link is None:
        return None
    token = st.query_params.get(ROUND_PARAM)
    return Address(*link, token=token if token and is_token(token) else None)


def _restore(
    desk: Desk, catalog: Catalog, store: Store, learner: Learner, kept: OpenRound
) -> Round:
    """The kept round on the desk as it was left: clock, hints, attempts, the text in
    the answer box and the verdict of its last answer."""
    elapsed = max(0.0, (datetime.now(UTC) - kept.started_at).total_seconds())
    current = practice_flow.start_round(desk, kept.problem_id, kept.seed, token=kept.token)
    current = replace(
        current,
        started=time.monotonic() - elapsed,
        hints_shown=kept.hints_shown,
        attempts=kept.attempts,
        finished=kept.finished,
        solution_seen=kept.solution_seen,
    )
    st.session_state[desk.round_key] = current
    _restore_text(desk, catalog, current, kept.answer)
    if current.attempts > 0:
        _restore_verdict(desk, store, learner, current)
    st.session_state[_kept_key(desk)] = _snapshot(desk, current)
    return current


def _restore_text(desk: Desk, catalog: Catalog, current: Round, text: str) -> None:
    """Put ``text`` in the answer widget before it is drawn, in the form it holds."""
    if not text:
        return
    try:
        variant = practice_flow.load_variant(catalog, current)
    except LookupError:
        return  # the page says why the variant cannot be shown
    key = answer_key(desk.name, current.problem_id, current.seed)
    if variant.kind == Kind.CHOICE:
        labels = [label for label, _ in variant.choices]
        if is_multi_answer(variant):
            st.session_state[key] = [label for label in text.split(",") if label in labels]
        elif text in labels:
            st.session_state[key] = text
    else:
        st.session_state[key] = text


def _continue_address(desk: Desk, store: Store, learner: Learner, address: Address) -> Round | None:
    """The round the address names, when this learner stored attempts in it (a tab of a
    server that went away before the round was kept); None otherwise: an address from
    another learner's tab is not this learner's round."""
    assert address.token is not None
    try:
        stored = store.round_submissions(learner.id, address.token)
    except Exception:  # the store is down: start the linked variant afresh
        log.exception("could not look up round %s", address.token)
        stored = None
    if stored is None:
        return None
    current = practice_flow.start_round(desk, address.problem_id, address.seed, token=address.token)
    current = replace(current, attempts=stored.attempts, finished=stored.correct)
    st.session_state[desk.round_key] = current
    _restore_verdict(desk, store, learner, current)
    return current


def _restore_verdict(desk: Desk, store: Store, learner: Learner, current: Round) -> None:
    """The verdict of the round's last stored answer, so the page shows it again rather
    than offering to check an answer that already counted."""
    try:
        stored = store.round_submissions(learner.id, current.token)
    except Exception:
        log.exception("could not look up round %s", current.token)
        return
    if stored is None:
        return
    result = GradeResult(
        stored.correct, stored.score, RESUMED, None, stored.mistake, stored.read_as
    )
    st.session_state[desk.outcome_key] = Outcome(
        result, stored.recorded, answer=stored.answer, solution_seen=current.solution_seen
    )


def keep(desk: Desk, learner: Learner, store: Store) -> None:
    """Keep the round on ``desk`` as the learner's open round, when it changed."""
    current = practice_flow.current_round(desk)
    if current is None:
        return
    snapshot = _snapshot(desk, current)
    if st.session_state.get(_kept_key(desk)) == snapshot:
        return
    from db import OpenRound

    shown_for = timedelta(seconds=max(0.0, time.monotonic() - current.started))
    before = st.session_state.get(_kept_key(desk))
    only_typed = before is not None and replace(before, answer=snapshot.answer) == snapshot
    try:
        store.keep_open_round(
            learner.id,
            OpenRound(**asdict(snapshot), started_at=datetime.now(UTC) - shown_for),
            soon=only_typed,  # an edit waits a moment for the next (db.deferred)
        )
    except Exception:  # kept on the next change; the round on screen is unaffected
        log.exception("could not keep the open round of learner %s", learner.id)
        return
    st.session_state[_kept_key(desk)] = snapshot


def _snapshot(desk: Desk, current: Round) -> _Kept:
    value = st.session_state.get(answer_key(desk.name, current.problem_id, current.seed))
    if isinstance(value, list | tuple):
        text = ",".join(str(label) for label in value)
    else:
        text = "" if value is None else str(value)
    return _Kept(
        current.problem_id,
        current.seed,
        current.token,
        text,
        current.hints_shown,
        current.attempts,
        current.finished,
        current.solution_seen,
    )
