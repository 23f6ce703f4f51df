"""Benchmark the progress store at classroom scale, on SQLite and PostgreSQL.

    .venv/bin/python bench/db.py                      # both databases, full size
    .venv/bin/python bench/db.py --backend sqlite --attempts 20000

Loads 200,000 attempts over 2,000 problems and 50 learners (bulk inserts, not
``record_attempt``: the load is fixture, not the thing measured), then times
``record_attempt`` (median of many calls), every dashboard query, the due queue and
the instructor queries. Each database also times a baseline in the same run (a bare
one-row insert committed on its own, and ``SELECT 1``) so the figures can be read
relative to what the machine and driver can do at all. Goals (SQLite): record < 5 ms
median, each dashboard query < 100 ms, due queue < 10 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from practice.session import Attempt

# Run as `python bench/db.py`, this file's folder heads sys.path and this very file would
# shadow the `db` package it measures; drop that entry before importing the store.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]

from db import Store, open_store  # noqa: E402
from db.models import AttemptRow, LearnerRow, ReviewLogRow, ReviewStateRow  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TOPICS = (
    "partials",
    "gradients",
    "chain-rule",
    "directional",
    "descent",
    "learning-rate",
    "hessian",
    "contours",
)
MISTAKES = (
    "descent-sign",
    "missing-learning-rate",
    "swapped-components",
    "held-variable-zero",
    "sign-error",
    "missing-chain-factor",
    "wrong-variable",
    "power-rule-factor",
    "wrong-point",
)
DAYS = 120
CHUNK = 5000
GOALS_MS = {"record_attempt": 5.0, "due queue": 10.0}
DASHBOARD_GOAL_MS = 100.0


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    goal_ms: float | None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--attempts", type=int, default=200_000)
    parser.add_argument("--problems", type=int, default=2_000)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--pg-url", default=PG_URL)
    args = parser.parse_args(argv)
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    missed = []
    for backend in backends:
        with _store_url(backend, args.pg_url) as url:
            store = open_store(url)
            started = time.perf_counter()
            _bulk_load(store, args.attempts, args.problems, args.learners)
            load_s = time.perf_counter() - started
            timings = _measure(store, args.problems, args.learners)
            store.close()
        print(
            f"\n{backend}: {args.attempts:,} attempts, {args.problems:,} problems, "
            f"{args.learners} learners (bulk load {load_s:.1f} s)"
        )
        _print_table(timings)
        if backend == "sqlite":
            missed += [t.name for t in timings if t.goal_ms is not None and t.median_ms > t.goal_ms]
    if missed:
        print(f"\nSQLite goals missed: {', '.join(missed)}")
        return 1
    return 0


@contextmanager
def _store_url(backend: str, pg_url: str) -> Iterator[str]:
    """A fresh, empty store: a temporary SQLite file, or a throwaway PostgreSQL schema."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-db-") as folder:
            yield f"sqlite:///{Path(folder) / 'progress.sqlite3'}"
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _bulk_load(store: Store, attempts: int, problems: int, learners: int) -> None:
    """Fixture data written with multi-row inserts: attempts spread over DAYS days, one
    review state per learner × problem met, one review log per attempt."""
    rng = random.Random(20260601)
    with store.engine.begin() as connection:
        connection.execute(
            insert(LearnerRow),
            [
                {
                    "id": i + 1,
                    "name": f"learner {i}",
                    "name_key": f"learner {i}",
                    "created_at": NOW - timedelta(days=DAYS + 1),
                }
                for i in range(learners)
            ],
        )
    last_seen: dict[tuple[int, int], datetime] = {}
    attempt_rows, log_rows = [], []
    states: dict[tuple[int, int], int] = {}
    for attempt_id in range(1, attempts + 1):
        learner = rng.randrange(learners) + 1
        problem = rng.randrange(problems)
        when = NOW - timedelta(seconds=rng.randrange(DAYS * 86400))
        correct = rng.random() < 0.7
        attempt_rows.append(_attempt_row(attempt_id, learner, problem, when, correct, rng))
        key = (learner, problem)
        state_id = states.setdefault(key, len(states) + 1)
        last_seen[key] = max(when, last_seen.get(key, when))
        log_rows.append(
            {
                "id": attempt_id,
                "review_state_id": state_id,
                "attempt_id": attempt_id,
                "rating": 3 if correct else 1,
                "reviewed_at": when,
                "duration_ms": 30_000,
            }
        )
    state_rows = [
        _state_row(state_id, key, last_seen[key], rng) for key, state_id in states.items()
    ]
    for table, rows in (
        (AttemptRow, attempt_rows),
        (ReviewStateRow, state_rows),
        (ReviewLogRow, log_rows),
    ):
        for start in range(0, len(rows), CHUNK):
            with store.engine.begin() as connection:
                connection.execute(insert(table), rows[start : start + CHUNK])
    if store.engine.dialect.name == "postgresql":
        _resync_pg_sequences(store)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def _attempt_row(
    attempt_id: int, learner: int, problem: int, when: datetime, correct: bool, rng: random.Random
) -> dict[str, object]:
    mistake = None if correct or rng.random() < 0.4 else rng.choice(MISTAKES)
    return {
        "id": attempt_id,
        "learner_id": learner,
        "problem_id": f"problem-{problem:04d}",
        "topic": TOPICS[problem % len(TOPICS)],
        "level": "ABCD"[problem % 4],
        "kind": "expression",
        "seed": rng.randrange(2**31),
        "answer": f"{rng.randrange(50)}*x",
        "read_as": f"{rng.randrange(50)} x",
        "correct": correct,
        "score": float(correct),
        "mistake": mistake,
        "hints_used": rng.choice((0, 0, 0, 1)),
        "attempt_number": 1,
        "seconds": rng.uniform(5, 200),
        "is_review": rng.random() < 0.3,
        "created_at": when,
        "day": when.date(),
    }


def _state_row(
    state_id: int, key: tuple[int, int], last: datetime, rng: random.Random
) -> dict[str, object]:
    learner, problem = key
    stability = rng.uniform(0.5, 60)
    return {
        "id": state_id,
        "learner_id": learner,
        "problem_id": f"problem-{problem:04d}",
        "topic": TOPICS[problem % len(TOPICS)],
        "level": "ABCD"[problem % 4],
        "state": 2,
        "step": None,
        "stability": stability,
        "difficulty": rng.uniform(1, 10),
        "due": last + timedelta(days=stability),
        "last_review": last,
        "reviews": 1,
        "lapses": 0,
    }


def _resync_pg_sequences(store: Store) -> None:
    """Explicit ids bypass PostgreSQL's sequences; move them past the loaded rows."""
    with store.engine.begin() as connection:
        for table in ("learners", "attempts", "review_states", "review_logs"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )


def _measure(store: Store, problems: int, learners: int) -> list[Timing]:
    rng = random.Random(7)
    learner = learners // 2
    baseline_table = "bench_baseline"
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE TABLE {baseline_table} (id INTEGER, note TEXT)")

    def baseline_insert() -> None:
        with store.engine.begin() as connection:
            connection.exec_driver_sql(f"INSERT INTO {baseline_table} VALUES (1, 'x')")

    def baseline_select() -> None:
        with store.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1").scalar()

    clock = iter(range(10**9))

    def record() -> None:
        problem = rng.randrange(problems)
        store.record_attempt(
            learner,
            Attempt(
                problem_id=f"problem-{problem:04d}",
                topic=TOPICS[problem % len(TOPICS)],
                level="ABCD"[problem % 4],
                kind="expression",
                seed=rng.randrange(2**31),
                answer="2*x",
                read_as="2 x",
                correct=rng.random() < 0.7,
                score=1.0,
                seconds=40.0,
            ),
            when=NOW + timedelta(seconds=next(clock)),
        )

    cases: list[tuple[str, Callable[[], object], int, float | None]] = [
        ("baseline: one-row insert + commit", baseline_insert, 200, None),
        ("baseline: SELECT 1", baseline_select, 200, None),
        ("record_attempt", record, 300, GOALS_MS["record_attempt"]),
        ("due queue", lambda: store.due_problems(learner, NOW), 100, GOALS_MS["due queue"]),
        ("due now + 14 days", lambda: store.due_forecast(learner, NOW), 30, DASHBOARD_GOAL_MS),
        (
            "accuracy per topic/level/day",
            lambda: store.accuracy_over_time(learner),
            30,
            DASHBOARD_GOAL_MS,
        ),
        ("activity per day", lambda: store.activity_per_day(learner), 30, DASHBOARD_GOAL_MS),
        ("mastery per topic", lambda: store.mastery_by_topic(learner, NOW), 30, DASHBOARD_GOAL_MS),
        (
            "mastery per topic and level",
            lambda: store.mastery_by_level(learner, NOW),
            30,
            DASHBOARD_GOAL_MS,
        ),
        ("top mistakes (learner)", lambda: store.top_mistakes(learner), 30, DASHBOARD_GOAL_MS),
        ("mistakes per topic", lambda: store.mistakes_by_topic(learner), 30, DASHBOARD_GOAL_MS),
        ("streak", lambda: store.streak(learner, NOW.date()), 30, DASHBOARD_GOAL_MS),
        ("fresh seed for a review", lambda: store.fresh_seed(learner, "problem-0001"), 100, None),
        ("instructor: one problem", lambda: store.problem_statistics("problem-0001"), 30, None),
        ("instructor: all problems", store.problem_overview, 5, None),
        ("class top mistakes", lambda: store.top_mistakes(None), 5, None),
        ("export one learner", lambda: store.attempts(learner), 10, None),
    ]
    return [Timing(name, _median_ms(work, runs), goal) for name, work, runs, goal in cases]


def _median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm caches and the connection pool
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _print_table(timings: list[Timing]) -> None:
    print(f"{'operation':<36} {'median ms':>10} {'goal ms':>8}  ")
    for timing in timings:
        goal = "" if timing.goal_ms is None else f"{timing.goal_ms:g}"
        verdict = (
            ""
            if timing.goal_ms is None
            else ("ok" if timing.median_ms <= timing.goal_ms else "MISSED")
        )
        print(f"{timing.name:<36} {timing.median_ms:>10.2f} {goal:>8}  {verdict}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
