"""Problems in parts in the store: an attempt per part with its part number, its
follow-through flag and the earlier answers it used; one card review per chain, rated
from all its parts; submissions stored once; the part columns in the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fsrs import Rating
from sqlalchemy import func, select

from db import InvalidInput, Store
from db.cli import write_csv, write_json
from db.models import AttemptRow, ReviewLogRow, ReviewStateRow
from practice.session import Attempt
from practice.session.chain import PartStanding

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FIRST, WRONG, FOLLOWED = PartStanding.FIRST_TRY, PartStanding.WRONG, PartStanding.FOLLOWED
CONTRACT_COLUMNS = [
    "id", "learner", "problem_id", "topic", "level", "kind", "seed", "answer", "read_as",
    "correct", "score", "mistake", "hints_used", "attempt_number", "seconds", "is_review",
    "created_at", "tests",
]  # fmt: skip


def part(number: int, **overrides: Any) -> Attempt:
    values: dict[str, Any] = {
        "problem_id": "chain-descent-1",
        "topic": "gradient-descent",
        "level": "C",
        "kind": "vector",
        "seed": 11,
        "answer": f"answer {number}",
        "read_as": None,
        "correct": True,
        "score": 1.0,
        "seconds": 200.0,
        "part": number,
        "follow_through": False,
    }
    values.update(overrides)
    return Attempt(**values)


def count(store: Store, table: Any) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def test_parts_are_stored_one_by_one_and_the_chain_reviewed_once(store: Store) -> None:
    ana = store.learner("ana")
    one = store.record_parts(ana.id, [part(1, correct=False, score=0.0)], when=T0)
    two = store.record_parts(
        ana.id,
        [part(2, follow_through=True, given=((1, "(2, 3)"),))],
        when=T0 + timedelta(seconds=30),
    )
    assert one.review is None and two.review is None
    assert count(store, ReviewStateRow) == 0 and count(store, ReviewLogRow) == 0
    three = store.record_parts(
        ana.id,
        [part(3, follow_through=True, given=((1, "(2, 3)"), (2, "(0.8, 0.7)")))],
        standings=(WRONG, FOLLOWED, FOLLOWED),
        when=T0 + timedelta(seconds=60),
    )
    assert three.review is not None and three.review.rating == Rating.Again
    assert count(store, ReviewStateRow) == 1 and count(store, ReviewLogRow) == 1
    with store.engine.connect() as connection:
        log = connection.execute(select(ReviewLogRow)).one()
    assert log.attempt_id == three.attempt_ids[0]
    rows = store.attempts(ana.id)
    assert [(r.part, r.correct, r.follow_through) for r in rows] == [
        (1, False, False),
        (2, True, True),
        (3, True, True),
    ]
    assert rows[0].given is None
    assert json.loads(rows[2].given or "") == [[1, "(2, 3)"], [2, "(0.8, 0.7)"]]


@pytest.mark.parametrize(
    ("standings", "seconds", "rating"),
    [
        ((FIRST, FIRST, FIRST), 200.0, Rating.Good),
        ((FIRST, FIRST, FIRST), 30.0, Rating.Easy),
        ((PartStanding.RIGHT, FOLLOWED, FIRST), 30.0, Rating.Hard),
        ((FIRST, WRONG, FIRST), 30.0, Rating.Again),
    ],
)
def test_the_chain_rating_is_stored_with_the_card(
    store: Store, standings: tuple[PartStanding, ...], seconds: float, rating: Rating
) -> None:
    ana = store.learner("ana")
    parts = [part(n, seconds=seconds) for n in (1, 2, 3)]
    saved = store.record_parts(ana.id, parts, standings=standings, when=T0)
    assert saved.review is not None and saved.review.rating == rating
    with store.engine.connect() as connection:
        logged = connection.execute(select(ReviewLogRow.rating)).scalar_one()
        state = connection.execute(select(ReviewStateRow)).one()
    assert logged == rating.value and state.problem_id == "chain-descent-1"
    assert state.reviews == 1 and len(saved.attempt_ids) == 3


def test_a_submission_sent_twice_is_stored_and_rated_once(store: Store) -> None:
    ana = store.learner("ana")
    parts = [part(1), part(2), part(3)]
    keys = ["0123456789abcdef:p1aa", "0123456789abcdef:p2bb", "0123456789abcdef:p3cc"]
    standings = (FIRST, FIRST, FIRST)
    first = store.record_parts(ana.id, parts, keys=keys, standings=standings, when=T0)
    again = store.record_parts(
        ana.id, parts, keys=keys, standings=standings, when=T0 + timedelta(minutes=1)
    )
    assert again == first
    assert count(store, AttemptRow) == 3 and count(store, ReviewLogRow) == 1
    retry = store.record_parts(
        ana.id, [part(2, answer="other")], keys=["0123456789abcdef:p2dd"], when=T0
    )
    assert retry.review is None and count(store, AttemptRow) == 4


def test_parts_are_refused_without_a_part_number_or_with_a_wild_one(store: Store) -> None:
    ana = store.learner("ana")
    with pytest.raises(InvalidInput):
        store.record_parts(ana.id, [part(1, part=None)])
    with pytest.raises(InvalidInput):
        store.record_parts(ana.id, [part(99)])
    with pytest.raises(InvalidInput):
        store.record_parts(ana.id, [])
    assert count(store, AttemptRow) == 0


def test_one_part_attempts_keep_the_part_columns_empty(store: Store) -> None:
    ana = store.learner("ana")
    single = part(1, part=None, follow_through=None, given=((1, "x"),))
    store.record_attempt(ana.id, single, when=T0)
    (row,) = store.attempts(ana.id)
    assert (row.part, row.follow_through, row.given) == (None, None, None)


def test_export_keeps_the_contract_columns_and_adds_the_parts(store: Store) -> None:
    ana = store.learner("ana")
    store.record_parts(
        ana.id,
        [part(1, correct=False, score=0.0), part(2, given=((1, "(2, 3)"),), follow_through=True)],
        standings=(WRONG, FOLLOWED),
        when=T0,
    )
    rows = store.attempts(ana.id)
    out = io.StringIO()
    write_csv(rows, out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert header[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert header[len(CONTRACT_COLUMNS) :] == ["part", "follow_through", "given"]
    assert [(r["part"], r["follow_through"]) for r in table] == [("1", "False"), ("2", "True")]
    out = io.StringIO()
    write_json(rows, out)
    exported = json.loads(out.getvalue())
    assert exported[1]["given"] == [[1, "(2, 3)"]] and exported[0]["given"] is None


def test_0006_adds_the_part_columns_over_data_and_comes_down_again(db_url: str) -> None:
    """Attempts stored before 0006 are one-part attempts (no part, no flag); the
    downgrade drops the columns and keeps every attempt, parts included."""
    from alembic import command

    from db import make_engine, open_store, upgrade
    from db.engine import write_connection
    from db.migrate import alembic_config, all_revisions
    from tests.db.test_store_migrations import insert_history

    revisions = all_revisions()
    before = revisions[revisions.index("0006") - 1]
    engine = make_engine(db_url)
    upgrade(engine, before)
    insert_history(engine, 1)
    engine.dispose()
    store = open_store(db_url)
    try:
        (old,) = store.attempts(1)
        assert (old.part, old.follow_through, old.given) == (None, None, None)
        store.record_parts(1, [part(1), part(2)], standings=(FIRST, FIRST), when=T0)
        assert [row.part for row in store.attempts(1)] == [None, 1, 2]
    finally:
        store.close()
    engine = make_engine(db_url)
    config = alembic_config()
    with write_connection(engine, defer_foreign_keys=True) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, before)
    with engine.connect() as connection:
        kept = connection.scalar(select(func.count()).select_from(AttemptRow.__table__))
        columns = {c["name"] for c in _columns(connection)}
    assert kept == 3 and not {"part", "follow_through", "given"} & columns
    engine.dispose()


def _columns(connection: Any) -> list[Any]:
    from sqlalchemy import inspect

    return list(inspect(connection).get_columns("attempts"))


def test_part_accuracy_counts_first_tries_per_part_for_one_learner_or_all(
    store: Store,
) -> None:
    ana, ben = store.learner("ana"), store.learner("ben")
    store.record_parts(
        ana.id,
        [
            part(1, correct=False, score=0.0),
            part(2, follow_through=True, given=((1, "x"),)),
            part(3, correct=False, score=0.0),
        ],
        standings=(WRONG, FOLLOWED, WRONG),
        when=T0,
    )
    store.record_parts(ana.id, [part(1, attempt_number=2)], when=T0)  # a retry: not a first try
    store.record_parts(ben.id, [part(1), part(2), part(3)], standings=(FIRST,) * 3, when=T0)
    store.record_attempt(ben.id, part(1, part=None, follow_through=None, problem_id="one"))
    mine = store.part_accuracy(ana.id)
    assert [(r.part, r.first_tries, r.right, r.followed, r.wrong) for r in mine] == [
        (1, 1, 0, 0, 1),
        (2, 1, 0, 1, 0),
        (3, 1, 0, 0, 1),
    ]
    everyone = store.part_accuracy()
    assert [(r.problem_id, r.part, r.first_tries, r.right) for r in everyone] == [
        ("chain-descent-1", 1, 2, 1),
        ("chain-descent-1", 2, 2, 1),
        ("chain-descent-1", 3, 2, 1),
    ]
    assert everyone[1].share(everyone[1].followed) == 0.5
    assert store.part_accuracy(problem_id="one") == []


def test_a_rounds_parts_come_back_by_its_token(store: Store) -> None:
    ana, ben = store.learner("ana"), store.learner("ben")
    token = "0123456789abcdef"
    store.record_parts(
        ana.id, [part(1, correct=False, score=0.0, hints_used=1)], keys=[f"{token}:a"], when=T0
    )
    store.record_parts(ben.id, [part(1)], keys=["fedcba9876543210:a"], when=T0)
    partway = store.round_parts(ana.id, token)
    assert [(p.part, p.correct, p.hints_used) for p in partway.parts] == [(1, False, 1)]
    assert partway.review is None
    done = store.record_parts(
        ana.id,
        [part(2, follow_through=True, given=((1, "x"),)), part(3)],
        keys=[f"{token}:b", f"{token}:c"],
        standings=(WRONG, FOLLOWED, FIRST),
        when=T0,
    )
    again = store.round_parts(ana.id, token)
    assert [(p.part, p.follow_through) for p in again.parts] == [(1, False), (2, True), (3, False)]
    assert again.review == done.review
    assert store.round_parts(ben.id, token).parts == ()
    assert store.round_parts(ana.id, "not a token%").parts == ()
