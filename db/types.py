"""Column types that keep datetimes in UTC on every database.

fsrs refuses naive datetimes, and SQLite hands every datetime back naive. Rather than
patching values at each call site, the column type itself owns the rule: aware UTC in,
aware UTC out, whatever the dialect stores underneath.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime; naive values are refused on the way in.

    PostgreSQL keeps it as ``timestamptz``; SQLite as naive UTC text, which is why the
    value read back is tagged with UTC rather than trusted as-is.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            value = datetime.fromisoformat(str(value))
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        # fsrs compares tzinfo with `timezone.utc` itself, so normalise the object too.
        return value.astimezone(UTC)
