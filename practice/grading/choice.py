"""Multiple-choice labels: case- and space-insensitive, several answers as a set."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[,;]")


def label_set(text: str, known: frozenset[str] | None = None) -> frozenset[str]:
    """`a, C` -> {A, C}. Without commas, `AC` splits into single letters when every known
    label is a single character (so `ac` works for a two-answer question)."""
    parts = [re.sub(r"\s+", "", part).upper() for part in _SEPARATORS.split(text)]
    labels = frozenset(part for part in parts if part)
    if known is not None and len(labels) == 1 and all(len(label) == 1 for label in known):
        (single,) = labels
        if single not in known and len(single) > 1:
            return frozenset(single)
    return labels


def describe(labels: frozenset[str]) -> str:
    return ", ".join(sorted(labels)) if labels else "(nothing)"
