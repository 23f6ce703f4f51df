"""Vectors written the ways textbooks and MATLAB write them, besides a list with commas:
`2i + 4j` (and `+ 6k`) with the unit vectors i, j, k, and `[2 4]` or `(2 -4)` with
spaces between the numbers.

Unit vectors are read only in vector answers, only when none of i, j, k is a variable,
and only when the text has no comma (a list is a list). They are read as placeholder
symbols, and each component is then the coefficient of its unit vector; an answer that
is not a sum of multiples of i, j and k (`i*j`, `2i + 3`) is refused with the form to use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from practice.mathread.errors import ReadError
from practice.mathread.names import FUNCTIONS, canonical_name
from practice.mathread.tokens import Token, TokenKind

UNITS = ("i", "j", "k")
_MARKERS = {unit: sympy.Dummy(unit, real=True) for unit in UNITS}
NOT_UNIT_FORM = "write the vector as a i + b j (+ c k), or as its components, e.g. (2, 4)"


def unit_names(tokens: Sequence[Token], names: Mapping[str, sympy.Expr]) -> dict[str, sympy.Expr]:
    """The unit vectors to declare for reading these tokens, or nothing: only when no unit
    is a variable, no comma makes a list, and some unknown name has an i, j or k in it
    (`2i`, `4j`, a run such as `xi`)."""
    if any(unit in names for unit in UNITS) or any(t.kind is TokenKind.COMMA for t in tokens):
        return {}
    for token in tokens:
        if token.kind is not TokenKind.NAME:
            continue
        known = canonical_name(token.text, names)
        if known not in names and known not in FUNCTIONS and any(u in token.text for u in UNITS):
            return dict(_MARKERS)
    return {}


def unit_components(value: sympy.Expr, position: int | None) -> tuple[sympy.Expr, ...] | None:
    """The components of `a i + b j (+ c k)`, or None when no unit vector is in `value`.
    Two components unless k is used: a vector in the plane is written without k."""
    markers = [_MARKERS[unit] for unit in UNITS]
    if not value.has(*markers):
        return None
    coefficients = [sympy.diff(value, marker) for marker in markers]
    rest = value.xreplace(dict.fromkeys(markers, sympy.S.Zero))
    if rest != 0 or any(c.has(*markers) for c in coefficients):
        raise ReadError(NOT_UNIT_FORM, position)
    return tuple(coefficients if value.has(markers[2]) else coefficients[:2])


def spaced_numbers(body: Sequence[Token]) -> list[list[Token]] | None:
    """`[2 4]`, `(2 -4)`, `[1.5 -2 3]` (the brackets already removed): numbers with spaces
    between them, a sign touching its number as in MATLAB (`(2 - 4)` stays a subtraction).
    The components, each ending in an END token, or None when the text is not of that form."""
    tokens = [token for token in body if token.kind is not TokenKind.END]
    groups: list[list[Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        signed = token.kind is TokenKind.OP and token.text in "+-"
        number = tokens[index + 1] if signed and index + 1 < len(tokens) else token
        if number.kind is not TokenKind.NUMBER or (signed and number.start != token.end):
            return None
        if groups and token.start == groups[-1][-1].end:  # `2-4`: no space, a subtraction
            return None
        groups.append([token, number] if signed else [number])
        index += 2 if signed else 1
    if len(groups) < 2:
        return None
    return [group + [Token(TokenKind.END, "", group[-1].end, group[-1].end)] for group in groups]
