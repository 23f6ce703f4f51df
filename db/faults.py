"""What went wrong with the progress store, in words a learner may read.

A learner is told *what kind* of fault stopped their answer being saved (read-only,
full, unreachable) and whom to tell; never a file path, a host or a user name, which
go to the server log for whoever runs it (``log_fault``).
"""

from __future__ import annotations

import logging
from typing import Literal

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

log = logging.getLogger(__name__)

FaultKind = Literal["read-only", "full", "unreachable", "failed"]

_WORDS: dict[FaultKind, str] = {
    "read-only": "the progress store is read-only",
    "full": "the progress store is full",
    "unreachable": "the progress store is unreachable",
    "failed": "the progress store failed",
}
_SQLITE: tuple[tuple[str, FaultKind], ...] = (
    ("readonly database", "read-only"),
    ("read-only", "read-only"),
    ("database or disk is full", "full"),
    ("disk i/o error", "unreachable"),
    ("unable to open database file", "unreachable"),
)


class StoreFault(RuntimeError):
    """The store could not keep a write, even on a fresh connection."""

    def __init__(self, kind: FaultKind) -> None:
        super().__init__(_WORDS[kind])
        self.kind: FaultKind = kind

    @property
    def learner_message(self) -> str:
        return f"your answer was not saved: {_WORDS[self.kind]} — tell your instructor"


def classify(error: BaseException) -> FaultKind:
    """The kind of fault behind a database error (SQLite's messages, PostgreSQL's
    SQLSTATE codes; a connection that fails or drops is "unreachable")."""
    original = error.orig if isinstance(error, DBAPIError) else error
    sqlstate = str(getattr(original, "sqlstate", "") or "")
    if sqlstate == "25006":  # read_only_sql_transaction (a standby, default_transaction_read_only)
        return "read-only"
    if sqlstate in ("53100", "53200"):  # disk_full, out_of_memory
        return "full"
    if sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03", "53300"):
        return "unreachable"
    text = str(original).lower()
    for words, kind in _SQLITE:
        if words in text:
            return kind
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return "unreachable"
    if not sqlstate and type(original).__name__ == "OperationalError":
        return "unreachable"  # psycopg's "connection refused", "server closed the connection"
    return "failed"


def log_fault(engine: Engine, error: SQLAlchemyError, what: str) -> StoreFault:
    """Log ``error`` in full, with where the store is (password hidden), and return the
    ``StoreFault`` to raise in its place."""
    fault = StoreFault(classify(error))
    where = engine.url.render_as_string(hide_password=True)
    log.error("%s failed (%s) on the progress store at %s", what, fault.kind, where, exc_info=error)
    return fault
