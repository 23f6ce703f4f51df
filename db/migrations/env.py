"""Alembic environment for the progress store.

``db.migrate.upgrade`` hands in an open connection (already in a locked transaction)
through ``config.attributes``; the ``alembic`` command line, run from ``db/`` with its
``alembic.ini``, gets an engine for ``DATABASE_URL`` instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from db.engine import make_engine, write_connection
from db.models import Base
from practice.config import database_url

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or database_url())
    # As db.migrate does: SQLite's batch mode rebuilds a table by dropping it, which with
    # foreign keys on would delete its children (an attempt's review log).
    with write_connection(engine, defer_foreign_keys=True) as connection:
        _run(connection)
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
