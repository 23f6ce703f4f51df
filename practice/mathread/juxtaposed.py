"""Juxtaposed names: `2xy`, `ycos(xy)`, `xe^(xy)`, `yzcos(xyz)`, the way students (and
our own prompts, `4xy^3`) write products.

The tokenizer reads a run of letters as one name. When that name is not declared, the run
is read as the product of the pieces it spells, provided it spells them exactly one way:
declared variables, the constants `e` and `pi`, and a function name at the end of the run
(`ycos(xy)`), optionally with a number after it (`cos2` is cos(2)). A declared multi-letter
name (`w1`, `eta`, a bank's `x0`) wins where it starts: no other piece may start there.
Anything else stays one unknown name, refused with a caret and a suggestion (`xyq` with no
`q`; `sinx`, whose `sin` is not at the end; `x2`, which suggests `x^2`). Two readings
(`pix` when `p` is declared too) are refused with both shown, never guessed.

The pieces become ordinary tokens, so a power binds to the single letter before it
(`x^2y` is x²·y, `xy^2` is x·y²) exactly as it does with spaces between the letters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import sympy

from practice.mathread.errors import ReadError, ReadLimits
from practice.mathread.names import (
    CONSTANTS,
    FUNCTIONS,
    canonical_name,
    known_variables,
    unknown_name,
)
from practice.mathread.normalize import GREEK_NAMES, Normalized
from practice.mathread.tokens import Token, TokenKind

MAX_RUN = 40  # letters in one run; longer runs are not split (a typo, or hostile)
_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Piece:
    text: str
    start: int  # offset in the run
    kind: str  # "name" (a variable or constant), "function" or "number"


Reading = tuple[Piece, ...]
_Names = tuple[tuple[str, ...], tuple[str, ...]]  # every name, the declared multi-letter ones


def split_runs(
    tokens: Sequence[Token], norm: Normalized, names: Mapping[str, sympy.Expr], limits: ReadLimits
) -> list[Token]:
    """The tokens with every splittable run replaced by its pieces. An ambiguous run is
    refused here; a run that does not split is left for the parser's "unknown name"."""
    out: list[Token] = []
    declared = _declared_key(names)
    for token in tokens:
        readings = _readings_of(token, names, declared)
        if len(readings) > 1:
            shown = " or ".join(f"`{_written(reading)}`" for reading in readings)
            raise ReadError(
                f"`{token.text}` can be read as {shown} — write `*` between the factors",
                norm.position(token.start),
            )
        out.extend(_tokens(token, readings[0]) if readings else [token])
    if len(out) > limits.max_tokens:
        raise ReadError(
            f"the answer is too long (more than {limits.max_tokens} symbols)",
            norm.position(out[limits.max_tokens].start),
        )
    return out


def readings(run: str, names: Mapping[str, sympy.Expr]) -> tuple[Reading, ...]:
    """At most two ways `run` spells declared names, constants and a final function."""
    return _readings(run, _declared_key(names))


def _readings_of(
    token: Token, names: Mapping[str, sympy.Expr], declared: _Names
) -> tuple[Reading, ...]:
    if (
        token.kind is not TokenKind.NAME
        or not _RUN.fullmatch(token.text)
        or len(token.text) > MAX_RUN
    ):
        return ()
    known = canonical_name(token.text, names)
    if known in names or known in FUNCTIONS:
        return ()
    return _readings(token.text, declared)


def _declared_key(names: Mapping[str, sympy.Expr]) -> _Names:
    """The names a run may spell (constants included: `names` maps `e` and `pi` unless a
    variable shadows them), and the declared multi-letter ones that win where they start,
    as a hashable key for the cache."""
    multi_letter = (
        name for name in names if len(name) > 1 and names[name] is not CONSTANTS.get(name)
    )
    return tuple(sorted(names)), tuple(sorted(multi_letter))


@lru_cache(maxsize=4096)
def _readings(run: str, key: _Names) -> tuple[Reading, ...]:
    """Every reading of `run`, stopping at two (one is all we accept, two say why not).
    Memoised per position: at most MAX_RUN positions, each finished once."""
    names, multi_letter = key
    memo: dict[int, tuple[Reading, ...]] = {}

    def from_(start: int) -> tuple[Reading, ...]:
        if start == len(run):
            return ((),)
        if start not in memo:
            found: list[Reading] = []
            for pieces, rest_start in _pieces_at(run, start, names, multi_letter):
                found += [(*pieces, *rest) for rest in from_(rest_start)]
                if len(found) >= 2:
                    break
            memo[start] = tuple(found[:2])
        return memo[start]

    return from_(0)


def _pieces_at(
    run: str, start: int, names: tuple[str, ...], multi_letter: tuple[str, ...]
) -> list[tuple[Reading, int]]:
    """The pieces that may start at `start`, each with where the rest of the run begins."""
    declared_here = [name for name in multi_letter if run.startswith(name, start)]
    if declared_here:  # a declared multi-letter name wins where it starts
        return [((Piece(name, start, "name"),), start + len(name)) for name in declared_here]
    options: list[tuple[Reading, int]] = [
        ((Piece(name, start, "name"),), start + len(name))
        for name in names
        if run.startswith(name, start)
    ]
    for function in FUNCTIONS:
        if not run.startswith(function, start):
            continue
        tail = run[start + len(function) :]
        if not tail:
            options.append(((Piece(function, start, "function"),), len(run)))
        elif tail.isdigit():  # `cos2`: a function of the number written after it
            number = Piece(tail, start + len(function), "number")
            options.append(((Piece(function, start, "function"), number), len(run)))
    return options


def _tokens(token: Token, reading: Reading) -> list[Token]:
    out: list[Token] = []
    for piece in reading:
        start = token.start + piece.start
        end = start + len(piece.text)
        if piece.kind == "number":  # `cos2` is cos(2), whatever follows it
            out += [
                Token(TokenKind.OPEN, "(", start, start),
                Token(TokenKind.NUMBER, piece.text, start, end),
                Token(TokenKind.CLOSE, ")", end, end),
            ]
        else:
            out.append(Token(TokenKind.NAME, piece.text, start, end))
    return out


def _written(reading: Reading) -> str:
    """A reading the way the learner could type it unambiguously: `p*i*x`, `x*cos(2)`."""
    pieces = reading
    words: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.kind == "number":
            words[-1] += f"({piece.text})"
        elif piece.kind == "function" and index == len(pieces) - 1:
            words.append(f"{piece.text}(…)")
        else:
            words.append(piece.text)
    return "*".join(words)


def explain_unknown(name: str, names: Mapping[str, sympy.Expr]) -> tuple[str, str | None, int]:
    """The message for a name that is neither declared nor splits, what to type instead,
    and the offset in the name to put the caret at: the first letter that makes no sense
    (`xyq`: at `q`) when no suggestion can be made."""
    message, suggestion = unknown_name(name, names)
    stop = None if name in GREEK_NAMES else _first_unknown(name, names)  # `eta`: its value
    if stop is None or (suggestion is not None and _splits(suggestion)):
        return message, suggestion, 0  # `x2`: `x^2`, `sinx`: `sin(x)` say more
    # no near spelling either: `xq` is not `x`
    message = f"unknown name `{name}`: no variable `{name[stop]}` here{known_variables(names)}"
    return message, None, stop


def _splits(suggestion: str) -> bool:
    """Whether a suggestion rewrites the name as several pieces rather than respelling it."""
    return any(mark in suggestion for mark in "*^(")


def _first_unknown(run: str, names: Mapping[str, sympy.Expr]) -> int | None:
    """Where a run stops spelling names (`xyq`: at `q`); None when nothing starts it."""
    if not _RUN.fullmatch(run) or len(run) > MAX_RUN:
        return None
    reached = {0}
    for start in range(len(run)):
        if start in reached:
            reached.update(start + len(name) for name in names if run.startswith(name, start))
    stop = max(reached)
    return stop if 0 < stop < len(run) else None
