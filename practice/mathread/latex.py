"""Canonical LaTeX of what was read, for "we read your answer as …"."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

import sympy
from sympy.printing.latex import LatexPrinter


class _Printer(LatexPrinter):
    """sympy's LaTeX, except that decimals stay decimals: a learner who typed `0.1x`
    should see 0.1 x, not \\frac{x}{10}, or the preview looks like a different answer."""

    def _print_Rational(self, expr: sympy.Rational) -> str:
        decimal = _as_decimal(expr)
        return decimal if decimal is not None else str(super()._print_Rational(expr))

    def _print_Mul(self, expr: sympy.Mul) -> str:
        coefficient, rest = expr.as_coeff_Mul()
        decimal = _as_decimal(coefficient) if rest is not sympy.S.One else None
        if decimal is None:
            return str(super()._print_Mul(expr))
        body = self._print(rest)
        if isinstance(rest, sympy.Add):
            body = rf"\left({body}\right)"
        return f"{decimal}{self._settings['mul_symbol_latex']}{body}"


def _as_decimal(value: Any) -> str | None:
    """Terminating decimals print as decimals (6/5 as 1.2, since a learner who typed 1.2
    would not recognise \\frac{6}{5}); halves and quarters stay fractions, as people
    write x/2 far more often than 0.5x."""
    if not isinstance(value, sympy.Rational) or value.is_Integer:
        return None
    q = int(value.q)
    twos, fives = _multiplicity(q, 2), _multiplicity(q, 5)
    if q != 2**twos * 5**fives or q <= 4 or max(twos, fives) > 12:
        return None
    places = max(twos, fives)
    if places > 6:
        return _scientific(value)
    p = int(value.p) * 10**places // q
    sign = "-" if p < 0 else ""
    whole, fraction = divmod(abs(p), 10**places)
    return f"{sign}{whole}.{fraction:0{places}d}"


def _scientific(value: sympy.Rational) -> str:
    with decimal.localcontext() as context:
        context.prec = 40
        exact = decimal.Decimal(int(value.p)) / decimal.Decimal(int(value.q))
    mantissa, _, exponent = format(exact.normalize(), "E").partition("E")
    return rf"{mantissa} \cdot 10^{{{int(exponent)}}}"


def _multiplicity(n: int, prime: int) -> int:
    count = 0
    while n % prime == 0:
        n //= prime
        count += 1
    return count


_SETTINGS = {"inv_trig_style": "abbreviated", "ln_notation": True}
_PRINTER = _Printer(_SETTINGS)
# "We read this as 2·x·y": a learner who typed `2xy` sees how the letters were split
_EXPLICIT_PRINTER = _Printer({**_SETTINGS, "mul_symbol": "dot"})


def to_latex(value: sympy.Expr | Sequence[sympy.Expr], *, explicit: bool = False) -> str:
    """LaTeX of an expression, or of a vector as \\left( a, b \\right). `explicit` shows
    every multiplication as a dot, for the "we read this as" line."""
    printer = _EXPLICIT_PRINTER if explicit else _PRINTER
    if isinstance(value, sympy.Basic):
        return str(printer.doprint(value))
    inner = ", ".join(str(printer.doprint(component)) for component in value)
    return rf"\left( {inner} \right)"
