"""How exact sympy values are shown: as LaTeX for reading, as text for typing.

Answers are kept exact (parameters are exact decimals), so a learner is never asked to
match a float's rounding: the typed form is an integer, a short decimal, a fraction or
a short exact expression, and only when that would be long, 15 significant digits —
far inside any tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import sympy
from sympy.printing.str import StrPrinter

from practice.mathread import to_latex
from practice.mathread.numeric import is_real, value_of

MAX_DECIMAL_PLACES = 12
MAX_EXACT_TEXT = 60
SIGNIFICANT_DIGITS = 15
_NON_FINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


@lru_cache(maxsize=50_000)
def _latex_cached(value: sympy.Basic) -> str:
    return to_latex(value)


def cached_latex(value: sympy.Expr | Sequence[sympy.Expr]) -> str:
    """``practice.mathread.to_latex``, memoised: variants of a problem share most of
    their terms (``sin(2 x y)``, ``3 y``), and printing LaTeX is the costliest part of
    a worked solution."""
    if isinstance(value, sympy.Basic):
        return _latex_cached(value)
    inner = ", ".join(_latex_cached(component) for component in value)
    return rf"\left( {inner} \right)"


def sum_latex(value: sympy.Expr, terms: Sequence[sympy.Expr] | None) -> str:
    """LaTeX of a sum from its terms' cached LaTeX, joined the way sympy joins them.

    Sorting a sum's terms for printing costs more than printing them; ``terms`` comes
    in the problem's fixed display order, so only the pieces are printed (and cached).
    """
    if not terms or len(terms) == 1:
        return cached_latex(value)
    pieces = [cached_latex(terms[0])]
    for term in terms[1:]:
        text = cached_latex(term)
        pieces.append(f"- {text[1:].lstrip()}" if text.startswith("-") else f"+ {text}")
    return " ".join(pieces)


class _TypeablePrinter(StrPrinter):
    """sympy's text form, spelled the way the safe reader reads it (``e``, ``pi``, ``ln``)."""

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_Pi(self, expr: sympy.Expr) -> str:
        return "pi"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Rational(self, expr: sympy.Rational) -> str:
        decimal = terminating_decimal(expr)
        return decimal if decimal is not None else f"{expr.p}/{expr.q}"


class _CaretPrinter(_TypeablePrinter):
    """Powers as ``x^2``, the way learners type them, not Python's ``x**2``."""

    def doprint(self, expr: object) -> str:
        return str(super().doprint(expr)).replace("**", "^")


# "none": a typed answer need not be sorted like a textbook, and sorting is slow.
_PRINTER = _CaretPrinter({"order": "none"})
# Text that is read, not typed (a code test's function in its feedback): terms in sympy's
# usual order and products shown with a dot, `3·x·y - sin(6·x/5)`.
_READING_PRINTER = _CaretPrinter()


def terminating_decimal(value: sympy.Expr) -> str | None:
    """``0.125`` for 1/8; ``None`` for 1/3 or when it would need too many places."""
    if not isinstance(value, sympy.Rational):
        return None
    if value.is_Integer:
        return str(value)
    q, twos, fives = int(value.q), 0, 0
    while q % 2 == 0:
        q, twos = q // 2, twos + 1
    while q % 5 == 0:
        q, fives = q // 5, fives + 1
    places = max(twos, fives)
    if q != 1 or places > MAX_DECIMAL_PLACES:
        return None
    p = int(value.p)
    scaled = abs(p) * 10**places // int(value.q)
    whole, fraction = divmod(scaled, 10**places)
    sign = "-" if p < 0 else ""
    return f"{sign}{whole}.{fraction:0{places}d}".rstrip("0").rstrip(".")


@lru_cache(maxsize=16_384)
def is_finite_real(value: sympy.Expr) -> bool:
    """A defined, finite, real number (what every numeric answer must be)."""
    if isinstance(value, sympy.Rational):
        return True
    if not isinstance(value, sympy.Expr) or value.free_symbols or value.has(*_NON_FINITE):
        return False
    try:
        # The reader's guarded evaluator, not evalf: evalf of exp(exp(exp(10))) never returns.
        number = value_of(value)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return False
    return is_real(number) and abs(float(abs(number))) < 1e300


def is_defined(value: sympy.Expr) -> bool:
    """An expression without division by zero or other undefined parts."""
    return isinstance(value, sympy.Expr) and not value.has(*_NON_FINITE, sympy.I)


@lru_cache(maxsize=16_384)
def number_text(value: sympy.Expr) -> str:
    """What a learner could type for a number and be graded correct."""
    if isinstance(value, sympy.Rational):
        return _PRINTER.doprint(value)
    if isinstance(value, sympy.Float):
        return f"{float(value):.{SIGNIFICANT_DIGITS}g}".replace("e+", "e")
    exact = _PRINTER.doprint(value)
    if len(exact) <= MAX_EXACT_TEXT:
        return exact
    return str(sympy.Float(value.evalf(SIGNIFICANT_DIGITS + 2), SIGNIFICANT_DIGITS))


@lru_cache(maxsize=16_384)
def expression_text(value: sympy.Expr) -> str:
    return _PRINTER.doprint(value)


@lru_cache(maxsize=4096)
def reading_text(value: sympy.Expr) -> str:
    """An expression for a sentence a learner reads: ``x·sin(y)``, not ``x*sin(y)``."""
    return _READING_PRINTER.doprint(value).replace("*", "·")


def vector_text(values: Sequence[sympy.Expr], *, numeric: bool = True) -> str:
    show = number_text if numeric else expression_text
    return "(" + ", ".join(show(v) for v in values) + ")"


@lru_cache(maxsize=16_384)
def number_latex(value: sympy.Expr) -> str:
    """A number for prompts: ``0.25`` rather than ``\\frac{1}{4}`` when it terminates."""
    decimal = terminating_decimal(value)
    if decimal is not None:
        return decimal
    if isinstance(value, sympy.Float):
        mantissa, _, exponent = f"{float(value):.6g}".partition("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}" if exponent else mantissa
    return cached_latex(value)


def vector_latex(values: Sequence[sympy.Expr]) -> str:
    """``(1, 0.5)``: plain parentheses read well both inside and outside ``$…$``."""
    return (
        "("
        + ", ".join(number_latex(v) if not v.free_symbols else cached_latex(v) for v in values)
        + ")"
    )
