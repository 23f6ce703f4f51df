"""Grading a problem in parts with follow-through: a slip costs only the part it is in.

Each part is graded against its reference. A part computed from earlier parts whose
answers were wrong is also re-derived from the learner's *own* earlier answers; right
given those, it is right "given your earlier answer" (``follow_through``), with the
credit the bank sets for it (full by default). The mistake is then named once, at the
part where it was made: a later part consistent with it names none, and a later part
wrong even given it names the mistake made there.

There is no follow-through when the learner's earlier answer could not be read, or
when it makes the later part degenerate: an earlier answer of all zeros (where the
reference is not zero) turns "multiply by η" or "subtract η·∇f" into copying, and a
re-derived answer of all zeros is as easy to hit by chance (Numbas issue #368). The
part is then graded against the reference alone, and the feedback says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import sympy

from practice import timelimit
from practice.grading import GradeResult
from practice.limits import LIMITS
from practice.mathread import ReadError
from practice.timelimit import TimeUp, time_limit
from practice.variants.derive import Answer
from practice.variants.parts import read_value, rederived
from practice.variants.variant import PartVariant, Variant, grade_variant


@dataclass(frozen=True)
class PartGrade:
    """One part's verdict, as the learner reads it and as it is stored."""

    number: int  # from 1
    result: GradeResult  # right (possibly given earlier answers), score, feedback, mistake
    follow_through: bool = False  # right given the learner's own earlier answers
    given: tuple[tuple[int, str], ...] = ()  # (part, the learner's answer) checked against

    @property
    def correct(self) -> bool:
        return self.result.correct

    @property
    def score(self) -> float:
        return self.result.score

    def to_json(self) -> dict[str, object]:
        """One entry of ``check``'s ``parts`` (../shared/contracts.md)."""
        return {
            "correct": self.result.correct,
            "score": self.result.score,
            "follow_through": self.follow_through,
            "mistake": self.result.mistake,
            "feedback": self.result.feedback,
            "error": self.result.error,
        }


@dataclass(frozen=True)
class PartsGrade:
    """Every answered part's verdict, and the whole problem's."""

    parts: tuple[PartGrade, ...]
    count: int  # parts the problem has; unanswered ones score 0

    @property
    def score(self) -> float:
        return sum(part.score for part in self.parts) / self.count

    @property
    def correct(self) -> bool:
        """Every part right against the reference itself."""
        answered = len(self.parts) == self.count
        return answered and all(p.correct and not p.follow_through for p in self.parts)

    def to_json(self) -> dict[str, object]:
        return {
            "parts": [part.to_json() for part in self.parts],
            "score": self.score,
            "correct": self.correct,
        }


@dataclass(frozen=True)
class _Done:
    """A graded part, with what later parts need of it."""

    grade: PartGrade
    value: Answer | None  # the learner's answer read as a value; None if unreadable
    right: bool  # right against the reference itself


def grade_parts(variant: Variant, answers: Sequence[str]) -> PartsGrade:
    """Grade the first ``len(answers)`` parts of ``variant``, one answer each, in order."""
    if not variant.parts:
        raise ValueError("this problem is not in parts")
    if len(answers) > len(variant.parts):
        raise ValueError(f"{len(answers)} answers for {len(variant.parts)} parts")
    done: list[_Done] = []
    for part, answer in zip(variant.parts, answers, strict=False):
        # In a worker the task's CPU budget is in force: each part gets one of its own.
        timelimit.rearm(part_cpu_seconds())
        done.append(_graded(variant, part, answer, answers, done))
    return PartsGrade(tuple(d.grade for d in done), len(variant.parts))


def part_cpu_seconds() -> float:
    """The CPU time one part may take: two gradings (against the reference and against
    the learner's own earlier answers), reading the answer, re-deriving the part."""
    return 2 * LIMITS.time.grading + 2 * LIMITS.time.follow_through


def _graded(
    variant: Variant, part: PartVariant, answer: str, answers: Sequence[str], done: list[_Done]
) -> _Done:
    reference = grade_variant(part.variant, answer)
    value = _value(part, answer) if reference.error is None else None
    wrong = [d for d in part.depends_on if not done[d - 1].right]
    if reference.correct or not wrong:
        result = _named_once(reference, part, variant, done)
        return _Done(PartGrade(part.number, result), value, reference.correct)
    verdict = _followed(variant, part, answer, answers, done, wrong, reference)
    return _Done(verdict, value, False)


def _followed(
    variant: Variant,
    part: PartVariant,
    answer: str,
    answers: Sequence[str],
    done: list[_Done],
    wrong: list[int],
    reference: GradeResult,
) -> PartGrade:
    """The part graded given the learner's own answers to the ``wrong`` earlier parts,
    or against the reference with the reason when that is not possible."""
    unread = [d for d in wrong if done[d - 1].value is None]
    if unread:
        why = f"Your answer to part {unread[0]} could not be read"
        return PartGrade(part.number, _against_reference(reference, part, variant, done, why))
    own = {d: value for d in wrong if (value := done[d - 1].value) is not None}
    zero = [
        d for d, value in own.items() if _all_zero(value) and not _all_zero(_expected(variant, d))
    ]
    if zero:
        why = f"Your answer to part {zero[0]} is zero, which would make this part trivial"
        return PartGrade(part.number, _against_reference(reference, part, variant, done, why))
    own_variant, why = _own_reference(variant, part, own)
    if own_variant is None:
        return PartGrade(part.number, _against_reference(reference, part, variant, done, why))
    mine = grade_variant(own_variant, answer)
    given = tuple((d, answers[d - 1]) for d in wrong)
    if mine.correct:
        return PartGrade(part.number, _right_given(mine, part, wrong), True, given)
    score = max(reference.score, part.credit * mine.score)
    return PartGrade(part.number, replace(mine, score=score), False, given)


def _own_reference(
    variant: Variant, part: PartVariant, own: Mapping[int, Answer]
) -> tuple[Variant | None, str]:
    """The part re-derived from the learner's answers, or None and why not."""
    try:
        with time_limit(LIMITS.time.follow_through):
            own_variant = rederived(variant, part.number, own)
            degenerate = _all_zero(own_variant.expected) and not _all_zero(part.variant.expected)
    except TimeUp:
        return None, "Working this part out from your earlier answers took too long"
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return None, "Your earlier answers leave this part undefined"
    if degenerate:
        return None, "Your earlier answers make this part come out as zero, too easy to count"
    return own_variant, ""


def _right_given(mine: GradeResult, part: PartVariant, wrong: list[int]) -> GradeResult:
    which = _part_list(wrong)
    feedback = f"Right, given your answer to {which}: this part follows correctly from it."
    if part.credit < 1:
        feedback += f" It earns {part.credit:.0%} of its credit, as the slip came earlier."
    return replace(mine, score=part.credit * mine.score, feedback=feedback)


def _against_reference(
    reference: GradeResult, part: PartVariant, variant: Variant, done: list[_Done], why: str
) -> GradeResult:
    result = _named_once(reference, part, variant, done)
    note = f"({why}, so this part is checked against the reference answer.)"
    return replace(result, feedback=f"{result.feedback} {note}".strip())


def _named_once(
    result: GradeResult, part: PartVariant, variant: Variant, done: list[_Done]
) -> GradeResult:
    """A mistake already named at a part this one is computed from is not named again:
    the wrong answer here is that mistake carried forward."""
    if result.mistake is None:
        return result
    for earlier in _upstream(variant, part):
        if done[earlier - 1].grade.result.mistake == result.mistake:
            feedback = f"Not correct: this carries forward the slip named in part {earlier}."
            return replace(result, mistake=None, feedback=feedback)
    return result


def _upstream(variant: Variant, part: PartVariant) -> list[int]:
    """Every earlier part this one is computed from, directly or through others."""
    found: set[int] = set()
    waiting = list(part.depends_on)
    while waiting:
        number = waiting.pop()
        if number not in found:
            found.add(number)
            waiting += variant.parts[number - 1].depends_on
    return sorted(found)


def _value(part: PartVariant, answer: str) -> Answer | None:
    """The learner's answer as a value later parts can be derived from."""
    try:
        with time_limit(LIMITS.time.follow_through):
            return read_value(part.variant, answer)
    except (ReadError, TimeUp, ValueError):
        return None


def _expected(variant: Variant, number: int) -> Answer | str:
    return variant.parts[number - 1].variant.expected


def _all_zero(value: Answer | str) -> bool:
    if isinstance(value, str):
        return False
    components = value if isinstance(value, tuple) else (value,)
    return all(isinstance(c, sympy.Expr) and c == 0 for c in components)


def _part_list(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"part {numbers[0]}"
    return "parts " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
