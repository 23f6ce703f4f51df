"""One graded answer as it is rated and stored: the attempt record.

It is built once, here, from the three things that know about it: the variant on
screen (what was asked), the grade (how the answer fared) and the round (hints opened,
tries so far, time taken). The store receives it whole and keeps it as it is, bounded
(``db.bounds``); FSRS rates it (``practice.scheduling.rating_for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from practice.session.chain import ChainRound
from practice.session.rounds import Round

if TYPE_CHECKING:  # sympy stays off the import path of the pages that only show data
    from practice.grading import GradeResult
    from practice.grading.results import TestResult


class ShownVariant(Protocol):
    """What an attempt needs of the variant on screen: a ``practice.variants.Variant``
    or the ``VariantView`` a grading worker sends the page."""

    @property
    def problem_id(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def seed(self) -> int: ...


@dataclass(frozen=True)
class Attempt:
    """A graded answer to one variant, before it is stored."""

    problem_id: str
    topic: str
    level: str
    kind: str
    seed: int
    answer: str  # what the learner submitted (a self-check: what they wrote; code: the file)
    read_as: str | None  # LaTeX of what the grader read, None when it could not read it
    correct: bool
    score: float  # 0..1, partial credit
    mistake: str | None = None  # tag of the recognised mistake (practice.vocabulary)
    hints_used: int = 0
    attempt_number: int = 1  # 1 for the first graded try at this variant
    seconds: float | None = None  # time taken; None when nobody measured it
    is_review: bool = False  # answered from the Review page's due queue
    tests: tuple[TestResult, ...] | None = None  # code: each test's name, verdict, message
    solution_seen: bool = False  # the worked solution was open before this answer
    # A problem in parts: each part's answer is an attempt of its own.
    part: int | None = None  # the part's number, from 1; None for a one-part problem
    follow_through: bool | None = None  # right only given the learner's earlier answers
    given: tuple[tuple[int, str], ...] = ()  # (earlier part, the learner's answer) used


def graded_attempt(
    variant: ShownVariant, result: GradeResult, current: Round, answer: str, now: float
) -> Attempt:
    """The attempt ``answer`` makes in round ``current`` at monotonic time ``now``."""
    return Attempt(
        problem_id=variant.problem_id,
        topic=variant.topic,
        level=variant.level,
        kind=variant.kind,
        seed=variant.seed,
        answer=answer,
        read_as=result.read_as,
        correct=result.correct,
        score=result.score,
        mistake=result.mistake,
        hints_used=current.hints_shown,
        attempt_number=current.attempt_number,
        seconds=current.seconds(now),
        is_review=current.is_review,
        tests=result.tests,
        solution_seen=current.solution_seen,
    )


class PartVerdictLike(Protocol):
    """What a part's attempt needs of its grade (``practice.variants.follow_through.PartGrade``)."""

    @property
    def number(self) -> int: ...
    @property
    def result(self) -> GradeResult: ...
    @property
    def follow_through(self) -> bool: ...
    @property
    def given(self) -> tuple[tuple[int, str], ...]: ...


def graded_part_attempt(
    variant: ShownVariant,
    grade: PartVerdictLike,
    chain: ChainRound,
    answer: str,
    now: float,
    *,
    kind: str,
) -> Attempt:
    """The attempt of one part's ``answer`` in ``chain``: its part number and ``kind``,
    its own hints and tries, and the earlier answers it was graded on (follow-through)."""
    part = chain.part(grade.number)
    result = grade.result
    return Attempt(
        problem_id=variant.problem_id,
        topic=variant.topic,
        level=variant.level,
        kind=kind,
        seed=variant.seed,
        answer=answer,
        read_as=result.read_as,
        correct=result.correct,
        score=result.score,
        mistake=result.mistake,
        hints_used=part.hints_shown,
        attempt_number=part.attempts + 1,
        seconds=chain.round.seconds(now),
        is_review=chain.round.is_review,
        solution_seen=part.solution_seen and not part.finished,
        part=grade.number,
        follow_through=grade.follow_through,
        given=tuple(grade.given),
    )
