"""Migrations: every revision applied in turn to a store that already holds data loses
nothing; the models agree with the migrated schema; two processes opening a fresh store
at once both succeed."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Boolean, Date, Engine, Float, Integer, String, column, func, select, table

from db import make_engine, open_store, upgrade
from db.engine import write_connection
from db.migrate import alembic_config, all_revisions, current_revision, head_revision
from db.models import Base
from db.types import UTCDateTime
from practice.session import Attempt

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)

# The tables as the first revision made them. Data written through these at every step
# must survive every later migration (a migration that adds a required column must give
# it a server default, or this test fails on purpose).
learners = table(
    "learners",
    column("id", Integer),
    column("name", String),
    column("name_key", String),
    column("created_at", UTCDateTime),
)
attempts = table(
    "attempts",
    *(column(n, Integer) for n in ("id", "learner_id", "seed", "hints_used", "attempt_number")),
    *(
        column(n, String)
        for n in (
            "problem_id",
            "topic",
            "level",
            "kind",
            "answer",
            "read_as",
            "mistake",
            "submission_key",
        )
    ),
    column("correct", Boolean),
    column("is_review", Boolean),
    column("score", Float),
    column("seconds", Float),
    column("created_at", UTCDateTime),
    column("day", Date),
)
review_states = table(
    "review_states",
    *(column(n, Integer) for n in ("id", "learner_id", "state", "step", "reviews", "lapses")),
    *(column(n, String) for n in ("problem_id", "topic", "level")),
    column("stability", Float),
    column("difficulty", Float),
    column("due", UTCDateTime),
    column("last_review", UTCDateTime),
)
review_logs = table(
    "review_logs",
    *(column(n, Integer) for n in ("id", "review_state_id", "attempt_id", "rating", "duration_ms")),
    column("reviewed_at", UTCDateTime),
)


def insert_history(
    engine: Engine, step: int, seconds: float = 12.0, duration_ms: int | None = 12000
) -> None:
    """One learner with one attempt, its card and its log, numbered by ``step``."""
    when = T0 + timedelta(days=step)
    with engine.begin() as connection:
        connection.execute(
            learners.insert().values(
                id=step, name=f"Learner {step}", name_key=f"learner {step}", created_at=when
            )
        )
        connection.execute(
            attempts.insert().values(
                id=step,
                learner_id=step,
                problem_id=f"p{step}",
                topic="gradients",
                level="A",
                kind="number",
                seed=step,
                answer=f"{step}",
                read_as=f"{step}",
                mistake=None,
                correct=True,
                score=1.0,
                hints_used=0,
                attempt_number=1,
                seconds=seconds,
                is_review=False,
                created_at=when,
                day=when.date(),
            )
        )
        connection.execute(
            review_states.insert().values(
                id=step,
                learner_id=step,
                problem_id=f"p{step}",
                topic="gradients",
                level="A",
                state=2,
                step=None,
                stability=3.0,
                difficulty=5.0,
                due=when + timedelta(days=3),
                last_review=when,
                reviews=1,
                lapses=0,
            )
        )
        connection.execute(
            review_logs.insert().values(
                id=step,
                review_state_id=step,
                attempt_id=step,
                rating=3,
                reviewed_at=when,
                duration_ms=duration_ms,
            )
        )
        if connection.dialect.name == "postgresql":  # explicit ids leave the sequences behind
            for name in ("learners", "attempts", "review_states", "review_logs"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )


def follow_explicit_ids(engine: Engine) -> None:
    """PostgreSQL's id sequences do not see rows inserted with explicit ids: move them
    past those rows, as a real history would have, so the store's next insert gets a
    fresh id (its retries would otherwise run out once there are many revisions)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for name in ("learners", "attempts", "review_states", "review_logs"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT max(id) FROM {name}))"
            )


def test_upgrading_through_every_revision_keeps_all_data(db_url: str) -> None:
    revisions = all_revisions()
    assert revisions[-1] == head_revision() and len(revisions) >= 2
    engine = make_engine(db_url)
    for step, revision in enumerate(revisions, start=1):
        upgrade(engine, revision)
        assert current_revision(engine) == revision
        insert_history(engine, step)
    follow_explicit_ids(engine)
    engine.dispose()

    store = open_store(db_url)
    try:
        assert [learner.name for learner in store.learners()] == [
            f"Learner {step}" for step in range(1, len(revisions) + 1)
        ]
        for step in range(1, len(revisions) + 1):
            (row,) = store.attempts(step)
            assert (row.id, row.answer, row.created_at) == (
                step,
                str(step),
                T0 + timedelta(days=step),
            )
            (due,) = store.due_problems(step, now=T0 + timedelta(days=step + 3))
            assert due.problem_id == f"p{step}" and due.reviews == 1
        saved = store.record_attempt(
            1,
            Attempt(
                problem_id="p1",
                topic="gradients",
                level="A",
                kind="number",
                seed=99,
                answer="1",
                read_as="1",
                correct=True,
                score=1.0,
                seconds=10,
            ),
            when=T0 + timedelta(days=4),
        )
        assert saved.review_state_id == 1 and saved.due > T0 + timedelta(days=4)
    finally:
        store.close()


def test_0003_makes_unknown_durations_null_and_keeps_measured_ones(db_url: str) -> None:
    """Before 0003 an untimed attempt was stored as 0 s; its review log, whose duration is
    NULL, tells it from an answer measured at 0 s. The downgrade writes 0 again."""
    engine = make_engine(db_url)
    upgrade(engine, "0002")
    insert_history(engine, 1)  # timed: 12 s
    insert_history(engine, 2, seconds=0.0, duration_ms=None)  # nobody timed it
    insert_history(engine, 3, seconds=0.0, duration_ms=0)  # measured, at once
    upgrade(engine, "0003")
    seconds = select(attempts.c.id, attempts.c.seconds).order_by(attempts.c.id)
    with engine.connect() as connection:
        assert connection.execute(seconds).all() == [(1, 12.0), (2, None), (3, 0.0)]
    config = alembic_config()
    with write_connection(engine, defer_foreign_keys=True) as connection:  # as db.migrate
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with engine.connect() as connection:
        assert connection.execute(seconds).all() == [(1, 12.0), (2, 0.0), (3, 0.0)]
        reviews = connection.execute(select(func.count()).select_from(review_logs)).scalar()
    assert reviews == 3  # rebuilding the attempts table on SQLite kept their logs
    engine.dispose()


def test_models_match_the_migrated_schema(store_engine: Engine) -> None:
    with store_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrade_to_base_and_back(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_processes_opening_a_fresh_store_at_once_all_succeed(db_url: str, tmp_path: Path) -> None:
    """Also run from an unrelated folder: the migrations are found next to the package."""
    code = "import sys; from db import open_store; open_store(sys.argv[1]).close()"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, db_url], stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
        for _ in range(4)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 4, errors
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(learners)) == 0
    engine.dispose()


def test_upgrade_is_a_no_op_at_head(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert versions == [(head_revision(),)]
    engine.dispose()


def test_sqlite_connections_are_set_up_for_sharing(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    with store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert (pragma("PRAGMA busy_timeout").scalar() or 0) >= 5000
    store.close()
    assert Path(sqlite_url.removeprefix("sqlite:///")).is_file()


def test_sqlite_migrations_rebuilding_a_parent_table_keep_its_children(sqlite_url: str) -> None:
    """Alembic's batch mode rebuilds tables by dropping them; with foreign keys on, that
    would cascade into every attempt. Migrations run with the keys deferred and checked."""
    store = open_store(sqlite_url)
    ana = store.learner("ana")
    store.record_attempt(
        ana.id,
        Attempt(
            problem_id="p",
            topic="t",
            level="A",
            kind="number",
            seed=1,
            answer="1",
            read_as="1",
            correct=True,
            score=1.0,
        ),
        when=T0,
    )
    with write_connection(store.engine, defer_foreign_keys=True) as connection:
        for statement in (
            "CREATE TABLE learners_copy (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(60) "
            "NOT NULL, name_key VARCHAR(200) NOT NULL UNIQUE, created_at DATETIME NOT NULL)",
            "INSERT INTO learners_copy SELECT id, name, name_key, created_at FROM learners",
            "DROP TABLE learners",
            "ALTER TABLE learners_copy RENAME TO learners",
        ):
            connection.exec_driver_sql(statement)
    assert len(store.attempts(ana.id)) == 1
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_schema_head_names_the_newest_migration() -> None:
    """open_store skips Alembic when the store is at SCHEMA_HEAD: a new migration
    that forgets to move it would never be applied."""
    from db.schema_version import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_a_current_store_opens_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.sqlite3'}"
    open_store(url).close()  # creates and migrates
    code = (
        "import sys; from db import open_store\n"
        f"open_store({url!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_0004_adds_unique_submission_keys_over_data(db_url: str) -> None:
    """Attempts stored before 0004 keep everything and have no key; after it, one key
    is stored once, and the downgrade drops the keys and keeps the attempts."""
    engine = make_engine(db_url)
    upgrade(engine, "0003")
    insert_history(engine, 1)
    insert_history(engine, 2)
    upgrade(engine, "0004")
    with engine.connect() as connection:
        keys = connection.execute(select(attempts.c.id, attempts.c.submission_key)).all()
    assert sorted(keys) == [(1, None), (2, None)]
    engine.dispose()
    store = open_store(db_url)
    try:
        attempt = Attempt("p1", "gradients", "A", "number", 5, "1", "1", True, 1.0)
        first = store.record_attempt(1, attempt, submission_key="abc123:ff")
        again = store.record_attempt(1, attempt, submission_key="abc123:ff")
        assert again == first
        assert len(store.attempts(1)) == 2  # the one from before 0004, and this one
    finally:
        store.close()
    engine = make_engine(db_url)
    config = alembic_config()
    with write_connection(engine, defer_foreign_keys=True) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(attempts)).scalar()
        logs = connection.execute(select(func.count()).select_from(review_logs)).scalar()
    assert (count, logs) == (3, 3)
    engine.dispose()
