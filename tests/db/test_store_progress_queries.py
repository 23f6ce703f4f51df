"""The queries the Progress page adds: mastery per topic and level, mistakes per topic.

Run on SQLite and PostgreSQL through ``tests/db``'s ``store`` fixture.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import Store
from practice.session import Attempt

DAY0 = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def _record(
    store: Store,
    learner_id: int,
    problem: str,
    *,
    topic: str,
    level: str,
    correct: bool,
    mistake: str | None = None,
    minute: int = 0,
) -> None:
    store.record_attempt(
        learner_id,
        Attempt(
            problem_id=problem,
            topic=topic,
            level=level,
            kind="number",
            seed=minute,
            answer="1" if correct else "2",
            read_as=None,
            correct=correct,
            score=1.0 if correct else 0.0,
            mistake=mistake,
            seconds=20.0,
        ),
        when=DAY0 + timedelta(minutes=minute),
    )


def test_mastery_per_topic_and_level_agrees_with_mastery_per_topic(store: Store) -> None:
    ana = store.learner("ana").id
    _record(store, ana, "g1", topic="gradients", level="A", correct=True)
    _record(store, ana, "g2", topic="gradients", level="A", correct=True, minute=1)
    _record(store, ana, "g3", topic="gradients", level="C", correct=False, minute=2)
    _record(store, ana, "p1", topic="partials", level="B", correct=True, minute=3)
    now = DAY0 + timedelta(days=3)
    cells = {(m.topic, m.level): m for m in store.mastery_by_level(ana, now=now)}
    assert list(cells) == [("gradients", "A"), ("gradients", "C"), ("partials", "B")]
    assert cells["gradients", "A"].problems == 2
    # a problem answered wrong is remembered less well than two answered right
    assert 0.0 < cells["gradients", "C"].mastery < cells["gradients", "A"].mastery <= 1.0
    per_topic = {m.topic: m for m in store.mastery_by_topic(ana, now=now)}
    mean = (2 * cells["gradients", "A"].mastery + cells["gradients", "C"].mastery) / 3
    assert per_topic["gradients"].mastery == pytest.approx(mean)
    assert per_topic["partials"].mastery == cells["partials", "B"].mastery
    assert store.mastery_by_level(store.learner("bea").id, now=now) == []


def test_mistakes_per_topic_commonest_first_and_only_the_learners(store: Store) -> None:
    ana = store.learner("ana").id
    bea = store.learner("bea").id
    _record(store, ana, "d1", topic="descent", level="A", correct=False, mistake="descent-sign")
    _record(
        store,
        ana,
        "d2",
        topic="descent",
        level="B",
        correct=False,
        mistake="descent-sign",
        minute=1,
    )
    _record(
        store,
        ana,
        "g1",
        topic="gradients",
        level="A",
        correct=False,
        mistake="sign-error",
        minute=2,
    )
    _record(
        store, ana, "p1", topic="partials", level="A", correct=False, mistake="sign-error", minute=3
    )
    _record(store, ana, "p1", topic="partials", level="A", correct=True, minute=4)
    for minute in range(5):
        _record(
            store,
            bea,
            "p1",
            topic="partials",
            level="A",
            correct=False,
            mistake="held-variable-zero",
            minute=10 + minute,
        )
    found = [(m.tag, m.topic, m.count) for m in store.mistakes_by_topic(ana)]
    assert found == [
        ("descent-sign", "descent", 2),
        ("sign-error", "gradients", 1),
        ("sign-error", "partials", 1),
    ]
    assert [(m.tag, m.topic) for m in store.mistakes_by_topic(ana, limit=1)] == [
        ("descent-sign", "descent")
    ]
    assert store.mistakes_by_topic(store.learner("cleo").id) == []
