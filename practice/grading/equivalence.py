"""Are two values the same? Numbers by tolerance, expressions by their values at random
points.

Symbolic simplification is slow (often tens of milliseconds) and wrong both ways on
ordinary answers (it misses identities it cannot prove and hangs on some it could), so
expressions are compared where they are defined: at deterministic pseudo-random points,
mixing all-positive points (so `ln x` has a domain) with mixed-sign ones (so `|x|` is
not mistaken for `x`). A point is used only where both sides are finite and real;
expressions that are complex everywhere fall back to complex values.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import sympy

from practice.mathread.numeric import (
    Compiled,
    Number,
    Overflow,
    Undefined,
    compile_expr,
    evaluate,
    is_close,
    is_real,
    to_context,
)

_WANTED_POINTS = 6  # agreeing points needed to call two expressions equal
_MIN_POINTS = 3  # with fewer usable points than this, try complex values
_MAX_CANDIDATES = 48  # points tried before giving up
_SEED = 20240601


class GradingTimeout(ArithmeticError):
    """Comparing took longer than the request's budget."""


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float


def values_close(answer: Number, expected: Number, tolerance: Tolerance) -> bool:
    return is_close(answer, expected, tolerance.rtol, tolerance.atol)


def expressions_equal(
    answer: sympy.Expr,
    expected: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    tolerance: Tolerance,
    deadline: float | None,
) -> bool:
    if answer == expected:
        return True
    symbols = _symbols(answer, expected, variables)
    try:
        compiled_answer = compile_expr(answer, symbols)
        compiled_expected = compile_expr(expected, symbols)
    except Undefined:
        return False
    if not symbols:
        return bool(
            _agree_at(compiled_answer, compiled_expected, (), tolerance, allow_complex=True)
        )
    for allow_complex in (False, True):
        verdict = _compare(
            compiled_answer, compiled_expected, len(symbols), tolerance, allow_complex, deadline
        )
        if verdict is not None:
            return verdict
    return False


def _symbols(
    answer: sympy.Expr, expected: sympy.Expr, variables: Sequence[sympy.Symbol]
) -> tuple[sympy.Symbol, ...]:
    extra = (answer.free_symbols | expected.free_symbols) - set(variables)
    return tuple(variables) + tuple(sorted(extra, key=lambda s: s.name))


def _compare(
    answer: Compiled,
    expected: Compiled,
    dimension: int,
    tolerance: Tolerance,
    allow_complex: bool,
    deadline: float | None,
) -> bool | None:
    """True/False when enough points decided it, None when too few points were usable.

    Points where both values are within atol of zero agree without telling much (x^1000
    and x^1001 near x = 0.5), so they count only when no point is informative at all,
    as for two expressions that are both identically zero."""
    informative = tiny = 0
    for point in _points(dimension):
        if deadline is not None and time.thread_time() > deadline:
            raise GradingTimeout("comparison took too long")
        verdict = _agree_at(answer, expected, point, tolerance, allow_complex)
        if verdict is False:
            return False
        if verdict is _TINY:
            tiny += 1
        elif verdict:
            informative += 1
            if informative >= _WANTED_POINTS:
                return True
    if informative >= _MIN_POINTS or (informative == 0 and tiny >= _WANTED_POINTS):
        return True
    return None


class _Tiny:
    """Both values within atol of zero: an agreement that tells little."""

    def __bool__(self) -> bool:
        return True


_TINY = _Tiny()


def _agree_at(
    answer: Compiled,
    expected: Compiled,
    point: Sequence[Number],
    tolerance: Tolerance,
    allow_complex: bool,
) -> bool | _Tiny | None:
    """None when the point is not usable (a side undefined, or complex when not allowed).
    One side too large to compute while the other is a sane number is a disagreement:
    x^1000000 is not x^1000 just because the first overflows where they differ."""
    b, b_overflows = _value(expected, point)
    a, a_overflows = _value(answer, point)
    if a_overflows or b_overflows:
        return False if (a_overflows != b_overflows and (a is not None or b is not None)) else None
    if a is None or b is None:
        return None
    if not allow_complex and not (is_real(a) and is_real(b)):
        return None
    if not values_close(a, b, tolerance):
        return False
    return _TINY if max(abs(a), abs(b)) <= tolerance.atol else True


def _value(compiled: Compiled, point: Sequence[Number]) -> tuple[Number | None, bool]:
    try:
        return evaluate(compiled, point), False
    except Overflow:
        return None, True
    except Undefined:
        return None, False


def _points(dimension: int) -> tuple[tuple[Number, ...], ...]:
    """The same points every time: all-positive and mixed-sign points, alternating,
    away from 0 and ±1 where many wrong answers coincide with right ones."""
    return _points_cached(dimension)


@lru_cache(maxsize=32)
def _points_cached(dimension: int) -> tuple[tuple[Number, ...], ...]:
    rng = random.Random(_SEED + dimension)
    points = []
    for i in range(_MAX_CANDIDATES):
        if i % 2 == 0:
            coordinates = [rng.uniform(0.15, 2.9) for _ in range(dimension)]
        else:  # sign patterns cycle so every coordinate is soon negative, and all at once
            pattern = i // 2
            coordinates = [
                (-1 if (pattern >> d) & 1 == 0 else 1) * rng.uniform(0.15, 2.9)
                for d in range(dimension)
            ]
        points.append(tuple(to_context(_away_from_one(c)) for c in coordinates))
    return tuple(points)


def _away_from_one(c: float) -> float:
    return c + 0.11 if abs(abs(c) - 1) < 0.05 else c
