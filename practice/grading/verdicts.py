"""The verdict on a number, an expression or a vector: right, a named mistake, a near
miss that is not counted, or wrong.

Order matters: a right answer is right; a wrong one that matches a typical mistake is
named; only then is "close" considered, so a named mistake is never excused as
rounding, and a near miss is never called a mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from practice.grading.equivalence import Tolerance, expressions_equal
from practice.grading.misconception_generators import scalar_misconceptions, vector_misconceptions
from practice.grading.misconception_matching import match_scalar, match_vector
from practice.grading.precision import Precision, implied_precision, is_near_miss
from practice.grading.results import GradeResult, Misconception
from practice.mathread import read_expression, read_vector, strip_degrees, symbol, to_latex
from practice.mathread.numeric import Number, Undefined, value_of

RADIANS = (
    "That is the angle in radians; this question asks for it in degrees "
    "(a `°` after the number is fine)."
)
CLOSE_EXACT = "Close, but this answer must be exact."


@dataclass(frozen=True)
class Checking:
    """How one answer is checked: in which names, how closely, against which mistakes."""

    variables: tuple[str, ...]
    tolerance: Tolerance
    precision: Precision | None  # what a near miss is told to give; None: the tolerance's
    degrees: bool  # the question asks for an angle in degrees
    misconceptions: tuple[Misconception, ...]
    deadline: float

    def same(self, answer: sympy.Expr, expected: sympy.Expr) -> bool:
        symbols = [symbol(name) for name in self.variables]
        return expressions_equal(answer, expected, symbols, self.tolerance, self.deadline)

    def close_message(self) -> str:
        precision = self.precision or implied_precision(self.tolerance.rtol, self.tolerance.atol)
        return precision.close_message() if precision is not None else CLOSE_EXACT


def grade_scalar(reference: sympy.Expr, answer: str, checking: Checking) -> GradeResult:
    text = strip_degrees(answer) if checking.degrees else answer
    value = read_expression(text, checking.variables)
    read_as = to_latex(value, explicit=True)
    if checking.same(value, reference):
        return GradeResult(True, 1.0, "Correct.", None, read_as=read_as)
    candidates = [*checking.misconceptions, *scalar_misconceptions(reference)]
    mistake = match_scalar(value, reference, candidates, checking.same)
    if mistake is not None:
        return GradeResult(False, 0.0, mistake.message, None, mistake.tag, read_as)
    excuse = _not_counted(value, reference, checking)
    if excuse is not None:
        return GradeResult(False, 0.0, excuse, None, read_as=read_as, counted=False)
    return GradeResult(False, 0.0, "Not correct.", None, read_as=read_as)


def grade_vector(reference: tuple[sympy.Expr, ...], answer: str, checking: Checking) -> GradeResult:
    value = read_vector(answer, checking.variables)
    read_as = to_latex(value, explicit=True)
    if len(value) != len(reference):
        return GradeResult(
            False,
            0.0,
            f"Expected {len(reference)} components separated by commas; "
            f"your answer has {len(value)}.",
            None,
            read_as=read_as,
        )
    right = tuple(checking.same(a, b) for a, b in zip(value, reference, strict=True))
    score = sum(right) / len(right)
    if all(right):
        return GradeResult(True, 1.0, "Correct.", None, read_as=read_as, component_correct=right)
    candidates = [*checking.misconceptions, *vector_misconceptions(reference)]
    mistake = match_vector(value, reference, right, candidates, checking.same)
    feedback = _components_feedback(right)
    if mistake is not None:
        return GradeResult(
            False, score, f"{mistake.message} {feedback}", None, mistake.tag, read_as, right
        )
    if all(
        ok or _near_miss(a, b, checking) for a, b, ok in zip(value, reference, right, strict=True)
    ):
        message = f"{checking.close_message()} {feedback}"
        return GradeResult(False, score, message, None, None, read_as, right, counted=False)
    return GradeResult(False, score, feedback, None, read_as=read_as, component_correct=right)


def _not_counted(value: sympy.Expr, reference: sympy.Expr, checking: Checking) -> str | None:
    """Why a wrong number is not counted: rounded too early, or radians for degrees."""
    if _near_miss(value, reference, checking):
        return checking.close_message()
    if checking.degrees and _numbers(value, reference) is not None:
        in_degrees = value * 180 / sympy.pi
        if checking.same(in_degrees, reference):
            return RADIANS
    return None


def _near_miss(value: sympy.Expr, reference: sympy.Expr, checking: Checking) -> bool:
    numbers = _numbers(value, reference)
    if numbers is None:
        return False
    typed, expected = numbers
    allowed = checking.tolerance.atol + checking.tolerance.rtol * abs(expected)
    return is_near_miss(value, typed, expected, allowed)


def _numbers(value: sympy.Expr, reference: sympy.Expr) -> tuple[Number, Number] | None:
    if value.free_symbols or reference.free_symbols:
        return None
    try:
        return value_of(value), value_of(reference)
    except Undefined:
        return None


def _components_feedback(right: Sequence[bool]) -> str:
    wrong = [str(i + 1) for i, ok in enumerate(right) if not ok]
    if len(wrong) == len(right):
        return "No component is right."
    which = "component " + wrong[0] if len(wrong) == 1 else "components " + ", ".join(wrong)
    return f"{len(right) - len(wrong)} of {len(right)} components are right ({which} not)."
