"""The open round of each learner: kept whole, replaced by the next, read back after the
store is opened again (a restarted server), bounded, and one per learner."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from db import InvalidInput, OpenRound, Store, UnknownLearner, open_store
from db.models import CODE_ANSWER_MAX
from tests.db.statements import statements

T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
ROUND = OpenRound(
    problem_id="gd-step-given-gradient",
    seed=42,
    token="0123456789abcdef",
    answer="(2.6, −0.8",
    hints_shown=2,
    attempts=1,
    finished=False,
    solution_seen=True,
    started_at=T0 - timedelta(seconds=30),
)


def test_a_kept_round_comes_back_after_the_store_is_opened_again(db_url: str) -> None:
    store = open_store(db_url)
    try:
        ana = store.learner("Ana")
        assert store.open_round(ana.id) is None
        store.keep_open_round(ana.id, ROUND, when=T0)
    finally:
        store.close()
    again = open_store(db_url)  # a restarted server
    try:
        assert again.open_round(ana.id) == replace(ROUND, updated_at=T0)
    finally:
        again.close()


def test_the_next_round_replaces_the_last_and_learners_keep_their_own(store: Store) -> None:
    ana, ben = store.learner("Ana"), store.learner("Ben")
    store.keep_open_round(ana.id, ROUND, when=T0)
    store.keep_open_round(ben.id, replace(ROUND, seed=7, answer="ben's"), when=T0)
    later = replace(ROUND, problem_id="gr-magnitude", seed=3, token="fedcba9876543210", answer="")
    store.keep_open_round(ana.id, later, when=T0 + timedelta(minutes=1))
    kept = store.open_round(ana.id)
    assert kept is not None and (kept.problem_id, kept.seed, kept.answer) == ("gr-magnitude", 3, "")
    assert kept.updated_at == T0 + timedelta(minutes=1)
    ben_kept = store.open_round(ben.id)
    assert ben_kept is not None and (ben_kept.seed, ben_kept.answer) == (7, "ben's")
    store.forget_open_round(ana.id)
    assert store.open_round(ana.id) is None and store.open_round(ben.id) is not None


def test_what_was_typed_is_kept_within_bounds(store: Store) -> None:
    ana = store.learner("Ana")
    hostile = "x\x00y" + "é" * (CODE_ANSWER_MAX + 10) + "\ud800"
    started_tomorrow = T0 + timedelta(days=1)  # a clock gone wrong: never after now
    store.keep_open_round(
        ana.id, replace(ROUND, answer=hostile, started_at=started_tomorrow), when=T0
    )
    kept = store.open_round(ana.id)
    assert kept is not None
    assert kept.answer.startswith("x\ufffdy") and len(kept.answer) == CODE_ANSWER_MAX
    assert kept.started_at == T0


@pytest.mark.parametrize(
    "bad",
    [
        {"token": "not-a-token"},
        {"token": "0123456789ABCDEF"},
        {"seed": -1},
        {"problem_id": ""},
        {"hints_shown": -2},
    ],
)
def test_values_the_store_will_not_keep_are_refused(store: Store, bad: dict[str, object]) -> None:
    ana = store.learner("Ana")
    with pytest.raises(InvalidInput):
        store.keep_open_round(ana.id, replace(ROUND, **bad), when=T0)  # type: ignore[arg-type]
    assert store.open_round(ana.id) is None


def test_an_unknown_learner_keeps_nothing(store: Store) -> None:
    with pytest.raises(UnknownLearner):
        store.keep_open_round(999, ROUND, when=T0)
    assert store.open_round(999) is None


def _round_writes(store: Store) -> list[str]:
    """Every statement that writes the open-round table through the store's engine."""
    return statements(
        store.engine,
        lambda sql: "open_rounds" in sql and sql.lstrip().upper().startswith("INSERT"),
    )


def test_a_burst_of_typing_is_written_once_and_read_at_once(store: Store) -> None:
    """Typed text waits a moment for the next edit; this store reads it at once, and a
    second process sees it once the moment has passed (or the store is closed)."""
    typing = Store(store.engine, round_text_delay=60)
    other_process = Store(store.engine)
    ana = store.learner("Ana")
    typing.keep_open_round(ana.id, replace(ROUND, answer=""), when=T0)  # a new round: now
    writes = _round_writes(typing)
    for text in ("2", "2.6", "(2.6, -0.8)"):
        typing.keep_open_round(ana.id, replace(ROUND, answer=text), when=T0, soon=True)
    assert writes == []
    seen_elsewhere = other_process.open_round(ana.id)
    assert seen_elsewhere is not None and seen_elsewhere.answer == ""
    kept = typing.open_round(ana.id)  # a reload in this process
    assert kept is not None and kept.answer == "(2.6, -0.8)"
    assert len(writes) == 1
    typing.keep_open_round(ana.id, replace(ROUND, answer="(9, 9)"), when=T0, soon=True)
    typing.close()  # a server stopping writes what waits
    kept = other_process.open_round(ana.id)
    assert kept is not None and kept.answer == "(9, 9)" and len(writes) == 2


def test_a_checked_answer_is_never_overwritten_by_older_typing(store: Store) -> None:
    ana = store.learner("Ana")
    slow = Store(store.engine, round_text_delay=0.05)
    slow.keep_open_round(ana.id, replace(ROUND, answer="2", attempts=0), when=T0, soon=True)
    slow.keep_open_round(ana.id, replace(ROUND, answer="2.6", attempts=1), when=T0)
    time.sleep(0.3)  # past the typing's moment: it was dropped, not written late
    kept = Store(store.engine).open_round(ana.id)
    assert kept is not None and (kept.answer, kept.attempts) == ("2.6", 1)


def test_typed_text_the_store_refuses_is_refused_at_once(store: Store) -> None:
    ana = store.learner("Ana")
    with pytest.raises(InvalidInput):
        store.keep_open_round(ana.id, replace(ROUND, token="nope"), when=T0, soon=True)
