"""A problem in parts after a reload or a reconnect: the chain rebuilt from the store.

The round's token (in the address, or the kept open round) names what it stored
(``Store.round_parts``): each part's tries and hints replay into the chain
(``practice.session.chain.replayed``), each part's last answer goes back in its box with
its stored verdict, and the chain's review, if there is one, keeps it from being rated
again. Split from ``ui.practice_parts``, which calls ``resume`` for a fresh chain.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from practice.grading import GradeResult
from practice.session.chain import replayed
from practice.variants.follow_through import PartGrade
from practice.vocabulary import Kind
from practice.workers import VariantView
from ui import answer_box, parts_feedback

if TYPE_CHECKING:
    from db import Store
    from ui.practice_parts import ChainDesk

log = logging.getLogger(__name__)


def resume(
    store: Store,
    learner_id: int,
    variant: VariantView,
    state: ChainDesk,
    part_desk: Callable[[int], str],
) -> None:
    """Rebuild ``state`` from the parts its round already stored; ``part_desk`` names
    the desk each part's widgets are keyed under."""
    token = state.chain.round.token
    try:
        stored = store.round_parts(learner_id, token)
    except Exception:  # the store is down: the chain simply starts afresh
        log.exception("could not look up the parts of round %s", token)
        return
    if not stored.parts:
        return
    known = [p for p in stored.parts if 1 <= p.part <= len(variant.parts)]
    tries = [(p.part, p.correct, p.follow_through, p.hints_used) for p in known]
    state.chain = replayed(state.chain, tries, rated=stored.review is not None)
    state.review = stored.review
    for part in known:
        result = GradeResult(
            part.correct, part.score, parts_feedback.RESUMED, None, part.mistake, part.read_as
        )
        grade = PartGrade(part.part, result, part.follow_through)
        state.outcomes[part.part] = parts_feedback.PartOutcome(grade, part.answer, saved=True)
        state.checked[part.part] = part.answer
        _put_back(variant.part(part.part), part_desk(part.part), part.answer)


def _put_back(view: VariantView, desk: str, answer: str) -> None:
    """The stored answer back in its part's box (set before the box is drawn)."""
    key = answer_box.answer_key(desk, view.problem_id, view.seed)
    if view.kind == Kind.CHOICE and answer_box.is_multi_answer(view):
        st.session_state[key] = [label for label in answer.split(",") if label]
    else:
        st.session_state[key] = answer
