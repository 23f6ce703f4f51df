"""Canonical LaTeX of what was read, for "we read your answer as …"."""

from __future__ import annotations

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
        return f"{decimal} {body}"


def _as_decimal(value: Any) -> str | None:
    """`0.25` for 1/4? No: only denominators that are powers of ten (1/10, 3/100) print
    as decimals; 1/2 and 1/3 stay fractions."""
    if not isinstance(value, sympy.Rational) or value.is_Integer:
        return None
    q = int(value.q)
    places = len(str(q)) - 1
    if q != 10**places or places > 12:
        return None
    p = int(value.p)
    sign = "-" if p < 0 else ""
    whole, fraction = divmod(abs(p), q)
    return f"{sign}{whole}.{fraction:0{places}d}"


_PRINTER = _Printer({"inv_trig_style": "abbreviated", "ln_notation": True})


def to_latex(value: sympy.Expr | Sequence[sympy.Expr]) -> str:
    """LaTeX of an expression, or of a vector as \\left( a, b \\right)."""
    if isinstance(value, sympy.Basic):
        return str(_PRINTER.doprint(value))
    inner = ", ".join(str(_PRINTER.doprint(component)) for component in value)
    return rf"\left( {inner} \right)"
