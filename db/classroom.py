"""Class statistics for the instructor page: how every learner did at each problem.

``learners``: the learner ids to count (class mode: one course's students); None counts
everyone (local mode). An empty collection counts nobody.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, case, func, select

from db.models import AttemptRow
from db.records import MistakeCount, ProblemStats, ProblemSummary, WrongAnswer

Learners = Collection[int] | None
Q = TypeVar("Q", bound=Select)


def _among(query: Q, learners: Learners) -> Q:
    if learners is None:
        return query
    return query.where(AttemptRow.learner_id.in_(sorted(set(learners))))


_CORRECT = func.sum(case((AttemptRow.correct.is_(True), 1), else_=0))


def _summary_query() -> Select[Any]:
    a = AttemptRow
    return select(
        a.problem_id,
        func.count(),
        func.count(a.learner_id.distinct()),
        _CORRECT,
        func.avg(a.seconds),
        func.sum(case((a.attempt_number == 1, 1), else_=0)),
        func.sum(case(((a.attempt_number == 1) & a.correct.is_(True), 1), else_=0)),
    ).group_by(a.problem_id)


def problem_overview(engine: Engine, learners: Learners = None) -> list[ProblemSummary]:
    """Attempts, learners and accuracy for every problem anyone attempted, by id."""
    query = _among(_summary_query(), learners).order_by(AttemptRow.problem_id)
    with engine.connect() as connection:
        return [_summary(*row) for row in connection.execute(query)]


def problem_statistics(
    engine: Engine, problem_id: str, limit: int = 5, learners: Learners = None
) -> ProblemStats:
    """One problem in detail: its summary, commonest wrong answers and mistake tags."""
    a = AttemptRow
    summary_query = _among(_summary_query().where(a.problem_id == problem_id), learners)
    reading = func.coalesce(a.read_as, a.answer)
    wrong_query = (
        _among(select(a.read_as, func.min(a.answer), func.count()), learners)
        .where(a.problem_id == problem_id, a.correct.is_(False))
        .group_by(reading, a.read_as)
        .order_by(func.count().desc(), func.min(a.answer))
        .limit(limit)
    )
    mistake_query = (
        _among(select(a.mistake, func.count()), learners)
        .where(a.problem_id == problem_id, a.mistake.is_not(None))
        .group_by(a.mistake)
        .order_by(func.count().desc(), a.mistake)
        .limit(limit)
    )
    with engine.connect() as connection:
        row = connection.execute(summary_query).one_or_none()
        summary = _summary(*row) if row is not None else ProblemSummary(problem_id, 0, 0, 0, None)
        wrong = tuple(WrongAnswer(r, ex, int(n)) for r, ex, n in connection.execute(wrong_query))
        mistakes = tuple(MistakeCount(str(t), int(n)) for t, n in connection.execute(mistake_query))
    return ProblemStats(summary, wrong, mistakes)


def class_mistakes(engine: Engine, learners: Learners, limit: int = 10) -> list[MistakeCount]:
    """The commonest mistake tags among ``learners``' attempts."""
    a = AttemptRow
    query = (
        _among(select(a.mistake, func.count()), learners)
        .where(a.mistake.is_not(None))
        .group_by(a.mistake)
        .order_by(func.count().desc(), a.mistake)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [MistakeCount(str(tag), int(n)) for tag, n in connection.execute(query)]


def _summary(
    problem_id: str,
    attempts: int,
    learners: int,
    correct: int | None,
    seconds: float | None,
    first_tries: int | None = 0,
    first_correct: int | None = 0,
) -> ProblemSummary:
    """AVG skips the attempts whose duration is unknown (NULL)."""
    mean = None if seconds is None else float(seconds)
    return ProblemSummary(
        problem_id,
        int(attempts),
        int(learners),
        int(correct or 0),
        mean,
        int(first_tries or 0),
        int(first_correct or 0),
    )
