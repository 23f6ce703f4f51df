"""Multiple-choice labels: case- and space-insensitive, several answers as a set."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[,;&/]|\band\b", re.IGNORECASE)
# What people put around a label: `(a)`, `a)`, `a.`, `[A, C]`, `"B"`, `option B`.
_WRAPPING = re.compile(
    r"^[\s(\[{<'\"]*(?:(?:option|answer|choice)\s+)?|[\s)\]}>.'\"]*$", re.IGNORECASE
)


def label_set(text: str, known: frozenset[str] | None = None) -> frozenset[str]:
    """`a, C` -> {A, C}. Without commas, `AC` splits into single letters when every known
    label is a single character (so `ac` works for a two-answer question). Brackets,
    a closing `)` or `.`, quotes and a leading word `option` around a label are ignored,
    and `and`, `&`, `/` separate like commas."""
    parts = [
        re.sub(r"\s+", "", _WRAPPING.sub("", part)).upper()
        for part in _SEPARATORS.split(_WRAPPING.sub("", text))
    ]
    labels = frozenset(part for part in parts if part)
    if known is not None and len(labels) == 1 and all(len(label) == 1 for label in known):
        (single,) = labels
        if single in ("TRUE", "FALSE") and single[0] in known:  # a true/false question
            return frozenset(single[0])
        if single not in known and len(single) > 1:
            return frozenset(single)
    return labels


def describe(labels: frozenset[str]) -> str:
    return ", ".join(sorted(labels)) if labels else "(nothing)"
