"""Where a page keeps its round in Session State: the ``Desk``, the last ``Outcome``,
and starting, reading and clearing a round.

Kept apart from ``ui.practice_flow`` (which draws a round) so the pieces that only
bookkeep, used by the pages, the open round and the parts, read on their own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import GradeResult
from practice.session import Round, new_round
from ui import enter_to_check, variant_names

if TYPE_CHECKING:
    from db import Learner, RecordedAttempt

ROUND_PARAM = "round"


@dataclass(frozen=True)
class Desk:
    """Where one page keeps its round: ``practice`` or ``review``. A desk ``in_address``
    keeps its round's problem, seed and token in the page's address (``?problem=…&
    seed=…&round=…``), so a reload or a reconnect to a restarted server comes back to it."""

    name: str
    is_review: bool = False
    in_address: bool = False

    @property
    def round_key(self) -> str:
        return f"{self.name}_round"

    @property
    def outcome_key(self) -> str:
        return f"{self.name}_outcome"

    @property
    def check_key(self) -> str:
        return f"{self.name}{enter_to_check.CHECK_KEY_SUFFIX}"

    @property
    def hint_key(self) -> str:
        return f"{self.name}_hint"


@dataclass(frozen=True)
class Outcome:
    """The last graded submission of the round, kept for redraws."""

    result: GradeResult
    saved: RecordedAttempt | None  # None: not counted (unreadable) or the store failed
    save_error: str | None = None
    answer: str = ""  # the text that was graded
    solution_seen: bool = False  # graded after the worked solution was read


def for_learner(desk: Desk, learner: Learner) -> None:
    """Clear the desk when another learner was chosen in the sidebar: a round, its
    feedback and its clock belong to the learner who started it."""
    owner_key = f"{desk.name}_learner_id"
    if st.session_state.get(owner_key) != learner.id:
        clear_round(desk)
        st.session_state[owner_key] = learner.id


def current_round(desk: Desk) -> Round | None:
    found: Round | None = st.session_state.get(desk.round_key)
    return found


def start_round(desk: Desk, problem_id: str, seed: int, *, token: str | None = None) -> Round:
    """Put a new variant on the desk; the clock for ``seconds`` starts now. ``token``
    continues a round kept or named by the address (``ui.open_round``)."""
    fresh = new_round(problem_id, seed, time.monotonic(), is_review=desk.is_review, token=token)
    st.session_state[desk.round_key] = fresh
    st.session_state.pop(desk.outcome_key, None)
    st.session_state.pop(revealed_key(desk), None)
    if desk.in_address:
        st.query_params.update(
            problem=problem_id, seed=variant_names.shown(seed), round=fresh.token
        )
    return fresh


def clear_round(desk: Desk) -> None:
    st.session_state.pop(desk.round_key, None)
    st.session_state.pop(desk.outcome_key, None)


def revealed_key(desk: Desk) -> str:
    """Where a self-check keeps whether its model answer is shown."""
    return f"{desk.name}_revealed"
