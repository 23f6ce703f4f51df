"""The instructor's gradebook: per student and per problem, what to act on.

``learners`` is the collection of learner ids to count (class mode: one course's
students; local mode: every profile), as in ``db.classroom``. First-try accuracy counts
only attempts with ``attempt_number == 1`` (a learner's first graded try at a variant),
so a learner who retries until right does not look like one who knew it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, case, func, select

from db.models import AttemptRow, ReviewStateRow
from db.records import MistakeCount
from practice import scheduling

_CHUNK = 500  # learner ids per IN list: well under every dialect's parameter limit


@dataclass(frozen=True)
class StudentSummary:
    """One student's row of the gradebook."""

    learner_id: int
    attempts: int = 0
    correct: int = 0
    first_tries: int = 0
    first_correct: int = 0
    last_active: datetime | None = None
    mastery: dict[str, float] = field(default_factory=dict)  # topic -> mean mastery 0..1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None

    @property
    def first_try_accuracy(self) -> float | None:
        return self.first_correct / self.first_tries if self.first_tries else None


@dataclass(frozen=True)
class ProblemMistakes:
    """The commonest recognised mistakes in one problem's attempts."""

    problem_id: str
    mistakes: tuple[MistakeCount, ...]


def _chunks(learners: Collection[int]) -> list[list[int]]:
    ids = sorted(set(learners))
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def student_summaries(
    engine: Engine, learners: Collection[int], now: datetime
) -> dict[int, StudentSummary]:
    """Attempts, accuracy, first-try accuracy, last activity and mastery per topic of
    each learner in ``learners`` (those with no attempt too), by learner id."""
    a, s = AttemptRow, ReviewStateRow
    first = a.attempt_number == 1
    found: dict[int, StudentSummary] = {}
    mastery: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    moment = scheduling.as_utc(now)
    with engine.connect() as connection:
        for ids in _chunks(learners):
            counts = (
                select(
                    a.learner_id,
                    func.count(),
                    func.sum(case((a.correct.is_(True), 1), else_=0)),
                    func.sum(case((first, 1), else_=0)),
                    func.sum(case((first & a.correct.is_(True), 1), else_=0)),
                    func.max(a.created_at),
                )
                .where(a.learner_id.in_(ids))
                .group_by(a.learner_id)
            )
            for learner_id, n, right, tries, first_right, last in connection.execute(counts):
                found[learner_id] = StudentSummary(
                    learner_id,
                    int(n),
                    int(right or 0),
                    int(tries or 0),
                    int(first_right or 0),
                    scheduling.as_utc(last) if last is not None else None,
                )
            cards = select(s.learner_id, s.topic, s.stability, s.last_review).where(
                s.learner_id.in_(ids)
            )
            for learner_id, topic, stability, last_review in connection.execute(cards):
                recall = scheduling.mastery(stability, last_review, moment)
                mastery[learner_id][topic].append(recall)
    result: dict[int, StudentSummary] = {}
    for learner_id in sorted(set(learners)):
        base = found.get(learner_id, StudentSummary(learner_id))
        topics = {t: sum(v) / len(v) for t, v in sorted(mastery[learner_id].items())}
        result[learner_id] = StudentSummary(
            base.learner_id,
            base.attempts,
            base.correct,
            base.first_tries,
            base.first_correct,
            base.last_active,
            topics,
        )
    return result


def mistakes_per_problem(
    engine: Engine, learners: Collection[int] | None, per_problem: int = 3
) -> list[ProblemMistakes]:
    """For each problem with recognised mistakes, its ``per_problem`` commonest tags,
    the problems with most mistakes first."""
    a = AttemptRow
    query = (
        select(a.problem_id, a.mistake, func.count())
        .where(a.mistake.is_not(None))
        .group_by(a.problem_id, a.mistake)
    )
    rows: list[tuple[str, str, int]] = []
    with engine.connect() as connection:
        if learners is None:
            rows = [(p, str(m), int(n)) for p, m, n in connection.execute(query)]
        else:
            for ids in _chunks(learners):
                chunk = query.where(a.learner_id.in_(ids))
                rows += [(p, str(m), int(n)) for p, m, n in connection.execute(chunk)]
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for problem_id, tag, count in rows:
        per[problem_id][tag] += count
    found = [
        ProblemMistakes(
            problem_id,
            tuple(
                MistakeCount(tag, n)
                for tag, n in sorted(tags.items(), key=lambda item: (-item[1], item[0]))[
                    :per_problem
                ]
            ),
        )
        for problem_id, tags in per.items()
    ]
    return sorted(found, key=lambda p: (-sum(m.count for m in p.mistakes), p.problem_id))
