"""Split normalized text into tokens: numbers, names, operators, brackets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from practice.mathread.errors import ReadError, ReadLimits
from practice.mathread.normalize import Normalized


class TokenKind(Enum):
    NUMBER = "number"
    NAME = "name"
    OP = "op"  # + - * / ^ (`**` is folded into ^)
    OPEN = "open"  # ( [ { < ⟨
    CLOSE = "close"  # ) ] } > ⟩
    BAR = "bar"  # | for absolute values
    COMMA = "comma"
    END = "end"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int  # index into the normalized text
    end: int


_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
RADICAL = "\u221a"
_OPENERS = "([{<\u27e8"
_CLOSERS = ")]}>\u27e9"
_HINTS = {
    "!": "factorials are not supported here",
    "=": "write only the answer, not an equation",
    ";": "separate vector components with commas, and write decimals with a point (2.5)",
    "'": "quotes are not part of an answer",
    '"': "quotes are not part of an answer",
    "\\": "type the answer as plain text, not LaTeX",
    "\u2202": "write only the answer, e.g. 2*x, not the name of the derivative",
    "\u2207": "write only the answer, e.g. (2*x, 3), not the name of the gradient",
    "\u00b0": "angles are in radians here: write pi/2, not 90°",
    ".": "a full stop is not part of the answer",
    "$": "type the answer as plain text, not LaTeX",
    "%": "write a percentage as a number: 50% is 0.5",
    ":": "write only the answer, not an assignment",
    "\u2190": "write only the answer, not an assignment",
}


def tokenize(norm: Normalized, limits: ReadLimits) -> list[Token]:
    text = norm.text
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        token = _next_token(text, i, norm)
        tokens.append(token)
        if len(tokens) > limits.max_tokens:
            raise ReadError(
                f"the answer is too long (more than {limits.max_tokens} symbols)", norm.position(i)
            )
        i = token.end
    tokens.append(Token(TokenKind.END, "", len(text), len(text)))
    return tokens


def _next_token(text: str, i: int, norm: Normalized) -> Token:
    ch = text[i]
    if ch.isdigit() or (ch == "." and text[i + 1 : i + 2].isdigit()):
        match = _NUMBER.match(text, i)
        assert match is not None
        end = match.end()
        if end < len(text) and text[end] == "." and text[end + 1 : end + 2].isdigit():
            raise ReadError("a number has two decimal points", norm.position(end))
        return Token(TokenKind.NUMBER, match.group(), i, end)
    name = _NAME.match(text, i)
    if name is not None:
        return Token(TokenKind.NAME, name.group(), i, name.end())
    if text.startswith("**", i):
        return Token(TokenKind.OP, "^", i, i + 2)
    if ch in "+-*/^":
        return Token(TokenKind.OP, ch, i, i + 1)
    if ch in _OPENERS:
        return Token(TokenKind.OPEN, ch, i, i + 1)
    if ch in _CLOSERS:
        return Token(TokenKind.CLOSE, ch, i, i + 1)
    if ch == "|":
        return Token(TokenKind.BAR, ch, i, i + 1)
    if ch == ",":
        return Token(TokenKind.COMMA, ch, i, i + 1)
    if ch == RADICAL:
        return Token(TokenKind.NAME, ch, i, i + 1)
    hint = _HINTS.get(ch)
    if hint is None and "\u2044" in unicodedata.normalize("NFKC", ch):
        hint = "write a mixed number like 2½ as 2 + 1/2 or 5/2"
    message = f"unexpected character {_shown(ch)}" + (f" — {hint}" if hint else "")
    raise ReadError(message, norm.position(i))


def _shown(ch: str) -> str:
    """The character in backticks, or its code point when it would not show: a combining
    accent, a control character or a lone surrogate is invisible in a message."""
    if ch.isprintable() and not unicodedata.category(ch).startswith("M"):
        return f"`{ch}`"
    return f"U+{ord(ch):04X}"


def closer_for(opener: str) -> str:
    return _CLOSERS[_OPENERS.index(opener)]
