"""The store's subcommands: ``export`` and ``db upgrade`` (declared in practice.cli.store_cmds).

Every failure a user can cause (unknown learner, unreachable database, bad URL) ends
as one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections.abc import Iterable
from typing import TextIO

from alembic.util.exc import CommandError
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from db import open_store
from db.migrate import current_revision
from db.records import StoredAttempt
from practice.config import database_url

# What a configured store can do wrong: a bad URL (ArgumentError), a server or file
# that is not there (SQLAlchemyError, OSError), a URL naming a database whose driver
# is not installed (`mysql://…` raises ModuleNotFoundError from create_engine), a
# store stamped with a revision this version does not know (alembic's CommandError:
# a newer version of the app migrated it, or the table was edited by hand).
STORE_ERRORS = (SQLAlchemyError, ArgumentError, OSError, ImportError, CommandError)

EXPORT_FIELDS = tuple(field.name for field in dataclasses.fields(StoredAttempt))


def run_export(args: argparse.Namespace) -> int:
    """Print every attempt of ``args.learner`` as CSV or JSON."""
    try:
        store = open_store()
        try:
            learner = store.find_learner(args.learner)
            if learner is None:
                print(f"error: no learner named {_shown(args.learner)}", file=sys.stderr)
                return 1
            rows = store.attempts(learner.id)
        finally:
            store.close()
    except STORE_ERRORS as error:
        return _store_failed(error)
    if args.format == "json":
        write_json(rows, sys.stdout)
    else:
        write_csv(rows, sys.stdout)
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    """Apply pending migrations to the configured store and say where it stands."""
    try:
        store = open_store()
        try:
            revision = current_revision(store.engine)
        finally:
            store.close()
    except STORE_ERRORS as error:
        return _store_failed(error)
    print(f"store at revision {revision}: {_safe_url()}")
    return 0


def write_csv(rows: Iterable[StoredAttempt], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_FIELDS)
    for row in rows:
        writer.writerow(_plain(row).values())


def write_json(rows: Iterable[StoredAttempt], out: TextIO) -> None:
    json.dump([_plain(row, parsed_tests=True) for row in rows], out, ensure_ascii=False, indent=1)
    out.write("\n")


def _plain(row: StoredAttempt, *, parsed_tests: bool = False) -> dict[str, object]:
    values = dataclasses.asdict(row)
    values["created_at"] = row.created_at.isoformat()
    if parsed_tests and row.tests is not None:  # JSON in JSON: a list, not a string
        values["tests"] = json.loads(row.tests)
    if parsed_tests and row.given is not None:
        values["given"] = json.loads(row.given)
    return values


def _shown(name: str, limit: int = 80) -> str:
    """A learner name as typed, quoted, and cut short: it goes into a one-line message."""
    text = repr(name)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _safe_url() -> str:
    """The configured URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(database_url()).render_as_string(hide_password=True)


def _store_failed(error: Exception) -> int:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    if isinstance(error, ImportError):
        reason = f"no driver installed for this kind of database URL: {reason}"
    if isinstance(error, CommandError):
        reason = f"cannot migrate it: {reason}; was it made by a newer version?"
    print(f"error: cannot use the progress store ({reason})", file=sys.stderr)
    return 1
