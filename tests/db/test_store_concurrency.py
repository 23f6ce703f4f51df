"""Many writers on one SQLite file: nothing lost, no "database is locked" surfaced, and
a writer killed mid-burst leaves a sound file holding every attempt it was told about."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import open_store
from db.models import AttemptRow, ReviewLogRow
from practice.session import Attempt

WRITER = Path(__file__).with_name("store_writer.py")
PER_WRITER = 500

pytestmark = pytest.mark.slow


def sqlite_file(url: str) -> str:
    return url.removeprefix("sqlite:///")


def assert_sound(path: str) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_eight_threads_lose_nothing(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    learners = [store.learner(f"thread {i}").id for i in range(8)]

    def burst(learner_id: int) -> list[int]:
        return [
            store.record_attempt(
                learner_id,
                Attempt(
                    problem_id=f"p{i % 23}",
                    topic="t",
                    level="A",
                    kind="number",
                    seed=i,
                    answer=str(i),
                    read_as=None,
                    correct=bool(i % 2),
                    score=i % 2,
                    seconds=3.0,
                ),
            ).attempt_id
            for i in range(PER_WRITER)
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        returned = [aid for ids in pool.map(burst, learners) for aid in ids]
    assert len(set(returned)) == 8 * PER_WRITER
    with store.engine.connect() as connection:
        stored = set(connection.scalars(select(AttemptRow.id)))
        logs = connection.scalar(select(func.count()).select_from(ReviewLogRow))
    assert stored == set(returned) and logs == 8 * PER_WRITER
    for learner_id in learners:
        assert len(store.attempts(learner_id)) == PER_WRITER
    store.close()
    assert_sound(sqlite_file(sqlite_url))


def test_four_processes_lose_nothing(sqlite_url: str, tmp_path: Path) -> None:
    reports = [tmp_path / f"writer{i}.ids" for i in range(4)]
    children = [
        subprocess.Popen(
            [sys.executable, str(WRITER), sqlite_url, f"process {i}", str(PER_WRITER), str(report)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, report in enumerate(reports)
    ]
    errors = [child.communicate(timeout=240)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 4, errors
    assert not any("locked" in error for error in errors)
    returned = {int(line) for report in reports for line in report.read_text().split()}
    assert len(returned) == 4 * PER_WRITER
    store = open_store(sqlite_url)
    with store.engine.connect() as connection:
        assert set(connection.scalars(select(AttemptRow.id))) == returned
    store.close()
    assert_sound(sqlite_file(sqlite_url))


def test_writer_killed_mid_burst_leaves_every_returned_attempt(
    sqlite_url: str, tmp_path: Path
) -> None:
    open_store(sqlite_url).close()
    report = tmp_path / "victim.ids"
    report.touch()
    rival_report = tmp_path / "rival.ids"
    victim = subprocess.Popen(
        [sys.executable, str(WRITER), sqlite_url, "victim", "100000", str(report)]
    )
    rival = subprocess.Popen(
        [sys.executable, str(WRITER), sqlite_url, "rival", "300", str(rival_report)]
    )
    deadline = time.monotonic() + 60
    while len(report.read_text().split()) < 150:
        assert victim.poll() is None, "the writer ended before it could be killed"
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert rival.wait(timeout=120) == 0

    assert_sound(sqlite_file(sqlite_url))
    returned = {int(line) for line in report.read_text().split()}
    store = open_store(sqlite_url)
    victim_id = store.learner("victim").id
    stored = {attempt.id for attempt in store.attempts(victim_id)}
    assert returned <= stored
    assert len(stored) - len(returned) <= 1  # at most the call cut short after its commit
    assert len(store.attempts(store.learner("rival").id)) == 300
    store.close()


def test_threads_racing_on_one_new_card_share_it(db_url: str) -> None:
    """Several sessions answering the same new problem at once: one card, every review."""
    store = open_store(db_url)
    ana = store.learner("ana").id

    def answer(index: int) -> int:
        return store.record_attempt(
            ana,
            Attempt(
                problem_id="shared",
                topic="t",
                level="A",
                kind="number",
                seed=index,
                answer="1",
                read_as="1",
                correct=True,
                score=1.0,
                seconds=30.0,
            ),
        ).review_state_id

    with ThreadPoolExecutor(max_workers=6) as pool:
        card_ids = set(pool.map(answer, range(60)))
    assert len(card_ids) == 1
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ReviewLogRow)) == 60
    assert len(store.attempts(ana)) == 60
    store.close()


def test_sessions_creating_the_same_learner_at_once_get_one(db_url: str) -> None:
    store = open_store(db_url)
    spellings = ["Zoë", "zoë", " ZOË ", "Zoë"] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = set(pool.map(lambda name: store.learner(name).id, spellings))
    (only,) = store.learners()
    assert ids == {only.id} and only.name in {"Zoë", "zoë", "ZOË"}  # the first spelling wins
    store.close()
