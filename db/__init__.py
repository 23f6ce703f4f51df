"""The progress store: SQLAlchemy models, Alembic migrations, and the queries pages use.

Start here::

    from db import open_store
    from practice.session import Attempt
    store = open_store()                 # DATABASE_URL, else data/progress.sqlite3
    ana = store.learner("Ana")
    saved = store.record_attempt(ana.id, Attempt(problem_id="grad-1", topic="gradients", ...))

``open_store`` creates the SQLite file, applies pending migrations and hands back a
``Store``. Open it once per process (in Streamlit, under ``st.cache_resource``).
"""

from __future__ import annotations

from sqlalchemy import Engine

from db.bounds import InvalidInput, UnknownLearner
from db.engine import make_engine
from db.faults import StoreFault
from db.records import (
    AccuracyPoint,
    ActivityDay,
    DueForecast,
    DueProblem,
    Learner,
    LevelMastery,
    MistakeCount,
    OpenRound,
    PartAccuracy,
    ProblemStats,
    ProblemSummary,
    RecordedAttempt,
    RecordedParts,
    RoundParts,
    StoredAttempt,
    TopicMastery,
    TopicMistake,
    WrongAnswer,
)
from db.schema_version import is_current
from db.store import Store
from practice.config import database_url


def open_store(url: str | None = None) -> Store:
    """A store at ``url`` (default: the configured one), migrated to the latest schema."""
    engine = make_engine(url or database_url())
    if not is_current(engine):
        upgrade(engine)
    return Store(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply pending migrations (see ``db.migrate``); Alembic loads only when called."""
    from db.migrate import upgrade as alembic_upgrade

    alembic_upgrade(engine, revision)


__all__ = [
    "AccuracyPoint",
    "ActivityDay",
    "StoredAttempt",
    "DueForecast",
    "DueProblem",
    "InvalidInput",
    "Learner",
    "LevelMastery",
    "MistakeCount",
    "OpenRound",
    "PartAccuracy",
    "ProblemStats",
    "ProblemSummary",
    "RecordedAttempt",
    "RecordedParts",
    "RoundParts",
    "Store",
    "StoreFault",
    "TopicMastery",
    "TopicMistake",
    "UnknownLearner",
    "WrongAnswer",
    "make_engine",
    "open_store",
    "upgrade",
]
