"""A learner's dashboard: what is due, how accuracy moves, activity, mastery, mistakes.

Plain functions of an engine and a learner id, each one query (plus a little Python
where FSRS or calendar logic belongs in Python rather than in two SQL dialects). Days
are the learner's calendar days: each attempt carries its ``day``, fixed when it was
recorded in the learner's timezone (UTC unless the app knows better), so grouping is a
plain, indexed GROUP BY on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import Engine, case, func, select

from db.models import AttemptRow, LearnerRow, ReviewStateRow
from db.records import (
    AccuracyPoint,
    ActivityDay,
    DueForecast,
    LevelMastery,
    MistakeCount,
    StoredAttempt,
    TopicMastery,
    TopicMistake,
)
from practice import scheduling

_CORRECT = func.sum(case((AttemptRow.correct.is_(True), 1), else_=0))


def due_forecast(
    engine: Engine, learner_id: int, now: datetime, days: int = 14, timezone: tzinfo = UTC
) -> DueForecast:
    """Reviews due at ``now`` (overdue included), then per calendar day of the learner's
    ``timezone`` from today on."""
    moment = scheduling.as_utc(now)
    first_day = moment.astimezone(timezone).date()
    horizon = datetime.combine(first_day + timedelta(days=days), time.min, timezone)
    state = ReviewStateRow
    due_now = select(func.count()).where(state.learner_id == learner_id, state.due <= moment)
    upcoming = select(state.due).where(
        state.learner_id == learner_id, state.due > moment, state.due < horizon
    )
    with engine.connect() as connection:
        count_now = int(connection.scalar(due_now) or 0)
        per_day: dict[date, int] = defaultdict(int)
        for due in connection.scalars(upcoming):
            per_day[scheduling.as_utc(due).astimezone(timezone).date()] += 1
    calendar = tuple(
        (first_day + timedelta(days=i), per_day.get(first_day + timedelta(days=i), 0))
        for i in range(days)
    )
    return DueForecast(due_now=count_now, per_day=calendar)


def accuracy_over_time(engine: Engine, learner_id: int) -> list[AccuracyPoint]:
    """Attempts and correct answers per day, topic and level, oldest day first."""
    a = AttemptRow
    query = (
        select(a.day, a.topic, a.level, func.count(), _CORRECT)
        .where(a.learner_id == learner_id)
        .group_by(a.day, a.topic, a.level)
        .order_by(a.day, a.topic, a.level)
    )
    with engine.connect() as connection:
        return [
            AccuracyPoint(day, topic, level, int(n), int(right or 0))
            for day, topic, level, n, right in connection.execute(query)
        ]


def activity_per_day(
    engine: Engine, learner_id: int, since: date | None = None
) -> list[ActivityDay]:
    """Attempts, correct answers and seconds spent per day with any activity."""
    a = AttemptRow
    query = select(a.day, func.count(), _CORRECT, func.sum(a.seconds)).where(
        a.learner_id == learner_id
    )
    if since is not None:
        query = query.where(a.day >= since)
    query = query.group_by(a.day).order_by(a.day)
    with engine.connect() as connection:
        return [
            ActivityDay(day, int(n), int(right or 0), float(spent or 0.0))
            for day, n, right, spent in connection.execute(query)
        ]


def streak(engine: Engine, learner_id: int, today: date) -> int:
    """Consecutive days with practice, ending today (or yesterday: today is not over)."""
    query = (
        select(AttemptRow.day)
        .where(AttemptRow.learner_id == learner_id, AttemptRow.day <= today)
        .distinct()
        .order_by(AttemptRow.day.desc())
    )
    run = 0
    expected = today
    with engine.connect() as connection:
        for day in connection.scalars(query):
            if run == 0 and day == today - timedelta(days=1):
                expected = day
            if day != expected:
                break
            run += 1
            expected = day - timedelta(days=1)
    return run


def mastery_by_topic(engine: Engine, learner_id: int, now: datetime) -> list[TopicMastery]:
    """Mean mastery (``practice.scheduling.mastery``) at ``now`` of the problems met,
    per topic."""
    per_topic: dict[str, list[float]] = defaultdict(list)
    for topic, _level, recall in _masteries(engine, learner_id, now):
        per_topic[topic].append(recall)
    return [
        TopicMastery(topic, len(values), sum(values) / len(values))
        for topic, values in sorted(per_topic.items())
    ]


def mastery_by_level(engine: Engine, learner_id: int, now: datetime) -> list[LevelMastery]:
    """Mean mastery at ``now`` per topic and level, so a learner sees that level A is
    solid while level C fades."""
    per_cell: dict[tuple[str, str], list[float]] = defaultdict(list)
    for topic, level, recall in _masteries(engine, learner_id, now):
        per_cell[topic, level].append(recall)
    return [
        LevelMastery(topic, level, len(values), sum(values) / len(values))
        for (topic, level), values in sorted(per_cell.items())
    ]


def _masteries(engine: Engine, learner_id: int, now: datetime) -> list[tuple[str, str, float]]:
    """(topic, level, mastery at ``now``) of every card of the learner. FSRS's forgetting
    curve is computed by fsrs in Python, not re-derived in two SQL dialects."""
    s = ReviewStateRow
    query = select(s.topic, s.level, s.stability, s.last_review).where(s.learner_id == learner_id)
    moment = scheduling.as_utc(now)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        (topic, level, scheduling.mastery(stability, last_review, moment))
        for topic, level, stability, last_review in rows
    ]


def top_mistakes(engine: Engine, learner_id: int | None, limit: int = 5) -> list[MistakeCount]:
    """The most frequent mistake tags of one learner, or of everyone when None."""
    a = AttemptRow
    query = select(a.mistake, func.count().label("n")).where(a.mistake.is_not(None))
    if learner_id is not None:
        query = query.where(a.learner_id == learner_id)
    query = query.group_by(a.mistake).order_by(func.count().desc(), a.mistake).limit(limit)
    with engine.connect() as connection:
        return [MistakeCount(str(tag), int(n)) for tag, n in connection.execute(query)]


def mistakes_by_topic(engine: Engine, learner_id: int, limit: int = 5) -> list[TopicMistake]:
    """A learner's most frequent (mistake, topic) pairs: the topic says where to practise."""
    a = AttemptRow
    query = (
        select(a.mistake, a.topic, func.count())
        .where(a.learner_id == learner_id, a.mistake.is_not(None))
        .group_by(a.mistake, a.topic)
        .order_by(func.count().desc(), a.mistake, a.topic)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [
            TopicMistake(str(tag), str(topic), int(n))
            for tag, topic, n in connection.execute(query)
        ]


def last_answer(engine: Engine, learner_id: int, problem_id: str, seed: int) -> str | None:
    a = AttemptRow
    query = (
        select(a.answer)
        .where(a.learner_id == learner_id, a.problem_id == problem_id, a.seed == seed)
        .order_by(a.created_at.desc(), a.id.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        found = connection.scalar(query)
    return None if found is None else str(found)


def attempts(engine: Engine, learner_id: int) -> list[StoredAttempt]:
    """Every attempt of one learner, oldest first, with the learner's name. Columns are
    matched to fields by name (the learner's name is labelled ``learner``)."""
    a = AttemptRow
    query = (
        select(
            a.id,
            LearnerRow.name.label("learner"),
            a.problem_id,
            a.topic,
            a.level,
            a.kind,
            a.seed,
            a.answer,
            a.read_as,
            a.correct,
            a.score,
            a.mistake,
            a.hints_used,
            a.attempt_number,
            a.seconds,
            a.is_review,
            a.created_at,
            a.tests,
            a.part,
            a.follow_through,
            a.given,
        )
        .join(LearnerRow, LearnerRow.id == a.learner_id)
        .where(a.learner_id == learner_id)
        .order_by(a.created_at, a.id)
    )
    with engine.connect() as connection:
        return [StoredAttempt(**row._mapping) for row in connection.execute(query)]
