"""grade(kind, expected, answer): read the answer safely, compare it with the reference,
and when it is wrong, say which typical mistake it matches."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeAlias

import sympy

from practice.grading import choice
from practice.grading.equivalence import GradingTimeout, Tolerance
from practice.grading.misconception_matching import match_choice
from practice.grading.precision import DEFAULT_PRECISION, Precision
from practice.grading.results import BadRequest, GradeResult, Misconception
from practice.grading.selfcheck import grade_self_check
from practice.grading.verdicts import Checking, grade_scalar, grade_vector
from practice.limits import LIMITS
from practice.mathread import ReadError, names_in, read_expression, read_vector
from practice.timelimit import TimeUp, time_limit
from practice.vocabulary import Kind

# What the budget counts is CPU time (practice/timelimit.py), so the words say computing.
TOO_MUCH_COMPUTING = f"it needs more than {LIMITS.time.grading:g} s of computing"
TOO_LONG = GradeResult(
    False,
    0.0,
    f"This answer took too long to check ({TOO_MUCH_COMPUTING}); try writing it more simply.",
    f"the answer took too long to check ({TOO_MUCH_COMPUTING})",
)

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
    precision: Precision | None = None,
    degrees: bool = False,
) -> GradeResult:
    """Grade one answer. Never raises for anything the learner typed: an unreadable
    answer is a result with `error`. Without `variables`, an expression (or vector) is
    read in the names its text `expected` uses. The tolerance is the `precision`'s (4
    significant figures by default) unless `rtol` or `atol` override it; `degrees` takes
    `90°` for a question that asks for degrees. Raises BadRequest when the request itself
    is wrong (unknown kind, unreadable `expected`, bad tolerance)."""
    known = _kind(kind)
    if not isinstance(answer, str):
        raise BadRequest("the answer must be text")
    tolerance = _tolerance(rtol, atol, precision or DEFAULT_PRECISION)
    # a request with tolerances but no precision is told what its tolerances grant
    if precision is None and (rtol, atol) == (None, None):
        precision = DEFAULT_PRECISION
    try:
        # The one time limit of a grading (practice/timelimit.py says why it is needed);
        # callers, `grade --jsonl` included, add none of their own.
        with time_limit(LIMITS.time.grading):
            if known in (Kind.EXPRESSION, Kind.VECTOR) and not variables:
                if isinstance(expected, str):
                    variables = names_in(expected)  # `variables` is optional in the contract
            checking = Checking(
                tuple(variables),
                tolerance,
                precision,
                degrees,
                tuple(misconceptions),
                time.thread_time() + LIMITS.time.comparing,  # CPU time, as the limit
            )
            return _graded(known, expected, answer, checking)
    except ReadError as error:
        return unreadable(error, answer)
    except (GradingTimeout, TimeUp):
        return TOO_LONG


def _kind(kind: str) -> Kind:
    try:
        known = Kind(kind)
    except ValueError:
        known = None
    if known is None or known == Kind.CODE:
        answerable = ", ".join(k for k in Kind if k != Kind.CODE)
        code = " (a `code` answer is graded on its problem's tests: `check ID --file`)"
        raise BadRequest(
            f"unknown kind `{kind}` (expected one of {answerable})"
            + (code if known == Kind.CODE else "")
        )
    return known


def _graded(kind: Kind, expected: Expected, answer: str, checking: Checking) -> GradeResult:
    if kind == Kind.CHOICE:
        return _grade_choice(_text(expected), answer, checking.misconceptions)
    if kind == Kind.SELF_CHECK:
        return grade_self_check(answer)
    if kind == Kind.VECTOR:
        return grade_vector(_reference_vector(expected, checking.variables), answer, checking)
    if kind == Kind.NUMBER:
        checking = replace(checking, variables=())
    return grade_scalar(_reference_scalar(expected, checking.variables), answer, checking)


def unreadable(error: ReadError, answer: str) -> GradeResult:
    return GradeResult(
        False, 0.0, f"We could not read your answer: {error.message}", error.render(answer)
    )


def _tolerance(rtol: float | None, atol: float | None, precision: Precision) -> Tolerance:
    values = (precision.rtol if rtol is None else rtol, precision.atol if atol is None else atol)
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
