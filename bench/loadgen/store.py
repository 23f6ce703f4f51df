"""Did every submission reach the store exactly once? Read the store and compare.

The store is read with the standard library's ``sqlite3`` (``stored_answers``) or, for
a PostgreSQL store behind replicas, plain SQLAlchemy (``stored_answers_at``), never the
app's modules, and only two tables: who the learners are and what answers they gave. Each learner's
stored answers are compared, as a multiset, with the answers the benchmark submitted:
an answer submitted and not stored is *missing*, one stored more often than submitted
is *extra*. An answer the app cannot grade in time is shown to the learner and not
stored (it was not an attempt), so slow learners are checked only for extras.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MISSING_SHOWN = 5
ANSWERS_QUERY = (
    "SELECT learners.name, attempts.answer FROM attempts "
    "JOIN learners ON learners.id = attempts.learner_id"
)


def stored_answers(path: Path) -> dict[str, Counter[str]]:
    """Learner name -> the answers stored for them."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        try:
            rows = connection.execute(ANSWERS_QUERY).fetchall()
        except sqlite3.Error as error:
            raise RuntimeError(
                f"cannot read attempts from {path} ({error}); if the store's tables "
                "changed, update bench/loadgen/store.py"
            ) from error
    return _by_learner(rows)


def stored_answers_at(url: str) -> dict[str, Counter[str]]:
    """Learner name -> the answers stored for them, in the store at SQLAlchemy ``url``."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(text(ANSWERS_QUERY))]
    except SQLAlchemyError as error:
        raise RuntimeError(
            f"cannot read attempts from the store ({type(error).__name__}); if the store's "
            "tables changed, update bench/loadgen/store.py"
        ) from error
    finally:
        engine.dispose()
    return _by_learner(rows)


def _by_learner(rows: Iterable[tuple[object, ...]]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for name, answer in rows:
        found.setdefault(str(name), Counter())[str(answer)] += 1
    return found


@dataclass(frozen=True)
class StoreCheck:
    """Submissions against stored attempts for a group of learners."""

    submitted: int
    stored: int
    missing: int
    extra: int
    missing_answers: tuple[tuple[str, str], ...] = ()  # (learner, answer), the first few

    @property
    def exactly_once(self) -> bool:
        return self.missing == 0 and self.extra == 0


def compare(
    names: Iterable[str],
    submitted: Mapping[str, Counter[str]],
    stored: Mapping[str, Counter[str]],
) -> StoreCheck:
    totals = Counter[str]()
    lost: list[tuple[str, str]] = []
    for name in names:
        sent, kept = submitted.get(name, Counter()), stored.get(name, Counter())
        totals["submitted"] += sum(sent.values())
        totals["stored"] += sum(kept.values())
        totals["missing"] += sum((sent - kept).values())
        totals["extra"] += sum((kept - sent).values())
        lost += [(name, answer) for answer in (sent - kept).elements()]
    return StoreCheck(
        totals["submitted"],
        totals["stored"],
        totals["missing"],
        totals["extra"],
        tuple(lost[:MISSING_SHOWN]),
    )
