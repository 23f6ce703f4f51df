"""What a code test's call must return, derived from the drawn parameters.

Gradients are sympy's derivatives at the point, exactly, then rounded to floats.
Descent runs are iterated with the reader's guarded evaluator (``practice.mathread.
numeric``: compiled closures over mpmath at 64 bits, no generated code) rather than
with exact rationals, whose digits would multiply at every step; 64 bits is finer
than the float64 a learner's numpy uses, so the reference is the more precise side.
A value that is not a finite real number makes the draw undefined (``UndefinedDraw``):
the variant layer then draws other parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy

from practice.banks.code_spec import DescentRun, Divergence
from practice.mathread.numeric import Number, Undefined, compile_expr, evaluate, to_context
from practice.variants.derive import UndefinedDraw
from practice.variants.numbers import is_finite_real
from practice.variants.substitute import substitute

Read = Callable[[tuple[str | int, ...]], sympy.Expr]  # an expectation's part, substituted
Floats = list[float]


def number(value: sympy.Expr) -> float:
    """A drawn number as the float the sandbox receives."""
    if not is_finite_real(value):
        raise UndefinedDraw(f"not a finite real number: {value}")
    result = float(sympy.re(value.evalf(20)))
    if not math.isfinite(result):
        raise UndefinedDraw(f"too large for a float: {value}")
    return result


def gradient_at(
    of: sympy.Expr, variables: Sequence[sympy.Symbol], point: Sequence[sympy.Expr]
) -> Floats:
    where = dict(zip(variables, point, strict=True))
    return [number(substitute(sympy.diff(of, v), where)) for v in variables]


def relative_error(
    of: sympy.Expr,
    given: Sequence[sympy.Expr],
    variables: Sequence[sympy.Symbol],
    point: Sequence[sympy.Expr],
) -> float:
    """‖∇f − g‖ / (‖∇f‖ + ‖g‖) at the point, 0 when both vanish."""
    true = gradient_at(of, variables, point)
    where = dict(zip(variables, point, strict=True))
    guess = [number(substitute(g, where)) for g in given]
    if len(guess) != len(true):
        raise UndefinedDraw("`given` needs one component per variable")
    scale = math.hypot(*true) + math.hypot(*guess)
    difference = math.hypot(*(t - g for t, g in zip(true, guess, strict=True)))
    return 0.0 if scale == 0 else difference / scale


class _Gradient:
    """∇f as compiled closures, evaluated at 64-bit mpmath points."""

    def __init__(self, of: sympy.Expr, variables: Sequence[sympy.Symbol]) -> None:
        try:
            self.parts = [compile_expr(sympy.diff(of, v), tuple(variables)) for v in variables]
        except Undefined as error:
            raise UndefinedDraw(str(error)) from None

    def __call__(self, point: Sequence[Number]) -> list[Number]:
        try:
            return [evaluate(part, point) for part in self.parts]
        except Undefined as error:
            raise UndefinedDraw(f"the gradient is undefined on the way: {error}") from None


def descent(
    run: DescentRun,
    of: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    read: Read,
) -> Floats:
    """Where descent is after ``run.steps`` updates (fewer with ``until``)."""
    gradient = _Gradient(of, variables)
    w = [to_context(number(read(("start", i)))) for i in range(len(run.start))]
    rate = to_context(number(read(("rate",))))
    beta = to_context(number(read(("momentum",)))) if run.momentum is not None else None
    until = number(read(("until",))) if run.until is not None else None
    velocity = [to_context(0)] * len(w)
    for _ in range(run.steps):
        slope = gradient(w)
        if until is not None and math.hypot(*(float(g) for g in slope)) < until:
            break
        if beta is not None:
            velocity = [beta * v + g for v, g in zip(velocity, slope, strict=True)]
            slope = velocity
        w = [x - rate * g for x, g in zip(w, slope, strict=True)]
    return [_finite(x) for x in w]


def diverges(
    run: Divergence,
    of: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    read: Read,
) -> list[bool]:
    """For each rate: does plain descent leave the ball of radius ``limit``?"""
    gradient = _Gradient(of, variables)
    start = [to_context(number(read(("start", i)))) for i in range(len(run.start))]
    limit = number(read(("limit",)))
    verdicts = []
    for index in range(len(run.rates)):
        rate = to_context(number(read(("rates", index))))
        verdicts.append(_leaves(gradient, start, rate, run.steps, limit))
    return verdicts


def _leaves(gradient: _Gradient, w: list[Number], rate: Number, steps: int, limit: float) -> bool:
    for _ in range(steps):
        try:
            w = [x - rate * g for x, g in zip(w, gradient(w), strict=True)]
        except UndefinedDraw:
            return True  # it overflowed the guarded evaluator: far outside any limit
        if math.hypot(*(float(x) for x in w)) > limit:
            return True
    return False


def _finite(value: Number) -> float:
    result = float(value)
    if not math.isfinite(result):
        raise UndefinedDraw("the descent runs off to infinity")
    return result
