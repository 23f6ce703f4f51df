"""Recording attempts: one transaction for the attempt, its review state and its log;
UTC in and out; hostile values bounded rather than crashing or being lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db import InvalidInput, RecordedAttempt, Store, UnknownLearner
from db.models import ANSWER_MAX, TEST_TEXT_MAX, AttemptRow, ReviewLogRow, ReviewStateRow
from practice.grading.results import TestResult
from practice.session import Attempt

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def attempt(**overrides: Any) -> Attempt:
    """An attempt with every field sane but those overridden; the overrides may hold
    values of the wrong type on purpose, as a careless caller could pass them."""
    values: dict[str, Any] = {
        "problem_id": "grad-basic-1",
        "topic": "gradients",
        "level": "B",
        "kind": "vector",
        "seed": 7,
        "answer": "(2x, 3)",
        "read_as": r"\left(2 x, 3\right)",
        "correct": True,
        "score": 1.0,
        "seconds": 60.0,
    }
    values.update(overrides)
    return Attempt(**values)


def record(store: Store, learner_id: int, when: datetime = T0, **overrides: Any) -> RecordedAttempt:
    return store.record_attempt(learner_id, attempt(**overrides), when=when)


def count(store: Store, table: Any) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def test_attempt_state_and_log_are_written_together(store: Store) -> None:
    ana = store.learner("ana")
    saved = record(store, ana.id)
    assert saved.rating == 3 and saved.due > T0
    (row,) = store.attempts(ana.id)
    assert row.id == saved.attempt_id and row.learner == "ana" and row.created_at == T0
    with store.engine.connect() as connection:
        state = connection.execute(select(ReviewStateRow)).one()
        log = connection.execute(select(ReviewLogRow)).one()
    assert state.id == saved.review_state_id and state.due == saved.due and state.reviews == 1
    assert log.attempt_id == saved.attempt_id and log.rating == 3 and log.duration_ms == 60_000


def test_every_attempt_reviews_the_same_card(store: Store) -> None:
    ana = store.learner("ana")
    first = record(store, ana.id, correct=False, score=0.0)
    second = record(store, ana.id, when=T0 + timedelta(minutes=5), seed=8)
    assert first.review_state_id == second.review_state_id
    assert (first.rating, second.rating) == (1, 3)
    assert count(store, ReviewStateRow) == 1 and count(store, ReviewLogRow) == 2


def test_a_right_answer_after_reading_the_solution_is_scheduled_as_again(store: Store) -> None:
    ana = store.learner("ana")
    record(store, ana.id, correct=False, score=0.0)
    peeked = record(
        store, ana.id, when=T0 + timedelta(minutes=1), attempt_number=2, solution_seen=True
    )
    assert peeked.rating == 1  # Again, where a plain retry would be Hard
    assert store.attempts(ana.id)[-1].correct  # the answer itself is kept as it was graded
    with store.engine.connect() as connection:
        ratings = list(connection.scalars(select(ReviewLogRow.rating).order_by(ReviewLogRow.id)))
    assert ratings == [1, 1]


def test_unknown_learner_writes_nothing(store: Store) -> None:
    with pytest.raises(UnknownLearner):
        record(store, 999)
    assert count(store, AttemptRow) == 0 and count(store, ReviewStateRow) == 0


def test_times_are_stored_as_utc_whatever_the_zone(store: Store) -> None:
    ana = store.learner("ana")
    tokyo = T0.astimezone(timezone(timedelta(hours=9)))
    record(store, ana.id, when=tokyo)
    (row,) = store.attempts(ana.id)
    assert row.created_at == T0 and row.created_at.tzinfo is UTC
    (due,) = store.due_problems(ana.id, now=T0 + timedelta(days=400))
    assert due.due.tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        record(store, ana.id, when=T0.replace(tzinfo=None))


def test_hostile_answers_are_kept_within_bounds(store: Store) -> None:
    ana = store.learner("ana")
    nasty = "\x00" + "\ud800" + "x" * (ANSWER_MAX * 3) + "'); DROP TABLE attempts; --"
    record(store, ana.id, answer=nasty, read_as="\x00" * 10)
    (row,) = store.attempts(ana.id)
    assert len(row.answer) == ANSWER_MAX and "\x00" not in row.answer
    assert row.read_as is not None and "\x00" not in row.read_as
    record(store, ana.id, answer="'); DROP TABLE attempts; --")
    assert count(store, AttemptRow) == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"score": float("nan")},
        {"problem_id": ""},
        {"problem_id": "p" * 500},
        {"topic": "\x00"},
        {"seed": -1},
        {"seed": 2**70},
        {"hints_used": -3},
        {"attempt_number": 0},
        {"mistake": "m" * 100},
        {"seed": "abc"},
        {"hints_used": float("inf")},
        {"score": "lots"},
    ],
)
def test_invalid_values_are_refused_and_nothing_is_written(
    store: Store, bad: dict[str, Any]
) -> None:
    ana = store.learner("ana")
    with pytest.raises(InvalidInput):
        record(store, ana.id, **bad)
    assert count(store, AttemptRow) == 0


def test_odd_numbers_are_clamped_not_refused(store: Store) -> None:
    ana = store.learner("ana")
    record(store, ana.id, score=7.0, seconds=float("inf"), hints_used=10**9, mistake="  ")
    (row,) = store.attempts(ana.id)
    # An infinite duration is no measurement: kept as unknown (NULL), not as 0 s.
    assert (row.score, row.seconds, row.hints_used, row.mistake) == (1.0, None, 1000, None)


def test_an_unmeasured_duration_is_kept_as_unknown(store: Store) -> None:
    ana = store.learner("ana")
    saved = record(store, ana.id, seconds=None)
    (row,) = store.attempts(ana.id)
    assert row.seconds is None and saved.rating == 3  # Good: right, how fast is unknown
    with store.engine.connect() as connection:
        assert connection.scalar(select(ReviewLogRow.duration_ms)) is None


def test_a_broken_clock_never_earns_easy(store: Store) -> None:
    ana = store.learner("ana")
    for seconds in (float("nan"), -5.0, float("-inf")):
        saved = record(store, ana.id, level="A", seconds=seconds)
        assert saved.rating == 3  # Good: right, but how fast is unknown
    assert record(store, ana.id, level="A", seconds=3.0).rating == 4


def test_due_queue_is_most_overdue_first(store: Store) -> None:
    ana = store.learner("ana")
    bea = store.learner("bea")
    record(store, ana.id, problem_id="p1", correct=False, score=0)
    record(store, ana.id, problem_id="p2", correct=False, score=0, when=T0 + timedelta(hours=1))
    record(store, ana.id, problem_id="p3", seconds=1, level="A")
    record(store, bea.id, problem_id="p1", correct=False, score=0)
    assert store.due_problems(ana.id, now=T0) == []
    due = store.due_problems(ana.id, now=T0 + timedelta(days=1))
    assert [d.problem_id for d in due] == ["p1", "p2"]
    assert all(d.due <= T0 + timedelta(days=1) for d in due)
    far = store.due_problems(ana.id, now=T0 + timedelta(days=365))
    assert [d.problem_id for d in far] == ["p1", "p2", "p3"]
    assert len(store.due_problems(ana.id, now=T0 + timedelta(days=365), limit=1)) == 1


def test_review_seed_differs_from_recent_ones(store: Store) -> None:
    ana = store.learner("ana")
    for seed in range(5):
        record(store, ana.id, seed=seed, when=T0 + timedelta(minutes=seed))
    assert store.recent_seeds(ana.id, "grad-basic-1") == [4, 3, 2, 1, 0]
    assert store.recent_seeds(ana.id, "grad-basic-1", limit=2) == [4, 3]
    for _ in range(20):
        assert store.fresh_seed(ana.id, "grad-basic-1") not in range(5)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_answer_text_comes_back_as_typed(store: Store, text: str) -> None:
    ana = store.learner("ana")
    saved = record(store, ana.id, answer=text, read_as=text)
    row = next(r for r in store.attempts(ana.id) if r.id == saved.attempt_id)
    expected = text.replace("\x00", "\ufffd")
    assert (row.answer, row.read_as) == (expected, expected)


def test_a_code_attempt_keeps_its_whole_file_and_its_test_results(store: Store) -> None:
    ana = store.learner("ana")
    source = "def numerical_gradient(f, v, h=1e-5):\n" + "    pass  # padding\n" * 400
    tests = (
        TestResult("test 1", True, "on f(x, y) = x*y, v = (1, 2): got (2, 1)"),
        TestResult("leaves v unchanged", False, "expected (1, 2), got (0, 2)" + "!" * 3000),
    )
    record(store, ana.id, kind="code", answer=source, read_as=None, score=0.5, tests=tests)
    record(store, ana.id, kind="vector", answer="x" * (ANSWER_MAX + 10))
    code, typed = store.attempts(ana.id)
    assert len(source) > ANSWER_MAX and code.answer == source  # a file is kept whole
    assert len(typed.answer) == ANSWER_MAX and typed.tests is None
    kept = json.loads(code.tests or "")
    assert [t["name"] for t in kept] == ["test 1", "leaves v unchanged"]
    assert [t["passed"] for t in kept] == [True, False]
    assert kept[1]["message"].startswith("expected (1, 2), got (0, 2)")
    assert len(kept[1]["message"]) == TEST_TEXT_MAX
