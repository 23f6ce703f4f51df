"""Deriving a variant's reference answer with sympy, and the facts its solution shows.

The symbolic work (derivatives of ``f`` with the parameters still as symbols, split
into terms) is done once per problem (``practice.variants.per_problem``); a variant only substitutes
numbers (``xreplace``), which is what keeps variant generation fast.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeAlias

import sympy

from practice.banks.problem import Problem
from practice.grading.code import CodeTask
from practice.variants.guard import computable_at
from practice.variants.numbers import is_defined, is_finite_real
from practice.variants.per_problem import once_per_problem
from practice.variants.sampling import exponents_are_safe
from practice.variants.substitute import substitute
from practice.vocabulary import AnswerForm, Kind

Values = dict[sympy.Symbol, sympy.Expr]
Answer: TypeAlias = sympy.Expr | tuple[sympy.Expr, ...]


class UndefinedDraw(ArithmeticError):
    """This draw's answer is undefined, infinite or complex: draw again."""


@dataclass(frozen=True)
class Stage:
    """One differentiation: ``d(before)/d(variable)``, term by term."""

    variable: sympy.Symbol
    before: sympy.Expr
    terms: tuple[tuple[sympy.Expr, sympy.Expr], ...]  # (term, its derivative)
    after: sympy.Expr
    after_terms: tuple[sympy.Expr, ...] | None = None  # `after` in display order, if known


@dataclass(frozen=True)
class Step:
    """One gradient-descent update ``after = before - rate * gradient``."""

    before: tuple[sympy.Expr, ...]
    gradient: tuple[sympy.Expr, ...]
    after: tuple[sympy.Expr, ...]


@dataclass(frozen=True)
class Derivation:
    """A variant's answer and what its worked solution needs to show how it came about."""

    answer: Answer | None
    function: sympy.Expr | None = None
    stages: tuple[Stage, ...] = ()  # partial: the chain of differentiations
    gradient_stages: tuple[Stage, ...] = ()  # gradient/descent: one stage per variable
    point: tuple[sympy.Expr, ...] | None = None
    at_point: Answer | None = None
    start: tuple[sympy.Expr, ...] = ()
    rate: sympy.Expr | None = None
    given_gradient: tuple[sympy.Expr, ...] | None = None
    steps: tuple[Step, ...] = ()
    function_terms: tuple[sympy.Expr, ...] | None = None  # `function` in display order
    code: CodeTask | None = None  # a code problem's tests for this draw
    evaluated: Answer | None = None  # a value at a point: the value before the point is put in
    inputs: Values | None = None  # a value: what its names stood for (the worked solution)


def derive(problem: Problem, values: Values) -> Derivation:
    """The answer for these parameter values; raises ``UndefinedDraw`` to ask for a redraw."""
    for exponent_holder in _risky(problem):
        if not exponents_are_safe(exponent_holder, values):
            raise UndefinedDraw("an exponent is too large")
    function = None if problem.function is None else _defined(substitute(problem.function, values))
    derivation = _derive_answer(problem, values, function)
    if function is None:
        return derivation
    return replace(
        derivation, function_terms=display_terms(function_terms(problem), function, values)
    )


def _derive_answer(problem: Problem, values: Values, function: sympy.Expr | None) -> Derivation:
    form = problem.answer.form
    if form == AnswerForm.PARTIAL:
        return _partial(problem, values, function)
    if form == AnswerForm.GRADIENT:
        return _gradient(problem, values, function)
    if form == AnswerForm.DESCENT:
        return _descent(problem, values, function)
    if form == AnswerForm.VALUE:
        return _value_derivation(problem, values, function)
    return Derivation(None, function)


def _partial(problem: Problem, values: Values, function: sympy.Expr | None) -> Derivation:
    stages = tuple(_concrete_stage(stage, values) for stage in _symbolic_partial(problem))
    expression = stages[-1].after
    at = problem.answer.at
    if at is None:
        return Derivation(expression, function, stages)
    point = tuple(_number(substitute(coordinate, values)) for coordinate in at)
    symbolic = _symbolic_partial(problem)[-1].after
    if not computable_at(symbolic, values, problem.variables, point):
        raise UndefinedDraw("the derivative has no sane value at the point")
    value = _number(substitute(expression, dict(zip(problem.variables, point, strict=True))))
    return Derivation(value, function, stages, point=point, at_point=value)


def _gradient(problem: Problem, values: Values, function: sympy.Expr | None) -> Derivation:
    stages = _gradient_stages(problem, values)
    vector = tuple(stage.after for stage in stages)
    at = problem.answer.at
    if at is None:
        return Derivation(vector, function, gradient_stages=stages)
    point = tuple(_number(substitute(coordinate, values)) for coordinate in at)
    symbolic = tuple(stage.after for stage in _symbolic_gradient(problem))
    at_point = _at(vector, problem.variables, point, symbolic, values)
    return Derivation(at_point, function, gradient_stages=stages, point=point, at_point=at_point)


def _descent(problem: Problem, values: Values, function: sympy.Expr | None) -> Derivation:
    plan = problem.answer
    assert plan.rate is not None  # the schema requires a rate
    rate = _number(substitute(plan.rate, values))
    start = tuple(_number(substitute(coordinate, values)) for coordinate in plan.start)
    stages: tuple[Stage, ...] = ()
    if plan.given_gradient is not None:
        gradient = tuple(_defined(substitute(g, values)) for g in plan.given_gradient)
        # Parameters stay symbols so variants share one compiled check; an earlier
        # part's answer in terms of the variables (a problem in parts) is put in first.
        symbolic = tuple(
            concrete if _bound_to_expressions(g, values) else g
            for g, concrete in zip(plan.given_gradient, gradient, strict=True)
        )
    else:
        symbolic = tuple(stage.after for stage in _symbolic_gradient(problem))
        stages = _gradient_stages(problem, values)
        gradient = tuple(stage.after for stage in stages)
    steps: list[Step] = []
    weights = start
    for _ in range(plan.steps):
        slope = _at(gradient, problem.variables, weights, symbolic, values)
        after = tuple(_tame(_number(w - rate * g)) for w, g in zip(weights, slope, strict=True))
        if any(abs(float(w)) > MAX_WEIGHT for w in after):
            raise UndefinedDraw("the descent runs off to infinity")
        steps.append(Step(weights, slope, after))
        weights = after
    answer: Answer = weights[0] if problem.kind == Kind.NUMBER else weights
    given = gradient if plan.given_gradient is not None else None
    return Derivation(
        answer,
        function,
        gradient_stages=stages,
        start=start,
        rate=rate,
        given_gradient=given,
        steps=tuple(steps),
    )


def _value_derivation(problem: Problem, values: Values, function: sympy.Expr | None) -> Derivation:
    at = problem.answer.at
    if at is None:
        return Derivation(_value(problem, values), function, inputs=values)
    # A part of a problem in parts: its value (say, earlier parts' partials) at a point.
    point = tuple(_number(substitute(coordinate, values)) for coordinate in at)
    where = {**values, **dict(zip(problem.variables, point, strict=True))}
    value = problem.answer.value
    assert value is not None
    components = value if isinstance(value, tuple) else (value,)
    before = tuple(_at_once(component, values) for component in components)
    evaluated = before if isinstance(value, tuple) else before[0]
    return Derivation(_value(problem, where), function, point=point, evaluated=evaluated)


def _value(problem: Problem, values: Values) -> Answer:
    value = problem.answer.value
    check = _defined if problem.kind == Kind.EXPRESSION else _number
    if isinstance(value, tuple):
        return tuple(check(_at_once(component, values)) for component in value)
    assert value is not None
    return check(_at_once(value, values))


def _at_once(expression: sympy.Expr, values: Values) -> sympy.Expr:
    """``expression`` with ``values`` in, including values that are themselves in terms
    of other entries (an earlier part's answer ``2 x y`` evaluated at a point)."""
    substituted = substitute(expression, values)
    return (
        substitute(substituted, values) if substituted.free_symbols & values.keys() else substituted
    )


def _bound_to_expressions(expression: sympy.Expr, values: Values) -> bool:
    return any(values[name].free_symbols for name in expression.free_symbols if name in values)


def _gradient_stages(problem: Problem, values: Values) -> tuple[Stage, ...]:
    return tuple(_concrete_stage(stage, values) for stage in _symbolic_gradient(problem))


def _concrete_stage(stage: Stage, values: Values) -> Stage:
    after = _defined(substitute(stage.after, values))
    return Stage(
        stage.variable,
        _defined(substitute(stage.before, values)),
        _concrete_terms(stage.terms, values),
        after,
        display_terms(stage.after_terms, after, values),
    )


def display_terms(
    symbolic_terms: tuple[sympy.Expr, ...] | None, concrete: sympy.Expr, values: Values
) -> tuple[sympy.Expr, ...] | None:
    """``concrete``'s terms in the order of the symbolic expression, so LaTeX can be
    joined from cached per-term pieces instead of re-sorting every variant's sum.
    ``None`` when substitution merged or cancelled terms (then print the whole)."""
    if symbolic_terms is None:
        return None
    terms = tuple(t for t in (substitute(term, values) for term in symbolic_terms) if t != 0)
    actual = sympy.Add.make_args(concrete)
    if len(terms) != len(actual) or set(terms) != set(actual):
        return None
    return terms


def _at(
    vector: tuple[sympy.Expr, ...],
    variables: tuple[sympy.Symbol, ...],
    point: tuple[sympy.Expr, ...],
    symbolic: tuple[sympy.Expr, ...],
    values: Values,
) -> tuple[sympy.Expr, ...]:
    """``vector`` at ``point``, once the symbolic form (parameters still symbols, so
    its compiled evaluator is shared by all variants) showed every value is sane."""
    if not all(computable_at(component, values, variables, point) for component in symbolic):
        raise UndefinedDraw("the gradient has no sane value at the point")
    where = dict(zip(variables, point, strict=True))
    return tuple(_number(substitute(component, where)) for component in vector)


def _concrete_terms(
    terms: tuple[tuple[sympy.Expr, sympy.Expr], ...], values: Values
) -> tuple[tuple[sympy.Expr, sympy.Expr], ...]:
    concrete = (
        (substitute(term, values), substitute(derivative, values)) for term, derivative in terms
    )
    return tuple((term, derivative) for term, derivative in concrete if term != 0)


# Exact arithmetic is kept while it stays small: a few steps on x^4 would otherwise
# triple the digits of every weight at each step (3^50 digits after 50 steps).
MAX_EXACT_BITS = 256
# Weights beyond this have diverged; the next step could ask for exp(10^300).
MAX_WEIGHT = 1e12
FLOAT_DIGITS = 30


def _tame(value: sympy.Expr) -> sympy.Expr:
    """A descent weight kept exact when it is a small rational, else a 30-digit float.

    Transcendental gradients (exp, sin) would otherwise nest one level per step."""
    if (
        isinstance(value, sympy.Rational)
        and int(value.p).bit_length() + int(value.q).bit_length() <= MAX_EXACT_BITS
    ):
        return value
    return sympy.Float(value.evalf(FLOAT_DIGITS), FLOAT_DIGITS)


def _number(value: sympy.Expr) -> sympy.Expr:
    if not is_finite_real(value):
        raise UndefinedDraw(f"not a finite real number: {value}")
    return value


def _defined(value: sympy.Expr) -> sympy.Expr:
    if not is_defined(value):
        raise UndefinedDraw(f"undefined: {value}")
    return value


@once_per_problem
def _symbolic_partial(problem: Problem) -> tuple[Stage, ...]:
    """The chain of differentiations, with the parameters still symbols."""
    assert problem.function is not None
    stages, current = [], problem.function
    for variable in problem.answer.wrt:
        stage = _stage(current, variable, problem.variables)
        stages.append(stage)
        current = stage.after
    return tuple(stages)


@once_per_problem
def _symbolic_gradient(problem: Problem) -> tuple[Stage, ...]:
    assert problem.function is not None
    return tuple(
        _stage(problem.function, variable, problem.variables) for variable in problem.variables
    )


def _stage(
    expression: sympy.Expr, variable: sympy.Symbol, variables: tuple[sympy.Symbol, ...]
) -> Stage:
    terms = tuple(
        (term, sympy.diff(term, variable)) for term in ordered_terms(expression, variables)
    )
    after = sympy.diff(expression, variable)
    return Stage(variable, expression, terms, after, ordered_terms(after, variables))


# Stand-ins for the parameters while ordering terms: distinct, positive, not 0 or 1.
_GENERIC = (7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83)


def ordered_terms(
    expression: sympy.Expr, variables: tuple[sympy.Symbol, ...]
) -> tuple[sympy.Expr, ...]:
    """The terms in textbook order, ``x^3 - a x`` rather than ``-a x + x^3``.

    sympy orders a sum by all its symbols, so a parameter ``a`` sorts before ``x`` and
    ``-a x`` comes first; the terms are therefore ordered as the numbers-filled sum
    will print, with each parameter standing in for some number."""
    terms = sympy.Add.make_args(expression)
    parameters = sorted(expression.free_symbols - set(variables), key=lambda symbol: symbol.name)
    if len(terms) < 2 or not parameters or len(parameters) > len(_GENERIC):
        return tuple(expression.as_ordered_terms())
    generic = {symbol: sympy.Integer(n) for symbol, n in zip(parameters, _GENERIC, strict=False)}
    stand_ins = [term.xreplace(generic) for term in terms]
    placed: list[int] = []
    for printed in sympy.Add(*stand_ins, evaluate=False).as_ordered_terms():
        index = next((i for i, t in enumerate(stand_ins) if i not in placed and t == printed), None)
        if index is None:  # the stand-ins merged or changed form: keep sympy's order
            return tuple(expression.as_ordered_terms())
        placed.append(index)
    return tuple(terms[i] for i in placed)


@once_per_problem
def function_terms(problem: Problem) -> tuple[sympy.Expr, ...] | None:
    """The function's terms in display order, parameters still symbols."""
    if problem.function is None:
        return None
    return ordered_terms(problem.function, problem.variables)


@once_per_problem
def _risky(problem: Problem) -> tuple[sympy.Expr, ...]:
    """Expressions with a power whose exponent depends on the parameters."""
    parameters = {domain.symbol for domain in problem.params} | {s for _, s, _ in problem.derived}
    candidates = [problem.function] if problem.function is not None else []
    plan = problem.answer
    candidates += list(plan.at or ()) + list(plan.start) + list(plan.given_gradient or ())
    if plan.rate is not None:
        candidates.append(plan.rate)
    if isinstance(plan.value, tuple):
        candidates += list(plan.value)
    elif plan.value is not None:
        candidates.append(plan.value)
    return tuple(
        expression
        for expression in candidates
        if any(power.exp.free_symbols & parameters for power in expression.atoms(sympy.Pow))
    )
