"""Which typical wrong answers a variant should recognise, from how its answer is derived.

The generators of ``practice.grading.misconception_generators`` run once per problem on the
function with its parameters still symbols; a variant then only substitutes its
numbers into the cached candidates — and only when it is first graded, since most
variants shown are never answered wrongly (``Candidates.resolve``). Descent candidates
depend on every step's numbers and are computed with the variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from practice.banks.problem import Problem
from practice.grading.misconception_generators import (
    descent_misconceptions,
    gradient_misconceptions,
    partial_misconceptions,
    scalar_misconceptions,
    vector_misconceptions,
)
from practice.grading.results import Misconception
from practice.variants.derive import Derivation
from practice.variants.guard import guarded_value
from practice.variants.numbers import is_finite_real
from practice.variants.per_problem import once_per_problem
from practice.variants.substitute import substitute
from practice.vocabulary import AnswerForm, Mistake

Values = dict[sympy.Symbol, sympy.Expr]
EXACT_STEPS = 3
FLOAT_DIGITS = 30
MAX_WRONG_RUN = 1e6
DESCENT_MISTAKES = (Mistake.DESCENT_SIGN, Mistake.MISSING_LEARNING_RATE)


@dataclass(frozen=True)
class Candidates:
    """A variant's typical wrong answers, still to be filled with its parameter values."""

    symbolic: tuple[Misconception, ...] = ()
    values: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    descent: DescentRun | None = None
    # Partial and gradient problems: their symbolic candidates are generated (once per
    # problem) only when a variant of it is first graded.
    problem: Problem | None = field(default=None, compare=False)

    def resolve(self) -> tuple[Misconception, ...]:
        values = dict(self.values)
        symbolic = list(self.symbolic) + (
            _symbolic(self.problem) if self.problem is not None else []
        )
        found = (
            [m for m in (_substituted(m, values) for m in symbolic) if m is not None]
            if values
            else symbolic
        )
        if self.descent is not None:
            found += self.descent.misconceptions()
        return tuple(m for m in found if _usable(m))


@dataclass(frozen=True)
class DescentRun:
    """What the descent candidates are computed from: start, gradient, rate, steps."""

    start: tuple[sympy.Expr, ...]
    gradient: tuple[sympy.Expr, ...]
    variables: tuple[sympy.Symbol, ...]
    rate: sympy.Expr
    steps: int
    answer: tuple[sympy.Expr, ...] | None

    def misconceptions(self) -> list[Misconception]:
        start, rate = self.start, self.rate
        if self.steps > EXACT_STEPS:
            # Wrong runs can diverge: exact rationals would grow to millions of digits
            # over many steps, while 30-digit floats stay cheap.
            start = tuple(sympy.Float(w, FLOAT_DIGITS) for w in start)
            rate = sympy.Float(rate, FLOAT_DIGITS)
        found = [
            m
            for m in (self._wrong_run(tag, start, rate) for tag in DESCENT_MISTAKES)
            if m is not None
        ]
        if self.answer is not None:
            found += vector_misconceptions(self.answer)
        return found

    def _wrong_run(
        self, tag: str, start: tuple[sympy.Expr, ...], rate: sympy.Expr
    ) -> Misconception | None:
        """Follow one mistaken update for every step, one step at a time, and give up
        once it runs off (|w| > 10^6): evaluating exp(10^50) would never return."""
        weights, last = start, None
        for _ in range(self.steps):
            step = {
                m.tag: m
                for m in descent_misconceptions(weights, self.gradient, self.variables, rate, 1)
            }
            last = step[tag]
            weights = last.value if isinstance(last.value, tuple) else (last.value,)
            if not all(_moderate(w) for w in weights):
                return None
        return last


def _moderate(value: object) -> bool:
    return (
        isinstance(value, sympy.Expr)
        and is_finite_real(value)
        and abs(float(value)) <= MAX_WRONG_RUN
    )


def candidates_for(problem: Problem, derivation: Derivation, values: Values) -> Candidates:
    form, answer = problem.answer.form, derivation.answer
    if form in (AnswerForm.PARTIAL, AnswerForm.GRADIENT):
        return Candidates(values=tuple(values.items()), problem=problem)
    if form == AnswerForm.DESCENT:
        return Candidates(descent=_descent(problem, derivation))
    if isinstance(answer, tuple):
        return Candidates(tuple(vector_misconceptions(answer)))
    if isinstance(answer, sympy.Expr):
        return Candidates(tuple(scalar_misconceptions(answer)))
    return Candidates()


@once_per_problem
def _symbolic(problem: Problem) -> list[Misconception]:
    """The candidates of a partial or gradient problem, its parameters still symbols."""
    function, plan, variables = problem.function, problem.answer, problem.variables
    assert function is not None  # partial and gradient answers require one
    at = list(plan.at) if plan.at is not None else None
    if plan.form == AnswerForm.GRADIENT:
        return gradient_misconceptions(function, variables, at)
    before = function
    for variable in plan.wrt[:-1]:
        before = sympy.diff(before, variable)
    return partial_misconceptions(before, plan.wrt[-1], variables, at)


def _descent(problem: Problem, derivation: Derivation) -> DescentRun | None:
    plan = problem.answer
    if derivation.rate is None:
        return None
    if plan.given_gradient is not None and derivation.given_gradient is not None:
        gradient = derivation.given_gradient
    else:
        gradient = tuple(stage.after for stage in derivation.gradient_stages)
    answer = derivation.answer if isinstance(derivation.answer, tuple) else None
    return DescentRun(
        derivation.start, gradient, problem.variables, derivation.rate, plan.steps, answer
    )


def _substituted(misconception: Misconception, values: Values) -> Misconception | None:
    """The candidate with this variant's numbers in; ``None`` when it would have no sane
    value (a slip evaluated at the point can blow up where the right answer does not)."""
    value = misconception.value
    parts = value if isinstance(value, tuple) else (value,)
    if not all(isinstance(part, sympy.Expr) and _sane(part, values) for part in parts):
        return None
    if isinstance(value, tuple):
        value = tuple(substitute(component, values) for component in value)
    elif isinstance(value, sympy.Expr):
        value = substitute(value, values)
    return Misconception(misconception.tag, value, misconception.message)


def _sane(expression: sympy.Expr, values: Values) -> bool:
    """Numbers-only results are checked numerically before sympy computes them exactly."""
    if not expression.free_symbols or not expression.free_symbols <= values.keys():
        return True
    try:
        guarded_value(expression, values)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return False
    return True


def _usable(misconception: Misconception) -> bool:
    """Drop candidates that came out undefined (e.g. a slip that divides by zero)."""
    value = misconception.value
    parts = value if isinstance(value, tuple) else (value,)
    return all(
        isinstance(part, sympy.Expr)
        and not part.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
        for part in parts
    )
