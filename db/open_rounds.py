"""The open round of each learner on the Practice page: kept and read back.

One row per learner (``OpenRoundRow``), replaced in one statement (an upsert, on both
SQLite and PostgreSQL), so two tabs saving at once leave one of their rounds, whole.
What a learner typed is kept within the same bounds as an answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from db import bounds
from db.bounds import InvalidInput, UnknownLearner
from db.engine import run_write
from db.models import CODE_ANSWER_MAX, ROUND_TOKEN_MAX, LearnerRow, OpenRoundRow
from db.records import OpenRound
from practice.scheduling import as_utc

_COLUMNS = (
    "problem_id",
    "seed",
    "token",
    "answer",
    "hints_shown",
    "attempts",
    "finished",
    "solution_seen",
    "started_at",
    "updated_at",
)


def clean(kept: OpenRound, now: datetime) -> OpenRound:
    """``kept`` within the store's bounds, or InvalidInput saying which value is refused."""
    token = str(kept.token)
    if len(token) != ROUND_TOKEN_MAX or not all(c in "0123456789abcdef" for c in token):
        raise InvalidInput("a round token is 16 hexadecimal digits")
    return OpenRound(
        problem_id=bounds.clean_problem_id(kept.problem_id),
        seed=bounds.clean_seed(kept.seed),
        token=token,
        answer=bounds.stored_text(kept.answer, CODE_ANSWER_MAX) or "",
        hints_shown=bounds.count(kept.hints_shown, "hints shown"),
        attempts=bounds.count(kept.attempts, "attempts"),
        finished=bool(kept.finished),
        solution_seen=bool(kept.solution_seen),
        started_at=min(as_utc(kept.started_at), as_utc(now)),
        updated_at=as_utc(now),
    )


def save(engine: Engine, learner_id: int, kept: OpenRound, now: datetime) -> None:
    """Keep ``kept`` as the learner's open round, replacing the one kept before."""
    values = clean(kept, now)
    row: dict[str, Any] = {"learner_id": int(learner_id)}
    row.update({name: getattr(values, name) for name in _COLUMNS})

    def write(connection: Connection) -> None:
        exists = select(LearnerRow.id).where(LearnerRow.id == row["learner_id"])
        if connection.scalar(exists) is None:
            raise UnknownLearner(f"no learner with id {learner_id}")
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(OpenRoundRow).values(**row)
        changed = {name: upsert.excluded[name] for name in _COLUMNS}
        connection.execute(
            upsert.on_conflict_do_update(index_elements=["learner_id"], set_=changed)
        )

    run_write(engine, write)


def load(engine: Engine, learner_id: int) -> OpenRound | None:
    """The learner's open round, or None when none was kept."""
    columns = [getattr(OpenRoundRow, name) for name in _COLUMNS]
    query = select(*columns).where(OpenRoundRow.learner_id == learner_id)
    with engine.connect() as connection:
        found = connection.execute(query).one_or_none()
    if found is None:
        return None
    kept = OpenRound(**{name: getattr(found, name) for name in _COLUMNS})
    return replace(kept, answer=kept.answer or "")


def forget(engine: Engine, learner_id: int) -> None:
    """Drop the learner's open round (nothing on the desk any more)."""

    def write(connection: Connection) -> None:
        connection.execute(delete(OpenRoundRow).where(OpenRoundRow.learner_id == learner_id))

    run_write(engine, write)
