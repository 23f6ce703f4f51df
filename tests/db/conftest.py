"""Fixtures for the storage suite: every store test runs on a real SQLite file and on
the real PostgreSQL server, each in isolation.

PostgreSQL tests each get a fresh schema (through libpq's ``search_path`` option in the
URL, so subprocesses and Alembic see it too) that is dropped afterwards: parallel runs
and reruns never meet. An unreachable server fails the test; it is never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from db import Store, open_store

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _admin_engine():  # type: ignore[no-untyped-def]
    return create_engine(PG_URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")


def postgres_schema_url() -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = _admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        pytest.fail(
            f"PostgreSQL at {PG_URL} is not reachable ({str(error.orig).strip()}); "
            "the storage suite needs it: start the server or set TEST_POSTGRES_URL",
            pytrace=False,
        )
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    """The URL of an empty store, on SQLite and then on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/data/progress.sqlite3"
    else:
        yield from postgres_schema_url()


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    return f"sqlite:///{tmp_path}/progress.sqlite3"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def store_engine(store: Store):  # type: ignore[no-untyped-def]
    return store.engine
