"""Substituting numbers into a problem's expressions, memoised.

Variants of one problem share most of their pieces: a term like ``sin(2 x y)`` has no
parameter at all, ``b y`` only takes a handful of values. Keying the cache on just the
symbols an expression contains turns most substitutions into look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import sympy

CACHE_SIZE = 16_384


def substitute(expression: sympy.Expr, values: Mapping[sympy.Symbol, sympy.Expr]) -> sympy.Expr:
    """``expression.xreplace(values)``, restricted to the symbols it contains."""
    items = tuple((symbol, values[symbol]) for symbol in symbols_of(expression) if symbol in values)
    if not items:
        return expression
    return _replace(expression, items)


@lru_cache(maxsize=CACHE_SIZE)
def symbols_of(expression: sympy.Expr) -> tuple[sympy.Symbol, ...]:
    """The free symbols of an expression, in a stable order (by name)."""
    return tuple(sorted(expression.free_symbols, key=lambda symbol: symbol.name))


@lru_cache(maxsize=CACHE_SIZE)
def _replace(
    expression: sympy.Expr, items: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
) -> sympy.Expr:
    result: sympy.Expr = expression.xreplace(dict(items))
    return result
