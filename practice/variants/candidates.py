"""Which typical wrong answers a variant should recognise, from how its answer is derived.

Candidates are derived from the variant as the learner sees it — the function with this
variant's numbers in, so a slip that changes nothing here (a chain factor of 1 in
L = 4w²) gives the right answer and is never named — and only when the variant is first
graded, since most variants shown are never answered wrongly (``Candidates.resolve``).
Each typical mistake is applied at its step of the derivation and the rest is done
right (``practice.grading.step_mistakes``): the gradient, the point it is evaluated at,
the update, the number of steps. The candidates keep that order, and the grader names
the first one that matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from practice.banks.problem import Problem
from practice.grading.misconception_generators import (
    Vector,
    candidate,
    descend,
    gradient_misconceptions,
    partial_misconceptions,
    scalar_misconceptions,
    vector_misconceptions,
)
from practice.grading.results import Misconception
from practice.grading.step_mistakes import gradient_slips, one_step_only, stale_gradient
from practice.variants.derive import Derivation
from practice.variants.numbers import is_finite_real
from practice.variants.value_candidates import value_misconceptions
from practice.vocabulary import AnswerForm, Mistake

Values = dict[sympy.Symbol, sympy.Expr]
EXACT_STEPS = 3
FLOAT_DIGITS = 30
MAX_WRONG_RUN = 1e6


@dataclass(frozen=True)
class Candidates:
    """A variant's typical wrong answers, or what to derive them from on first grading."""

    fixed: tuple[Misconception, ...] = ()
    descent: DescentRun | None = None
    later: Derived | None = field(default=None, compare=False)

    def resolve(self) -> tuple[Misconception, ...]:
        found = list(self.fixed)
        if self.later is not None:
            found += self.later.misconceptions()
        if self.descent is not None:
            found += self.descent.misconceptions()
        return tuple(m for m in found if _usable(m))


@dataclass(frozen=True)
class Derived:
    """A partial, gradient or value answer: its candidates come from the variant's own
    function and numbers."""

    problem: Problem
    derivation: Derivation
    values: tuple[tuple[sympy.Symbol, sympy.Expr], ...]

    def misconceptions(self) -> list[Misconception]:
        problem, derivation = self.problem, self.derivation
        form, point = problem.answer.form, derivation.point
        if form == AnswerForm.PARTIAL:
            last = derivation.stages[-1]  # earlier differentiations of a mixed partial: right
            return partial_misconceptions(last.before, last.variable, problem.variables, point)
        if form == AnswerForm.GRADIENT:
            assert derivation.function is not None  # a gradient answer requires one
            return gradient_misconceptions(derivation.function, problem.variables, point)
        found = value_misconceptions(problem, dict(self.values))
        answer = derivation.answer
        if isinstance(answer, tuple):
            return found + vector_misconceptions(answer)
        if isinstance(answer, sympy.Expr):
            return found + scalar_misconceptions(answer)
        return found


@dataclass(frozen=True)
class DescentRun:
    """What the descent candidates are computed from: start, gradient, rate, steps, and
    the function the gradient comes from (None when the problem gives the gradient)."""

    start: Vector
    gradient: Vector
    variables: tuple[sympy.Symbol, ...]
    rate: sympy.Expr
    steps: int
    answer: Vector | None
    function: sympy.Expr | None = None

    def misconceptions(self) -> list[Misconception]:
        """In the order of the derivation: the gradient slipped, the first gradient
        reused, the update slipped, the run stopped after one step."""
        start, rate = self.start, self.rate
        if self.steps > EXACT_STEPS:
            # Wrong runs can diverge: exact rationals would grow to millions of digits
            # over many steps, while 30-digit floats stay cheap.
            start = tuple(sympy.Float(w, FLOAT_DIGITS) for w in start)
            rate = sympy.Float(rate, FLOAT_DIGITS)
        found: list[Misconception] = []
        if self.function is not None:
            for tag, slipped in gradient_slips(self.function, self.variables):
                found += self._run(tag, start, slipped, rate)
        found += stale_gradient(self.start, self.gradient, self.variables, self.rate, self.steps)
        found += self._run(Mistake.DESCENT_SIGN, start, self.gradient, -rate)
        found += self._run(Mistake.MISSING_LEARNING_RATE, start, self.gradient, sympy.S.One)
        found += one_step_only(self.start, self.gradient, self.variables, self.rate, self.steps)
        if self.answer is not None:
            found += vector_misconceptions(self.answer)
        return found

    def _run(
        self, tag: Mistake, start: Vector, gradient: Vector, rate: sympy.Expr
    ) -> list[Misconception]:
        """Follow one mistaken run for every step, one step at a time, and give up once
        it runs off (|w| > 10^6): evaluating exp(10^50) would never return."""
        weights = start
        for _ in range(self.steps):
            weights = descend(weights, gradient, self.variables, rate, 1)
            if not all(_moderate(w) for w in weights):
                return []
        return [candidate(tag, weights[0] if len(weights) == 1 else weights)]


def _moderate(value: object) -> bool:
    return (
        isinstance(value, sympy.Expr)
        and is_finite_real(value)
        and abs(float(value)) <= MAX_WRONG_RUN
    )


def candidates_for(problem: Problem, derivation: Derivation, values: Values) -> Candidates:
    form = problem.answer.form
    if form == AnswerForm.DESCENT:
        return Candidates(descent=_descent(problem, derivation))
    if form in (AnswerForm.PARTIAL, AnswerForm.GRADIENT, AnswerForm.VALUE):
        return Candidates(later=Derived(problem, derivation, tuple(values.items())))
    return Candidates()


def _descent(problem: Problem, derivation: Derivation) -> DescentRun | None:
    plan = problem.answer
    if derivation.rate is None:
        return None
    given = plan.given_gradient is not None and derivation.given_gradient is not None
    if given:
        assert derivation.given_gradient is not None
        gradient = derivation.given_gradient
    else:
        gradient = tuple(stage.after for stage in derivation.gradient_stages)
    answer = derivation.answer if isinstance(derivation.answer, tuple) else None
    return DescentRun(
        derivation.start,
        gradient,
        problem.variables,
        derivation.rate,
        plan.steps,
        answer,
        None if given else derivation.function,
    )


def _usable(misconception: Misconception) -> bool:
    """Drop candidates that came out undefined (e.g. a slip that divides by zero)."""
    value = misconception.value
    parts = value if isinstance(value, tuple) else (value,)
    return all(
        isinstance(part, sympy.Expr)
        and not part.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
        for part in parts
    )
