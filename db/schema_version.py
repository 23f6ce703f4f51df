"""The schema revision this code expects, checked without importing Alembic.

Importing Alembic costs a few hundred milliseconds, a large share of the app's cold
start, and on every start but the first the store is already current. So
``open_store`` first reads the ``alembic_version`` table with plain SQLAlchemy and
loads Alembic only when there is something to migrate. ``SCHEMA_HEAD`` must name the
newest migration; ``tests/db/test_store_migrations.py`` fails when it does not.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

SCHEMA_HEAD = "0009"


def stored_revision(engine: Engine) -> str | None:
    """The revision the store says it is at, or None for a store never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if revision is None else str(revision)


def is_current(engine: Engine) -> bool:
    return stored_revision(engine) == SCHEMA_HEAD
