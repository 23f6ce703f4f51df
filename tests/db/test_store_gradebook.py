"""The gradebook queries on SQLite and PostgreSQL: first-try accuracy beside overall,
per student and per problem, the commonest mistakes per problem, only among the
learners asked for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from db import Store
from db.records import MistakeCount
from practice.session import Attempt

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _answer(
    store: Store,
    learner_id: int,
    problem_id: str,
    correct: bool,
    number: int,
    mistake: str | None = None,
    minutes: int = 0,
) -> None:
    store.record_attempt(
        learner_id,
        Attempt(
            problem_id=problem_id,
            topic="gradients" if problem_id.startswith("g") else "partials",
            level="A",
            kind="number",
            seed=1,
            answer="1" if correct else "2",
            read_as="1" if correct else "2",
            correct=correct,
            score=float(correct),
            mistake=mistake,
            attempt_number=number,
        ),
        when=T0 + timedelta(minutes=minutes),
    )


def test_first_try_accuracy_leaves_retries_aside(store: Store) -> None:
    ana, ben, other = store.learner("Ana"), store.learner("Ben"), store.learner("Other")
    # Ana: wrong, wrong, right on retries of one variant; Ben: right at once
    _answer(store, ana.id, "g1", False, 1, "sign-error", minutes=1)
    _answer(store, ana.id, "g1", False, 2, "sign-error", minutes=2)
    _answer(store, ana.id, "g1", True, 3, minutes=3)
    _answer(store, ben.id, "g1", True, 1, minutes=4)
    _answer(store, ben.id, "p1", False, 1, "wrong-variable", minutes=5)
    _answer(store, other.id, "g1", False, 1, "descent-sign", minutes=6)

    (g1, p1) = store.problem_overview([ana.id, ben.id])
    assert (g1.problem_id, g1.attempts, g1.correct) == ("g1", 4, 2)
    assert (g1.first_tries, g1.first_correct, g1.first_try_accuracy) == (2, 1, 0.5)
    assert p1.first_try_accuracy == 0.0
    everyone = {s.problem_id: s for s in store.problem_overview()}
    assert everyone["g1"].first_tries == 3

    rows = store.student_summaries([ana.id, ben.id, 999], now=T0 + timedelta(hours=1))
    assert sorted(rows) == [ana.id, ben.id, 999]
    assert (rows[ana.id].attempts, rows[ana.id].accuracy) == (3, 1 / 3)
    assert rows[ana.id].first_try_accuracy == 0.0
    assert rows[ben.id].first_try_accuracy == 0.5
    assert rows[ben.id].last_active == T0 + timedelta(minutes=5)
    assert set(rows[ana.id].mastery) == {"gradients"}
    assert set(rows[ben.id].mastery) == {"gradients", "partials"}
    assert rows[999].attempts == 0 and rows[999].first_try_accuracy is None

    mistakes = store.mistakes_per_problem([ana.id, ben.id])
    assert [(p.problem_id, p.mistakes) for p in mistakes] == [
        ("g1", (MistakeCount("sign-error", 2),)),
        ("p1", (MistakeCount("wrong-variable", 1),)),
    ]
    all_g1 = next(p for p in store.mistakes_per_problem(None) if p.problem_id == "g1")
    assert all_g1.mistakes == (MistakeCount("sign-error", 2), MistakeCount("descent-sign", 1))
    assert store.mistakes_per_problem([]) == [] and store.problem_overview([]) == []
