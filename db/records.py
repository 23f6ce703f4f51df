"""What the store hands out: frozen dataclasses, never ORM rows.

Datetimes are aware UTC; days are the learner's calendar days (see ``db.dashboard``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fsrs import Rating


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class RecordedAttempt:
    """The outcome of ``Store.record_attempt``: the new attempt and its new schedule."""

    attempt_id: int
    review_state_id: int
    rating: Rating
    due: datetime


@dataclass(frozen=True)
class RecordedParts:
    """The outcome of ``Store.record_parts``: the attempts stored (one per part, in the
    order given) and, when they completed the chain, the card's one review."""

    attempt_ids: tuple[int, ...]
    review: RecordedAttempt | None


@dataclass(frozen=True)
class StoredPart:
    """One stored answer to a part, as a reloaded page needs it to rebuild the chain."""

    part: int
    answer: str
    read_as: str | None
    correct: bool
    score: float
    mistake: str | None
    follow_through: bool
    hints_used: int


@dataclass(frozen=True)
class RoundParts:
    """What one round of a problem in parts stored: its parts' answers, oldest first,
    and the chain's review once it was completed."""

    parts: tuple[StoredPart, ...]
    review: RecordedAttempt | None


@dataclass(frozen=True)
class RoundSubmissions:
    """What one round stored: how many attempts, and the last one with its schedule."""

    attempts: int
    answer: str
    correct: bool
    score: float
    mistake: str | None
    read_as: str | None
    recorded: RecordedAttempt


@dataclass(frozen=True)
class StoredAttempt:
    """One stored attempt, as exported: the fields of ``practice.session.Attempt`` with
    its id, the learner's name and when it was stored (in this column order)."""

    id: int
    learner: str
    problem_id: str
    topic: str
    level: str
    kind: str
    seed: int
    answer: str
    read_as: str | None
    correct: bool
    score: float
    mistake: str | None
    hints_used: int
    attempt_number: int
    seconds: float | None  # None: the duration was not measured
    is_review: bool
    created_at: datetime
    tests: str | None = None  # code problems: JSON list of {"name", "passed", "message"}
    # Problems in parts (None for one-part problems): the part answered, from 1; right
    # only given the learner's own earlier answers; those answers, JSON [[part, answer]].
    part: int | None = None
    follow_through: bool | None = None
    given: str | None = None


@dataclass(frozen=True)
class DueProblem:
    """A problem due for review; draw a fresh variant with ``Store.fresh_seed``."""

    problem_id: str
    topic: str
    level: str
    due: datetime
    reviews: int
    lapses: int


@dataclass(frozen=True)
class DueForecast:
    """How many reviews are due now (overdue included) and on each of the next days."""

    due_now: int
    per_day: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class AccuracyPoint:
    day: date
    topic: str
    level: str
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class ActivityDay:
    day: date
    attempts: int
    correct: int
    seconds: float


@dataclass(frozen=True)
class TopicMastery:
    """Mean mastery (recalled now and lasting: ``practice.scheduling.mastery``) over the
    problems of a topic the learner has met."""

    topic: str
    problems: int
    mastery: float  # 0..1


@dataclass(frozen=True)
class LevelMastery:
    """Mean mastery over the problems of one topic and level met so far."""

    topic: str
    level: str
    problems: int
    mastery: float  # 0..1


@dataclass(frozen=True)
class MistakeCount:
    tag: str
    count: int


@dataclass(frozen=True)
class TopicMistake:
    """How often a learner made one mistake in one topic: where to practise it."""

    tag: str
    topic: str
    count: int


@dataclass(frozen=True)
class ProblemSummary:
    """One row of the instructor's table of problems."""

    problem_id: str
    attempts: int
    learners: int
    correct: int
    mean_seconds: float | None  # over the attempts whose duration is known; None if none
    first_tries: int = 0  # attempts that were a learner's first graded try at a variant
    first_correct: int = 0  # of those, the right ones

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0

    @property
    def first_try_accuracy(self) -> float | None:
        """Right at the first try, retries aside; None when no first try is stored."""
        return self.first_correct / self.first_tries if self.first_tries else None


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer many learners gave. Answers are grouped by what they were read as
    (``read_as``, LaTeX) so ``2x`` and ``2*x`` count together; ``example`` is one raw
    text that was typed, and ``read_as`` is None when the answer could not be read."""

    read_as: str | None
    example: str
    count: int


@dataclass(frozen=True)
class ProblemStats:
    """Class statistics for one problem, for the instructor page."""

    summary: ProblemSummary
    wrong_answers: tuple[WrongAnswer, ...]  # commonest first
    mistakes: tuple[MistakeCount, ...]  # commonest first


@dataclass(frozen=True)
class OpenRound:
    """The round a learner has open on the Practice page, as the store keeps it."""

    problem_id: str
    seed: int
    token: str  # practice.session.Round.token
    answer: str  # the text in the answer box (choices: the labels, "A" or "A,C")
    hints_shown: int
    attempts: int
    finished: bool
    solution_seen: bool
    started_at: datetime  # when the variant was first shown (aware UTC)
    updated_at: datetime | None = None  # set by the store when it keeps the round


@dataclass(frozen=True)
class PartAccuracy:
    """First tries at one part of a problem in parts: right against the reference, right
    only given the learner's own earlier answers (follow-through), and the rest wrong."""

    problem_id: str
    part: int  # from 1
    first_tries: int
    right: int
    followed: int

    @property
    def wrong(self) -> int:
        return self.first_tries - self.right - self.followed

    def share(self, count: int) -> float:
        return count / self.first_tries if self.first_tries else 0.0
