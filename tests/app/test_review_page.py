"""The Review page in AppTest through app.py, on a fresh SQLite store per test: the
empty states, a due card reviewed as a fresh variant, and the counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from db import Learner, open_store
from practice.banks import Catalog, load_catalog
from practice.session import Attempt, Round
from practice.variants import make_variant
from ui.answer_box import answer_key
from ui.practice_flow import Desk

DESK = Desk("review", is_review=True)
PROBLEM = "gd-step-given-gradient"
OLD_SEED = 11


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def _practised(
    database_url: str,
    learner: Learner,
    when: datetime,
    problem_id: str = PROBLEM,
    correct: bool = False,
) -> None:
    """One stored attempt at ``when``; a wrong one is due again minutes later."""
    store = open_store(database_url)
    try:
        store.record_attempt(
            learner.id,
            Attempt(
                problem_id=problem_id,
                topic="gradient-descent",
                level="A",
                kind="vector",
                seed=OLD_SEED,
                answer="1, 2",
                read_as=None,
                correct=correct,
                score=1.0 if correct else 0.0,
            ),
            when=when,
        )
    finally:
        store.close()


def _metric(at: AppTest, label: str) -> str:
    return str(next(m.value for m in at.metric if m.label == label))


def test_a_new_learner_is_told_to_practise_first(open_app: Callable[..., AppTest]) -> None:
    at = open_app("review", learner="Ana")
    assert any("Nothing to review yet" in i.value for i in at.info)
    assert _metric(at, "Due now") == "0"


def test_without_a_learner_the_page_says_to_pick_one(open_app: Callable[..., AppTest]) -> None:
    at = open_app("review")
    assert any("learner profile in the sidebar" in i.value for i in at.info)


def test_nothing_due_says_when_the_next_review_is(
    open_app: Callable[..., AppTest], add_learner: Callable[[str], Learner], database_url: str
) -> None:
    _practised(database_url, add_learner("Ana"), datetime.now(UTC), correct=True)
    at = open_app("review", learner="Ana")
    [caught_up] = [s.value for s in at.success]
    assert "All caught up" in caught_up and "next review is due" in caught_up
    assert DESK.round_key not in at.session_state or at.session_state[DESK.round_key] is None


def test_a_due_card_is_reviewed_as_a_fresh_variant_and_stored_as_a_review(
    open_app: Callable[..., AppTest],
    add_learner: Callable[[str], Learner],
    database_url: str,
    shipped: Catalog,
) -> None:
    ana = add_learner("Ana")
    _practised(database_url, ana, datetime.now(UTC) - timedelta(days=3))
    at = open_app("review", learner="Ana")
    assert _metric(at, "Due now") == "1"
    assert int(_metric(at, "Due today")) >= 1
    current = at.session_state[DESK.round_key]
    assert isinstance(current, Round)
    assert current.problem_id == PROBLEM and current.is_review
    assert current.seed != OLD_SEED
    variant = make_variant(shipped.problems[PROBLEM], current.seed)
    at.text_input(key=answer_key(DESK.name, PROBLEM, current.seed)).input(variant.answer).run()
    at.button(key=DESK.check_key).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("**Right.**")
    assert any("comes back" in c.value for c in at.caption)
    assert _metric(at, "Due now") == "0"
    store = open_store(database_url)
    try:
        review = store.attempts(ana.id)[-1]
        assert (review.is_review, review.correct, review.seed) == (True, True, current.seed)
        assert store.due_problems(ana.id) == []
    finally:
        store.close()
    at.button(key="review_next").click().run()
    assert any("All caught up" in s.value for s in at.success)


def test_skip_moves_to_the_next_due_problem(
    open_app: Callable[..., AppTest], add_learner: Callable[[str], Learner], database_url: str
) -> None:
    ana = add_learner("Ana")
    _practised(database_url, ana, datetime.now(UTC) - timedelta(days=3))
    _practised(
        database_url, ana, datetime.now(UTC) - timedelta(days=2), "gd-step-given-gradient-3d"
    )
    at = open_app("review", learner="Ana")
    assert _metric(at, "Due now") == "2"
    first = at.session_state[DESK.round_key].problem_id
    at.button(key="review_next").click().run()
    assert at.session_state[DESK.round_key].problem_id != first
