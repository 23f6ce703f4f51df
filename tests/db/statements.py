"""Which SQL statements a store sends: for tests that a read or a write happens as often
as it should, counted on the real engine (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event


def statements(engine: Engine, matching: Callable[[str], bool]) -> list[str]:
    """A list that fills with every statement ``engine`` runs from now on that
    ``matching`` picks."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if matching(statement):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    return seen
