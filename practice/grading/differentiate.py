"""Differentiation done wrong on purpose, the way learners do it.

sympy's `diff` has no switch for "forget the inner derivative" or "drop the power
rule's factor", so this small recursive differentiator mirrors the textbook rules
(sum, product, power, chain) with each rule's mistake as an option, and hands every
node it has no rule for back to sympy.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class Slips:
    chain_factor: bool = True  # multiply by the inner derivative h'(x)
    power_factor: bool = True  # d/dx u^n = n·u^(n-1)·u', the n kept
    cos_sign: bool = True  # d/dx cos u = -sin u, the minus kept


def differentiate(expr: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    if not expr.has(x):
        return sympy.S.Zero
    if expr == x:
        return sympy.S.One
    if isinstance(expr, sympy.Add):
        return sympy.Add(*(differentiate(term, x, slips) for term in expr.args))
    if isinstance(expr, sympy.Mul):
        return _product_rule(expr, x, slips)
    if isinstance(expr, sympy.Pow):
        return _power_rule(expr, x, slips)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        return _chain_rule(expr, x, slips)
    return sympy.diff(expr, x)


def _product_rule(expr: sympy.Mul, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    factors = expr.args
    terms = []
    for i, factor in enumerate(factors):
        if factor.has(x):
            others = sympy.Mul(*(f for j, f in enumerate(factors) if j != i))
            terms.append(differentiate(factor, x, slips) * others)
    return sympy.Add(*terms)


def _power_rule(expr: sympy.Pow, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    base, exponent = expr.args
    if not exponent.has(x):
        factor = exponent if slips.power_factor else sympy.S.One
        return factor * base ** (exponent - 1) * _inner(base, x, slips)
    if not base.has(x):
        return expr * sympy.log(base) * _inner(exponent, x, slips)
    return sympy.diff(expr, x)


def _chain_rule(expr: sympy.Function, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    (inner,) = expr.args
    if isinstance(expr, sympy.cos) and not slips.cos_sign:
        outer = sympy.sin(inner)
    else:
        dummy = sympy.Dummy("u", real=True)
        outer = sympy.diff(expr.func(dummy), dummy).xreplace({dummy: inner})
    return outer * _inner(inner, x, slips)


def _inner(inner: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    if inner == x:
        return sympy.S.One
    return differentiate(inner, x, slips) if slips.chain_factor else sympy.S.One
