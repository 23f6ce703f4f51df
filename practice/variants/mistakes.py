"""Which typical wrong answers a variant should recognise, from how its answer is derived.

The generators of ``practice.grading.misconceptions`` run once per problem on the
function with its parameters still symbols; a variant then only substitutes its
numbers into the cached candidates. Descent candidates depend on every step's numbers
and are computed per variant (a handful of substitutions).
"""

from __future__ import annotations

import sympy

from practice.banks.problem import Problem
from practice.grading.misconceptions import (
    descent_misconceptions,
    gradient_misconceptions,
    partial_misconceptions,
    scalar_misconceptions,
    vector_misconceptions,
)
from practice.grading.results import Misconception
from practice.variants.derive import Derivation

Values = dict[sympy.Symbol, sympy.Expr]


def misconceptions_for(problem: Problem, derivation: Derivation, values: Values) -> tuple[Misconception, ...]:
    form, answer = problem.answer.form, derivation.answer
    if form in ("partial", "gradient"):
        found = [_substituted(m, values) for m in _symbolic(problem)]
    elif form == "descent":
        found = _descent(problem, derivation)
    elif isinstance(answer, tuple):
        found = vector_misconceptions(answer)
    elif isinstance(answer, sympy.Expr):
        found = scalar_misconceptions(answer)
    else:
        found = []
    return tuple(m for m in found if _usable(m))


def _symbolic(problem: Problem) -> list[Misconception]:
    cached = problem.cache.get("misconceptions")
    if cached is None:
        cached = problem.cache["misconceptions"] = _generate(problem)
    return cached  # type: ignore[return-value]


def _generate(problem: Problem) -> list[Misconception]:
    function, plan, variables = problem.function, problem.answer, problem.variables
    assert function is not None  # partial and gradient answers require one
    at = list(plan.at) if plan.at is not None else None
    if plan.form == "gradient":
        return gradient_misconceptions(function, variables, at)
    before = function
    for variable in plan.wrt[:-1]:
        before = sympy.diff(before, variable)
    return partial_misconceptions(before, plan.wrt[-1], variables, at)


def _descent(problem: Problem, derivation: Derivation) -> list[Misconception]:
    plan = problem.answer
    if derivation.rate is None:
        return []
    if plan.given_gradient is not None and derivation.given_gradient is not None:
        gradient = derivation.given_gradient
    else:
        gradient = tuple(stage.after for stage in derivation.gradient_stages)
    found = descent_misconceptions(derivation.start, gradient, problem.variables, derivation.rate, plan.steps)
    if isinstance(derivation.answer, tuple):
        found += vector_misconceptions(derivation.answer)
    return found


def _substituted(misconception: Misconception, values: Values) -> Misconception:
    value = misconception.value
    if isinstance(value, tuple):
        value = tuple(component.xreplace(values) for component in value)
    elif isinstance(value, sympy.Expr):
        value = value.xreplace(values)
    return Misconception(misconception.tag, value, misconception.message)


def _usable(misconception: Misconception) -> bool:
    """Drop candidates that came out undefined (e.g. a slip that divides by zero)."""
    value = misconception.value
    parts = value if isinstance(value, tuple) else (value,)
    return all(
        isinstance(part, sympy.Expr) and not part.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
        for part in parts
    )
