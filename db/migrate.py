"""Apply the Alembic migrations in ``db/migrations`` to a store, from code or the CLI.

The migrations folder is found next to this file, not from the working directory, so
the app, the CLI and an installed wheel all migrate the same way. Two processes that
start at once on a fresh store must not both create the tables: the upgrade runs in
one transaction that first takes a lock (``BEGIN IMMEDIATE`` on SQLite, an advisory
lock on PostgreSQL), and the second process, once it gets the lock, finds the store
already at head and does nothing. Both dialects run DDL inside that transaction.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from db.engine import write_connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Arbitrary constant naming the PostgreSQL advisory lock that serialises upgrades.
_PG_UPGRADE_LOCK = 7_411_902_311


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations, with no ini file needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def all_revisions() -> list[str]:
    """Every revision from the first to head, in the order they apply."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store at ``engine`` to ``revision``; a no-op when already there."""
    if revision == "head" and current_revision(engine) == head_revision():
        return
    with write_connection(engine, defer_foreign_keys=True) as connection:
        _lock_for_upgrade(connection)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _lock_for_upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_UPGRADE_LOCK})
