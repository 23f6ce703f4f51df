"""The whitelist: the only functions and constants a text may name, and the symbols
declared variables become. Nothing outside these tables can ever be reached."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import sympy

from practice.mathread.normalize import GREEK_NAMES

Function1 = Callable[[sympy.Expr], sympy.Expr]


def _log10(x: sympy.Expr) -> sympy.Expr:
    return sympy.log(x) / sympy.log(10)


def _log2(x: sympy.Expr) -> sympy.Expr:
    return sympy.log(x) / sympy.log(2)


# `log` is the natural logarithm, as in sympy, numpy and most calculus texts;
# `log10` and `log2` are there for the other bases.
FUNCTIONS: dict[str, Function1] = {
    "sqrt": sympy.sqrt,
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,
    "log10": _log10,
    "log2": _log2,
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "cot": sympy.cot,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "arcsin": sympy.asin,
    "arccos": sympy.acos,
    "arctan": sympy.atan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "asinh": sympy.asinh,
    "acosh": sympy.acosh,
    "atanh": sympy.atanh,
    "arsinh": sympy.asinh,
    "arcosh": sympy.acosh,
    "artanh": sympy.atanh,
    "arcsinh": sympy.asinh,
    "arccosh": sympy.acosh,
    "arctanh": sympy.atanh,
}

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi}


@lru_cache(maxsize=4096)
def symbol(name: str) -> sympy.Symbol:
    """The sympy symbol of a declared variable. Real, so that `sqrt(x^2)` is `|x|`
    and the banks' derivations match what the reader builds: make symbols with this
    function (or `read_expression`), not with `sympy.Symbol(name)`."""
    return sympy.Symbol(name, real=True)


def suggest_split(name: str, known: Iterable[str]) -> str | None:
    """`xy` -> `x*y`, `2sinx`-style runs -> `sin(x)`: the likeliest meaning of an unknown
    name made entirely of known names and digits, or a close spelling (`sni` -> `sin`)."""
    known_set = set(known) | set(FUNCTIONS) | set(CONSTANTS)
    if name != name.lower():  # `X` for a declared `x`: names are case-sensitive
        lowered = name.lower()
        return lowered if lowered in known_set else suggest_split(lowered, known)
    pieces = _split(name, frozenset(known_set))
    if (
        pieces is not None
        and len(pieces) >= 2
        and pieces[-1].isdigit()
        and not any(piece in FUNCTIONS or piece.isdigit() for piece in pieces[:-1])
    ):
        # `x2` is far likelier x² than x·2, and `xy2` likelier x·y²
        return _join([*pieces[:-2], f"{pieces[-2]}^{pieces[-1]}"])
    if pieces is not None and len(pieces) > 1:
        return _join(pieces)
    close = difflib.get_close_matches(name, sorted(known_set), n=1, cutoff=0.6)
    return close[0] if close else None


def _split(name: str, known: frozenset[str]) -> list[str] | None:
    """Fewest pieces (known names or digit runs) that spell `name`, by dynamic programming."""
    if len(name) > 40:
        return None
    best: list[list[str] | None] = [None] * (len(name) + 1)
    best[0] = []
    for end in range(1, len(name) + 1):
        for start in range(end):
            prefix = best[start]
            piece = name[start:end]
            if prefix is None or not (piece in known or piece.isdigit()):
                continue
            current = best[end]
            if current is None or len(prefix) + 1 < len(current):
                best[end] = prefix + [piece]
    return best[len(name)]


def _join(pieces: list[str]) -> str:
    head, rest = pieces[0], pieces[1:]
    if not rest:
        return head
    if head in FUNCTIONS:
        return f"{head}({_join(rest)})"
    return f"{head}*{_join(rest)}"


def canonical_name(name: str, names: Mapping[str, sympy.Expr]) -> str:
    """`Sin(x)`, `LN x`, `Pi`: phones capitalize the first letter, and a function name or
    pi cannot mean anything else, so they read in lower case; `w_1` is the declared `w1`
    (LaTeX prompts show w₁, and people type the subscript). Variables keep their case
    (`X` may differ from `x`); an unknown `X` gets a did-you-mean instead."""
    if name in names or name in FUNCTIONS:
        return name
    joined = name.replace("_", "")
    if joined != name and joined in names and joined not in CONSTANTS:
        return joined
    lower = name.lower()
    if lower == name or (lower in names and names[lower] is not CONSTANTS.get(lower)):
        return name
    return lower if lower in FUNCTIONS or lower == "pi" else name


def unknown_name(name: str, names: Mapping[str, sympy.Expr]) -> tuple[str, str | None]:
    """The message for a name that is neither declared nor known, and what to type instead."""
    suggestion = suggest_split(name, names)
    hint = f" — did you mean `{suggestion}`?" if suggestion else known_variables(names)
    if re.fullmatch(r"x\d*", name) and hint.endswith("without variables"):  # `2.5 x 10^-3`
        hint += "; to multiply, write `*` or `×`"
    elif name in ("i", "j", "k") and suggestion in (None, "pi"):  # `2.6i - 0.8j`
        suggestion = None
        hint = " — write a vector as its components, e.g. (2.6, -0.8)"
    elif name in GREEK_NAMES:  # `η` typed for the learning rate: its value is wanted
        suggestion = None
        hint = " — write its value; it is not a variable of this answer" + known_variables(
            names
        ).replace(" — ", "; ", 1)
    shown = name if len(name) <= 24 else name[:20] + "…"
    return f"unknown name `{shown}`{hint}", suggestion


def known_variables(names: Mapping[str, sympy.Expr]) -> str:
    declared = [
        name
        for name, value in names.items()
        if value != CONSTANTS.get(name) and not isinstance(value, sympy.Dummy)  # not i, j, k
    ]
    if not declared:
        return " — this answer is a number, without variables"
    return " — the variables here are " + ", ".join(declared)
