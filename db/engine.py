"""Engines for the progress store, and the write transaction every writer goes through.

SQLite is the default store and is shared by several processes (Streamlit sessions,
the CLI, tests), so each connection is set up for that: WAL journaling so readers
never wait for writers, a busy timeout so a writer waits for the lock instead of
failing, foreign keys on (SQLite leaves them off by default). Writers open their
transaction with ``BEGIN IMMEDIATE``: taking the write lock up front means two writers
queue on the busy timeout rather than deadlocking when both try to upgrade a read
lock, which is where "database is locked" errors come from.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
_WRITE_OPTION = "practice_write"

T = TypeVar("T")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for an SQLite file, its folder is created first."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see "begin").
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable against a crashed or killed process in WAL mode; only a
        # power loss can drop the last commits, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_connection(engine: Engine, *, defer_foreign_keys: bool = False) -> Iterator[Connection]:
    """A connection in a write transaction: committed on exit, rolled back on error.

    ``defer_foreign_keys`` is for migrations on SQLite: Alembic's batch mode rebuilds a
    table by dropping it, and dropping a parent table with foreign keys on would cascade
    and delete every child row (a learner's attempts). The keys are switched off for the
    transaction (SQLite only allows that outside one) and checked before it commits.
    """
    with engine.connect() as connection:
        relax = defer_foreign_keys and connection.dialect.name == "sqlite"
        if relax:
            _driver_pragma(connection, "PRAGMA foreign_keys = OFF")
        try:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                yield connection
                if relax:
                    _check_foreign_keys(connection)
        finally:
            if relax:
                _driver_pragma(connection, "PRAGMA foreign_keys = ON")


def _driver_pragma(connection: Connection, statement: str) -> None:
    """Run a PRAGMA on the driver connection, outside SQLAlchemy's transaction."""
    driver = connection.connection.driver_connection
    if driver is None:
        raise RuntimeError("the SQLite connection is closed")
    driver.execute(statement)


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise IntegrityError(
            "PRAGMA foreign_key_check", None, Exception(f"broken foreign keys: {broken[:5]}")
        )


def run_write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one write transaction, retrying it when the database was busy,
    and once more on fresh connections when it failed for another reason.

    The busy timeout absorbs nearly all contention; the loop covers what it cannot:
    SQLite's lock errors that skip the busy handler, and on PostgreSQL a deadlock,
    serialization failure, or two sessions creating the same review state at once.
    Any other failure may be a connection that outlived its cause (an SQLite file
    opened while it was read-only, a PostgreSQL connection the server dropped), so
    the pool's connections are thrown away and the write tried once more: the store
    recovers without a restart, and keeps no broken connection for later requests.
    ``work`` must therefore be safe to run again from the start.
    """
    fresh_tried = False
    attempt = 0
    while True:
        attempt += 1
        try:
            with write_connection(engine) as connection:
                return work(connection)
        except (OperationalError, IntegrityError, DBAPIError) as error:
            if attempt < WRITE_ATTEMPTS and _is_transient(error):
                time.sleep(min(1.0, 0.01 * 2**attempt) * random.uniform(0.5, 1.5))
                continue
            if fresh_tried or isinstance(error, IntegrityError):
                raise
            fresh_tried = True
            engine.dispose()


def _is_transient(error: DBAPIError) -> bool:
    text = str(error.orig).lower()
    if "database is locked" in text or "database is busy" in text:
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    # 40001 serialization failure, 40P01 deadlock, 23505 unique violation (a racing insert
    # of the same review state; the retry finds the row the other session created).
    return sqlstate in {"40001", "40P01", "23505"}
