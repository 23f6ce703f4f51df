"""Where in a chain learners slip: first tries at each part of the problems in parts.

A part's *first* try is what shows where a chain breaks: later tries come after the
feedback and the worked solution. Each first try is right against the reference, right
only given the learner's own earlier answers (follow-through: the slip was upstream),
or wrong. One query, grouped by problem and part, for one learner (Progress) or for
everyone (the Instructor page's class statistics); the index ``(problem_id, part,
correct)`` of migration 0006 serves it.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine, case, func, select

from db.models import AttemptRow
from db.records import PartAccuracy

_a = AttemptRow
_RIGHT = func.sum(case((_a.correct.is_(True) & _a.follow_through.is_not(True), 1), else_=0))
_FOLLOWED = func.sum(case((_a.correct.is_(True) & _a.follow_through.is_(True), 1), else_=0))


def part_accuracy(
    engine: Engine,
    learner_id: int | None = None,
    problem_id: str | None = None,
    learners: Collection[int] | None = None,
) -> list[PartAccuracy]:
    """First tries per part of every problem in parts (of one learner, of ``learners``,
    or of everyone), by problem and part; ``problem_id`` narrows it to one problem. An
    empty ``learners`` counts nobody (a course without students)."""
    query = (
        select(_a.problem_id, _a.part, func.count(), _RIGHT, _FOLLOWED)
        .where(_a.part.is_not(None), _a.attempt_number == 1)
        .group_by(_a.problem_id, _a.part)
        .order_by(_a.problem_id, _a.part)
    )
    if learner_id is not None:
        query = query.where(_a.learner_id == learner_id)
    if problem_id is not None:
        query = query.where(_a.problem_id == problem_id)
    if learners is not None:
        query = query.where(_a.learner_id.in_(sorted(set(learners))))
    with engine.connect() as connection:
        return [
            PartAccuracy(str(problem), int(part), int(tries), int(right or 0), int(followed or 0))
            for problem, part, tries, right, followed in connection.execute(query)
        ]
