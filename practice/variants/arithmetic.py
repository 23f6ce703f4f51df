"""The arithmetic of a step written out with its numbers, ``-2 - 0.2 \\cdot (-3.1)``.

A part of a problem in parts is often a small formula in earlier answers (``w0 - eta*v1``);
its worked solution is clearest as that formula with the numbers put in and nothing
worked out yet, then the result. Each number goes in as a symbol named by its LaTeX
(``(-3.1)`` in parentheses when negative), which sympy can neither combine nor
re-parenthesise, and the printer keeps the terms in the order they were written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy
from sympy.printing.latex import LatexPrinter

from practice.variants.numbers import cached_latex, number_latex

MAX_WRITTEN = 160  # characters of LaTeX: longer, the arithmetic hides more than it shows
_PRINTER = LatexPrinter(
    {"order": "none", "mul_symbol": "dot", "inv_trig_style": "abbreviated", "ln_notation": True}
)


def written_out(
    value: sympy.Expr | Sequence[sympy.Expr], values: Mapping[sympy.Symbol, sympy.Expr]
) -> str | None:
    """LaTeX of ``value`` with ``values`` put in and nothing worked out, or None when there
    is nothing to work out (a single number or name)."""
    components = tuple(value) if not isinstance(value, sympy.Basic) else (value,)
    written = [_written(component, values) for component in components]
    if all(text is None for text in written):
        return None
    shown = [
        text if text is not None else _plain(c, values)
        for text, c in zip(written, components, strict=True)
    ]
    return (
        shown[0] if isinstance(value, sympy.Basic) else r"\left( " + ", ".join(shown) + r" \right)"
    )


def _written(expression: sympy.Expr, values: Mapping[sympy.Symbol, sympy.Expr]) -> str | None:
    known = [symbol for symbol in expression.free_symbols if symbol in values]
    # 0 and 1 go in for real: a `+ 0` term or a `1 ·` factor would only be noise.
    zeros = {symbol: values[symbol] for symbol in known if values[symbol] in (0, 1)}
    expression = expression.xreplace(zeros)
    if expression.is_Atom or not expression.free_symbols & values.keys():
        return None
    numbers = {symbol: _as_written(values[symbol]) for symbol in known if symbol not in zeros}
    with sympy.evaluate(False):
        written = expression.xreplace(numbers)
    text = str(_PRINTER.doprint(written))
    return text if len(text) <= MAX_WRITTEN else None


def _as_written(value: sympy.Expr) -> sympy.Symbol:
    """The number as it is written into the formula, as an atom sympy cannot combine:
    a symbol named by its LaTeX, in parentheses when negative or a sum (``(-3.1)``)."""
    text = cached_latex(value) if value.free_symbols else number_latex(value)
    if text.startswith("-") or isinstance(value, sympy.Add):
        text = rf"\left({text}\right)"
    return sympy.Symbol(text)


def _plain(expression: sympy.Expr, values: Mapping[sympy.Symbol, sympy.Expr]) -> str:
    value = expression.xreplace(dict(values))
    return cached_latex(value) if value.free_symbols else number_latex(value)
