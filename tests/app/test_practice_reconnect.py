"""A tab that reconnects after the server went away: the round named in the address
shows what the store kept, and the same submission is never counted twice."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from db import open_store
from practice.banks import load_catalog
from practice.session import Round, graded_attempt, new_round, submission_key
from practice.variants import grade_variant, make_variant
from ui.open_round import RESUMED
from ui.practice_flow import Desk

DESK = Desk("practice", in_address=True)
PROBLEM = "gd-step-given-gradient"


def _stored_before_the_crash(database_url: str, token: str) -> str:
    """What the old server did before it died: grade and store, keyed by the round."""
    variant = make_variant(load_catalog().problems[PROBLEM], 3)
    current = new_round(PROBLEM, 3, 0.0, token=token)
    result = grade_variant(variant, variant.answer)
    store = open_store(database_url)
    try:
        learner = store.learner("Ana")
        attempt = graded_attempt(variant, result, current, variant.answer, 5.0)
        key = submission_key(current, variant.answer)
        store.record_attempt(learner.id, attempt, submission_key=key)
        store.record_attempt(learner.id, attempt, submission_key=key)  # sent again
        assert len(store.attempts(learner.id)) == 1
    finally:
        store.close()
    return variant.answer


def test_the_reconnected_tab_shows_the_stored_verdict_instead_of_the_check(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    token = "0123456789abcdef"
    _stored_before_the_crash(database_url, token)
    at = open_app(
        "practice",
        learner="Ana",
        query_params={"problem": PROBLEM, "seed": "3", "round": token},
    )
    assert not at.exception
    current = at.session_state[DESK.round_key]
    assert isinstance(current, Round) and current.token == token
    assert current.finished and current.attempts == 1
    assert any(RESUMED in s.value for s in at.success)
    [check] = [b for b in at.button if b.key == DESK.check_key]
    assert check.disabled and check.label == "Answered"


def test_a_round_puts_its_token_in_the_address(open_app: Callable[..., AppTest]) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "4"})
    current = at.session_state[DESK.round_key]
    assert at.query_params["round"] == current.token
    assert at.query_params["seed"] == "4" and at.query_params["problem"] == PROBLEM
