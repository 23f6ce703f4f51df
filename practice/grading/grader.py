"""grade(kind, expected, answer): read the answer safely, compare it with the reference,
and when it is wrong, say which typical mistake it matches."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from functools import partial
from typing import TypeAlias

import sympy

from practice.grading import choice
from practice.grading.equivalence import GradingTimeout, Tolerance, expressions_equal
from practice.grading.misconception_generators import scalar_misconceptions, vector_misconceptions
from practice.grading.misconception_matching import match_choice, match_scalar, match_vector
from practice.grading.results import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    BadRequest,
    GradeResult,
    Misconception,
)
from practice.grading.selfcheck import grade_self_check
from practice.limits import LIMITS
from practice.mathread import ReadError, names_in, read_expression, read_vector, symbol, to_latex
from practice.mathread.numeric import Undefined, value_of
from practice.timelimit import TimeUp, time_limit
from practice.vocabulary import Kind

TOO_LONG = GradeResult(
    False,
    0.0,
    "This answer took too long to check; try writing it more simply.",
    "the answer took too long to check",
)
CLOSE = 1e-2  # "close, but not within the tolerance" below this relative error

Expected: TypeAlias = str | sympy.Expr | Sequence[sympy.Expr]


def grade(
    kind: str,
    expected: Expected,
    answer: str,
    *,
    variables: Sequence[str] = (),
    rtol: float | None = None,
    atol: float | None = None,
    misconceptions: Sequence[Misconception] = (),
) -> GradeResult:
    """Grade one answer. Never raises for anything the learner typed: an unreadable
    answer is a result with `error`. Without `variables`, an expression (or vector) is
    read in the names its text `expected` uses. Raises BadRequest when the request itself is wrong
    (unknown kind, unreadable `expected`, bad tolerance)."""
    known = _kind(kind)
    if not isinstance(answer, str):
        raise BadRequest("the answer must be text")
    tolerance = _tolerance(rtol, atol)
    try:
        # The one time limit of a grading (practice/timelimit.py says why it is needed);
        # callers, `grade --jsonl` included, add none of their own.
        with time_limit(LIMITS.time.grading):
            if known in (Kind.EXPRESSION, Kind.VECTOR) and not variables:
                if isinstance(expected, str):
                    variables = names_in(expected)  # `variables` is optional in the contract
            return _graded(known, expected, answer, variables, tolerance, misconceptions)
    except ReadError as error:
        return unreadable(error, answer)
    except (GradingTimeout, TimeUp):
        return TOO_LONG


def _kind(kind: str) -> Kind:
    try:
        return Kind(kind)
    except ValueError:
        raise BadRequest(f"unknown kind `{kind}` (expected one of {', '.join(Kind)})") from None


def _graded(
    kind: Kind,
    expected: Expected,
    answer: str,
    variables: Sequence[str],
    tolerance: Tolerance,
    misconceptions: Sequence[Misconception],
) -> GradeResult:
    if kind == Kind.CHOICE:
        return _grade_choice(_text(expected), answer, misconceptions)
    if kind == Kind.SELF_CHECK:
        return grade_self_check(answer)
    deadline = time.monotonic() + LIMITS.time.comparing
    if kind == Kind.VECTOR:
        return _grade_vector(expected, answer, variables, tolerance, misconceptions, deadline)
    names = variables if kind == Kind.EXPRESSION else ()
    return _grade_scalar(expected, answer, names, tolerance, misconceptions, deadline)


def unreadable(error: ReadError, answer: str) -> GradeResult:
    return GradeResult(
        False, 0.0, f"We could not read your answer: {error.message}", error.render(answer)
    )


def _tolerance(rtol: float | None, atol: float | None) -> Tolerance:
    values = (DEFAULT_RTOL if rtol is None else rtol, DEFAULT_ATOL if atol is None else atol)
    floats = [_finite_float(value) for value in values]
    for value, number in zip(values, floats, strict=True):
        if number is None or number < 0:
            shown = repr(value) if len(repr(value)) <= 30 else repr(value)[:27] + "..."
            raise BadRequest(f"tolerances must be finite non-negative numbers, not {shown}")
    return Tolerance(*(float(number or 0.0) for number in floats))


def _finite_float(value: object) -> float | None:
    """The tolerance as a finite float, or None: an int like 10**400 has no float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _text(expected: Expected) -> str:
    if not isinstance(expected, str):
        raise BadRequest("the expected answer of a choice problem must be text such as `A,C`")
    return expected


def _reference_scalar(expected: Expected, variables: Sequence[str]) -> sympy.Expr:
    if isinstance(expected, sympy.Expr):
        value = expected
    elif isinstance(expected, str):
        try:
            value = read_expression(expected, variables)
        except ReadError as error:
            raise BadRequest(f"the expected answer could not be read: {error.message}") from error
    else:
        raise BadRequest("the expected answer must be text or a sympy expression")
    if not variables and value.free_symbols:
        raise BadRequest("the expected answer of a number problem has variables in it")
    return value


def _reference_vector(expected: Expected, variables: Sequence[str]) -> tuple[sympy.Expr, ...]:
    if isinstance(expected, str):
        try:
            return read_vector(expected, variables)
        except ReadError as error:
            raise BadRequest(f"the expected answer could not be read: {error.message}") from error
    if isinstance(expected, Sequence) and all(isinstance(c, sympy.Expr) for c in expected):
        return tuple(expected)
    raise BadRequest(
        "the expected answer of a vector problem must be text or a tuple of sympy expressions"
    )


def _comparer(variables: Sequence[str], tolerance: Tolerance, deadline: float) -> partial[bool]:
    symbols = [symbol(name) for name in variables]
    return partial(_same, symbols=symbols, tolerance=tolerance, deadline=deadline)


def _same(
    answer: sympy.Expr,
    expected: sympy.Expr,
    *,
    symbols: Sequence[sympy.Symbol],
    tolerance: Tolerance,
    deadline: float,
) -> bool:
    return expressions_equal(answer, expected, symbols, tolerance, deadline)


def _grade_scalar(
    expected: Expected,
    answer: str,
    variables: Sequence[str],
    tolerance: Tolerance,
    misconceptions: Sequence[Misconception],
    deadline: float,
) -> GradeResult:
    reference = _reference_scalar(expected, variables)
    value = read_expression(answer, variables)
    read_as = to_latex(value, explicit=True)
    same = _comparer(variables, tolerance, deadline)
    if same(value, reference):
        return GradeResult(True, 1.0, "Correct.", None, read_as=read_as)
    candidates = [*misconceptions, *scalar_misconceptions(reference)]
    mistake = match_scalar(value, reference, candidates, same)
    if mistake is not None:
        return GradeResult(False, 0.0, mistake.message, None, mistake.tag, read_as)
    return GradeResult(False, 0.0, _not_quite(value, reference), None, read_as=read_as)


def _not_quite(value: sympy.Expr, reference: sympy.Expr) -> str:
    if value.free_symbols or reference.free_symbols:
        return "Not correct."
    try:
        a, b = value_of(value), value_of(reference)
    except Undefined:
        return "Not correct."
    if b != 0 and abs(a - b) <= CLOSE * abs(b):
        return "Close, but not within the tolerance: keep more significant figures (at least five)."
    return "Not correct."


def _grade_vector(
    expected: Expected,
    answer: str,
    variables: Sequence[str],
    tolerance: Tolerance,
    misconceptions: Sequence[Misconception],
    deadline: float,
) -> GradeResult:
    reference = _reference_vector(expected, variables)
    value = read_vector(answer, variables)
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
    same = _comparer(variables, tolerance, deadline)
    right = tuple(same(a, b) for a, b in zip(value, reference, strict=True))
    score = sum(right) / len(right)
    if all(right):
        return GradeResult(True, 1.0, "Correct.", None, read_as=read_as, component_correct=right)
    candidates = [*misconceptions, *vector_misconceptions(reference)]
    mistake = match_vector(value, reference, right, candidates, same)
    feedback = _components_feedback(right)
    if mistake is not None:
        return GradeResult(
            False, score, f"{mistake.message} {feedback}", None, mistake.tag, read_as, right
        )
    return GradeResult(False, score, feedback, None, read_as=read_as, component_correct=right)


def _components_feedback(right: Sequence[bool]) -> str:
    wrong = [str(i + 1) for i, ok in enumerate(right) if not ok]
    if len(wrong) == len(right):
        return "No component is right."
    which = "component " + wrong[0] if len(wrong) == 1 else "components " + ", ".join(wrong)
    return f"{len(right) - len(wrong)} of {len(right)} components are right ({which} not)."


def _grade_choice(
    expected: str, answer: str, misconceptions: Sequence[Misconception]
) -> GradeResult:
    reference = choice.label_set(expected)
    if not reference:
        raise BadRequest("the expected answer of a choice problem names no label")
    known = reference | frozenset(
        label
        for m in misconceptions
        if isinstance(m.value, str)
        for label in choice.label_set(m.value)
    )
    chosen = choice.label_set(answer, known)
    if not chosen:
        error = ReadError("choose at least one option")
        return unreadable(error, answer)
    read_as = choice.describe(chosen)
    if chosen == reference:
        return GradeResult(True, 1.0, "Correct.", None, read_as=read_as)
    mistake = match_choice(
        chosen, misconceptions, reference, lambda text: choice.label_set(text, known)
    )
    if mistake is not None:
        return GradeResult(False, 0.0, mistake.message, None, mistake.tag, read_as)
    feedback = (
        "Some of your choices are right, but not the whole set."
        if chosen & reference
        else "Not correct."
    )
    return GradeResult(False, 0.0, feedback, None, read_as=read_as)
