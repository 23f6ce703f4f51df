"""The public entry points: text -> sympy, for expressions, numbers and vectors.

Results are cached by (text, variables, limits): sympy objects are immutable, a
reference answer is read once per variant, and repeated learner answers are common.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import sympy

from practice.mathread.errors import DEFAULT_LIMITS, ReadError, ReadLimits
from practice.mathread.juxtaposed import split_runs
from practice.mathread.labels import strip_component_labels, strip_label
from practice.mathread.names import CONSTANTS, FUNCTIONS, symbol
from practice.mathread.normalize import GREEK_NAMES, Normalized, normalize
from practice.mathread.parser import Parser
from practice.mathread.tokens import RADICAL, Token, TokenKind, closer_for, tokenize
from practice.mathread.vectorforms import spaced_numbers, unit_components, unit_names

_VECTOR_OPENERS = "([{<\u27e8"
_NON_FINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def read_expression(
    text: str, variables: Sequence[str] = (), *, limits: ReadLimits | None = None
) -> sympy.Expr:
    """Read one expression in the declared variables (which shadow `e`, `pi` and function
    names). Raises ReadError with a position and, when likely, a suggestion."""
    result = _read_cached(text, tuple(variables), limits or DEFAULT_LIMITS, False)
    return _unwrap(result)[0]


def read_number(text: str, *, limits: ReadLimits | None = None) -> sympy.Expr:
    """Read one numeric expression (`3 + cos(2)`, `1/2`, `2.5e-3`): no variables."""
    return read_expression(text, (), limits=limits)


def read_vector(
    text: str, variables: Sequence[str] = (), *, limits: ReadLimits | None = None
) -> tuple[sympy.Expr, ...]:
    """Read components separated by commas, optionally wrapped in ( ), [ ], < > or ⟨ ⟩."""
    return _unwrap(_read_cached(text, tuple(variables), limits or DEFAULT_LIMITS, True))


def names_in(text: str, *, limits: ReadLimits | None = None) -> tuple[str, ...]:
    """The variable names a reference answer uses, in order of first use: every name that
    is not a function or constant. For requests that leave `variables` out (the contract
    makes them optional), so `2*x*y` is read in x and y. Empty when the text cannot be
    tokenized; reading it then reports why."""
    if not isinstance(text, str) or len(text) > (limits or DEFAULT_LIMITS).max_length:
        return ()
    try:
        tokens = tokenize(normalize(text), limits or DEFAULT_LIMITS)
    except ReadError:
        return ()
    found: dict[str, None] = {}
    for token in tokens:
        if (
            token.kind is TokenKind.NAME
            and token.text not in FUNCTIONS
            and token.text not in CONSTANTS
            and token.text != RADICAL
        ):
            for name in _names_of_run(token.text):
                found.setdefault(name, None)
    return tuple(found)


def _names_of_run(run: str) -> tuple[str, ...]:
    """A reference written as students write it, `2xy`, uses the letters x and y, not a
    variable `xy`: a run of plain letters that is not a Greek name stands for its letters
    (`e` stays the constant). Names with digits or underscores (`w1`, `x_0`) and Greek
    names (`eta`) are one variable each. The learner's answer is read in the same names,
    so both sides split the same way."""
    if len(run) < 2 or not run.isascii() or not run.isalpha() or run in GREEK_NAMES:
        return (run,)
    return tuple(letter for letter in run if letter not in CONSTANTS)


def _unwrap(result: tuple[sympy.Expr, ...] | ReadError) -> tuple[sympy.Expr, ...]:
    if isinstance(result, ReadError):
        # a fresh exception each time: a cached instance would pile up tracebacks
        raise ReadError(result.message, result.position, result.suggestion)
    return result


@lru_cache(maxsize=4096)
def _read_cached(
    text: str, variables: tuple[str, ...], limits: ReadLimits, as_vector: bool
) -> tuple[sympy.Expr, ...] | ReadError:
    try:
        return _read(text, variables, limits, as_vector)
    except ReadError as error:
        return error
    except RecursionError:
        return ReadError("the answer is nested too deeply")


def _read(
    text: str, variables: tuple[str, ...], limits: ReadLimits, as_vector: bool
) -> tuple[sympy.Expr, ...]:
    if not isinstance(text, str):
        raise ReadError("the answer must be text")
    if len(text) > limits.max_length:
        raise ReadError(f"the answer is too long (at most {limits.max_length} characters)")
    norm = strip_label(normalize(text), variables)
    if as_vector:
        norm = strip_component_labels(norm)
    if as_vector and ";" in norm.text and "," not in norm.text:
        # `[1; 2]` (a column, as in MATLAB): with no comma anywhere `;` can only separate
        norm = Normalized(norm.text.replace(";", ","), norm.origin)
    tokens = tokenize(norm, limits)
    names = _names(variables)
    if as_vector:
        names = {**names, **unit_names(tokens, names)}
    tokens = split_runs(tokens, norm, names, limits)
    _check_brackets(tokens, norm)
    if not as_vector:
        return (_finite(Parser(tokens, norm, names, limits).parse_all()),)
    return _read_components(tokens, norm, names, limits)


def _read_components(
    tokens: list[Token], norm: Normalized, names: dict[str, sympy.Expr], limits: ReadLimits
) -> tuple[sympy.Expr, ...]:
    body = _strip_brackets(tokens)
    spaced = spaced_numbers(body) if body is not tokens else None
    pieces = spaced or _split_components(body, norm)
    if len(pieces) > limits.max_components:
        raise ReadError(f"too many components (at most {limits.max_components})")
    if len(pieces) > 1:
        return tuple(_finite(Parser(piece, norm, names, limits).parse_all()) for piece in pieces)
    try:
        value = _finite(Parser(pieces[0], norm, names, limits).parse_all())
    except ReadError as error:
        if error.message.startswith("two numbers in a row"):  # `(1 2x)`, `[3 4 x]`
            raise ReadError(
                "separate vector components with commas, e.g. `(1, 2)`", error.position
            ) from None
        raise
    return unit_components(value, norm.position(0)) or (value,)


def _names(variables: tuple[str, ...]) -> dict[str, sympy.Expr]:
    names: dict[str, sympy.Expr] = dict(CONSTANTS)
    for variable in variables:
        name = normalize(variable).text.strip()
        if not name.isidentifier() or not name.isascii():
            raise ReadError(f"`{variable}` cannot be used as a variable name")
        names[name] = symbol(name)
    return names


def _finite(value: sympy.Expr) -> sympy.Expr:
    if value.has(*_NON_FINITE):
        raise ReadError("the answer has no finite value (division by zero?)")
    return value


def _check_brackets(tokens: list[Token], norm: Normalized) -> None:
    """Report unbalanced brackets where they are, before parsing says something vaguer."""
    stack: list[Token] = []
    for token in tokens:
        if token.kind is TokenKind.OPEN:
            stack.append(token)
        elif token.kind is TokenKind.CLOSE:
            if not stack:
                raise ReadError(
                    f"unbalanced parenthesis: `{token.text}` has no matching opening bracket",
                    norm.position(token.start),
                )
            opener = stack.pop()
            if closer_for(opener.text) != token.text:
                raise ReadError(
                    f"`{opener.text}` is closed by `{token.text}`",
                    norm.position(token.start),
                    f"{opener.text} … {closer_for(opener.text)}",
                )
    if stack:
        raise ReadError(
            f"unbalanced parenthesis: `{stack[-1].text}` is never closed",
            norm.position(stack[-1].start),
        )
    if sum(token.kind is TokenKind.BAR for token in tokens) % 2:
        bar = next(token for token in tokens if token.kind is TokenKind.BAR)
        raise ReadError(
            "unbalanced `|`: absolute values need a bar on each side", norm.position(bar.start)
        )


def _strip_brackets(tokens: list[Token]) -> list[Token]:
    """Drop one pair of brackets around the whole vector, if they enclose all of it."""
    body = tokens[:-1]
    if len(body) < 2 or body[0].kind is not TokenKind.OPEN or body[0].text not in _VECTOR_OPENERS:
        return tokens
    depth = 0
    for i, token in enumerate(body):
        depth += (token.kind is TokenKind.OPEN) - (token.kind is TokenKind.CLOSE)
        if depth == 0 and i < len(body) - 1:
            return tokens  # `(1, 2) + (3, 4)`-like: the first bracket closes early
    return body[1:-1] + tokens[-1:]


def _split_components(tokens: list[Token], norm: Normalized) -> list[list[Token]]:
    end = tokens[-1]
    if len(tokens) == 1:
        raise ReadError("the answer is empty", norm.position(end.start))
    pieces: list[list[Token]] = [[]]
    depth = 0
    for token in tokens[:-1]:
        depth += (token.kind is TokenKind.OPEN) - (token.kind is TokenKind.CLOSE)
        if token.kind is TokenKind.COMMA and depth == 0:
            if not pieces[-1]:
                raise ReadError("a component is missing between commas", norm.position(token.start))
            pieces.append([])
        else:
            pieces[-1].append(token)
    if not pieces[-1]:
        raise ReadError(
            "a component is missing" + (" after the last comma" if len(pieces) > 1 else ""),
            norm.position(end.start),
        )
    return [piece + [Token(TokenKind.END, "", _end_of(piece), _end_of(piece))] for piece in pieces]


def _end_of(piece: list[Token]) -> int:
    return piece[-1].end
