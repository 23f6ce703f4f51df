"""Numeric look-ahead before exact arithmetic.

sympy evaluates exact powers eagerly and cannot be interrupted: substituting x = 3
into x^x^x^x asks for 3^7625597484987. The reader's guarded evaluator (mpmath, with
overflow limits) tells us first whether a value is sane; only then does sympy compute
it exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import sympy

from practice.mathread.numeric import Number, compile_expr, evaluate, value_of
from practice.variants.substitute import symbols_of


def guarded_value(expression: sympy.Expr, values: Mapping[sympy.Symbol, sympy.Expr]) -> Number:
    """The value of ``expression`` with ``values`` put in, computed numerically with
    overflow guards; raises ``ArithmeticError`` when it is undefined or astronomically
    large. Every free symbol of ``expression`` must have a value."""
    symbols = symbols_of(expression)
    compiled = compile_expr(expression, symbols)
    return evaluate(compiled, [_number_of(values[symbol]) for symbol in symbols])


@lru_cache(maxsize=16_384)
def _number_of(value: sympy.Expr) -> Number:
    return value_of(value)


def computable_at(
    expression: sympy.Expr,
    values: Mapping[sympy.Symbol, sympy.Expr],
    variables: Sequence[sympy.Symbol],
    point: Sequence[sympy.Expr],
) -> bool:
    """Whether ``expression`` (in the variables and parameters) has a sane, finite value
    with the parameters' ``values`` and the variables at ``point``."""
    try:
        guarded_value(expression, {**values, **dict(zip(variables, point, strict=True))})
    except (ArithmeticError, ValueError, TypeError, KeyError, RecursionError):
        return False
    return True
