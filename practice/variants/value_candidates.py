"""Typical wrong answers of a problem whose answer is a formula in its parameters
(``answer: value``): a step length, the loss after a step, an update written as a
formula in the weights, the length of a gradient.

Such a formula does not say how it was derived, but its parameters do: a learning rate
(a parameter named ``eta`` or ``lr``) can be left out or its update added, a square root
is a length that can be given squared, and a formula that is w − η ∂f/∂w for the
problem's own function is an update whose partial can be slipped like any other.
"""

from __future__ import annotations

import sympy

from practice.banks.problem import Problem
from practice.grading.misconception_generators import candidate
from practice.grading.results import Misconception
from practice.grading.step_mistakes import (
    length_slip,
    partial_slips,
    rate_slips,
    shrinks_with_rate,
    update_variable,
)
from practice.variants.guard import guarded_value
from practice.variants.substitute import substitute
from practice.vocabulary import Kind

Values = dict[sympy.Symbol, sympy.Expr]
RATE_NAMES = ("eta", "lr")  # the bank convention for a learning rate


def value_misconceptions(problem: Problem, values: Values) -> list[Misconception]:
    """The candidates of a ``value`` answer, in the order of the derivation: the
    partial inside an update, then the update, then the length."""
    value = problem.answer.value
    if not isinstance(value, sympy.Expr):
        return []  # vectors of formulas: the grader's own sign and order checks
    value = _written_out(problem, value)
    found: list[Misconception] = []
    rate = _learning_rate(problem, value)
    if rate is not None:
        update = _update(problem, value, rate)
        found += update
        descent = bool(update) or (
            problem.kind == Kind.NUMBER and shrinks_with_rate(value, rate, values)
        )
        found += rate_slips(value, rate, descent=descent)
    found += length_slip(value)
    return [m for m in (substituted(m, values) for m in found) if m is not None]


def _update(problem: Problem, value: sympy.Expr, rate: sympy.Symbol) -> list[Misconception]:
    """For w − η ∂f/∂w: the same update with each typical slip in the partial."""
    if problem.function is None:
        return []
    weight = update_variable(value, rate, problem.function, problem.variables)
    if weight is None:
        return []
    return [
        candidate(tag, weight - rate * slipped)
        for tag, slipped in partial_slips(problem.function, weight, problem.variables)
    ]


def _learning_rate(problem: Problem, value: sympy.Expr) -> sympy.Symbol | None:
    for domain in problem.params:
        if domain.name in RATE_NAMES and domain.symbol in value.free_symbols:
            return domain.symbol
    return None


def _written_out(problem: Problem, value: sympy.Expr) -> sympy.Expr:
    """The formula in the drawn parameters only: derived names replaced by their
    definitions, so a learning rate hidden in one is still seen."""
    for _name, symbol, expression in reversed(problem.derived):
        value = value.xreplace({symbol: expression})
    return value


def substituted(misconception: Misconception, values: Values) -> Misconception | None:
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
