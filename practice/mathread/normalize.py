"""Turn what people type into the plain ASCII the tokenizer reads, remembering where
each character came from so errors point at the learner's own text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters with a fixed ASCII meaning. Greek letters become their names padded with
# spaces, so `2π` and `ηx` read as products without an unknown name like `pix`.
_REPLACEMENTS: dict[str, str] = {
    "\u2212": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u00b7": "*",
    "\u22c5": "*",
    "\u2219": "*",
    "\u00d7": "*",
    "\u2217": "*",
    "\u00f7": "/",
    "\u2215": "/",
    "\u2044": "/",
    "\u27e8": "\u27e8",
    "\u27e9": "\u27e9",  # kept: vector brackets, tokenized as such
    "\u2329": "\u27e8",
    "\u232a": "\u27e9",
    "\u3008": "\u27e8",
    "\u3009": "\u27e9",
    "\u221a": "\u221a",  # kept: a radical covers the next factor only (√2x is √2·x)
    "\u03c0": " pi ",
    "\u03b1": " alpha ",
    "\u03b2": " beta ",
    "\u03b3": " gamma ",
    "\u03b4": " delta ",
    "\u03b5": " epsilon ",
    "\u03b7": " eta ",
    "\u03b8": " theta ",
    "\u03bb": " lambda ",
    "\u03bc": " mu ",
    "\u03c3": " sigma ",
    "\u03c6": " phi ",
    "\u03c9": " omega ",
    "\u03c4": " tau ",
    "\u03c1": " rho ",
}

GREEK_NAMES = frozenset(
    value.strip() for value in _REPLACEMENTS.values() if value.strip().isalpha()
)

_SUPERSCRIPTS = {
    "\u2070": "0",
    "\u00b9": "1",
    "\u00b2": "2",
    "\u00b3": "3",
    "\u2074": "4",
    "\u2075": "5",
    "\u2076": "6",
    "\u2077": "7",
    "\u2078": "8",
    "\u2079": "9",
    "\u207b": "-",
    "\u207a": "+",
}


# Invisible characters that come along with pasted text (zero-width spaces and joiners, a
# byte-order mark, left-to-right/right-to-left marks, a soft hyphen): read as a space.
# Bidi embeddings, overrides and isolates (U+202A-E, U+2066-9) are not among them: they
# reorder what is displayed, so the text read would differ from the text seen.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad\u061c")


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the learner's text of text[i]

    def position(self, index: int) -> int:
        """Index into the learner's text for an index into the normalized text."""
        if not self.origin:
            return 0
        if index >= len(self.origin):
            return self.origin[-1] + 1
        return self.origin[index]


def normalize(text: str) -> Normalized:
    """ASCII operators, Greek names, `x²` as `x^(2)`, full-width forms folded (NFKC)."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _SUPERSCRIPTS:
            start = i
            while i < len(text) and text[i] in _SUPERSCRIPTS:
                i += 1
            _emit(out, origin, "^(" + "".join(_SUPERSCRIPTS[c] for c in text[start:i]) + ")", start)
            continue
        _emit(out, origin, _fold(ch, text[i - 1] if i else ""), i)
        i += 1
    return Normalized("".join(out), tuple(origin))


def _fold(ch: str, previous: str) -> str:
    if ch in _REPLACEMENTS:
        return _REPLACEMENTS[ch]
    if ch.isascii():
        return ch
    if ch in _INVISIBLE:
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if "\u2044" in folded:
        # `½` is (1/2); after a digit it would be a mixed number (2½ = 2.5, not 2·½),
        # so it stays as it is and the tokenizer says how to write it
        return ch if previous.isdigit() else "(" + folded.replace("\u2044", "/") + ")"
    if folded in _REPLACEMENTS:
        return _REPLACEMENTS[folded]
    if folded.isspace():
        return " "
    return folded if folded.isascii() else ch


def _emit(out: list[str], origin: list[int], piece: str, at: int) -> None:
    out.append(piece)
    origin.extend([at] * len(piece))
