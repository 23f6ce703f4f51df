"""Words for the catalog's identifiers, the same on every page.

Levels and kinds are short codes in the banks (``A``, ``vector``); a student sees
"A · recall" and "a vector answer". The problem id and seed stay in the caption, small,
because they name the exact variant (to report it, or to open it again by link).
"""

from __future__ import annotations

from practice.vocabulary import Kind, Level

LEVEL_NAMES: dict[str, str] = {
    Level.A: "A · recall",
    Level.B: "B · concepts",
    Level.C: "C · derive",
    Level.D: "D · research",
}
KIND_WORDS: dict[str, str] = {
    Kind.EXPRESSION: "answer with an expression",
    Kind.NUMBER: "answer with a number",
    Kind.VECTOR: "answer with a vector",
    Kind.CHOICE: "multiple choice",
    Kind.SELF_CHECK: "check it yourself",
}


def level_name(level: str) -> str:
    return LEVEL_NAMES.get(level, level)


def variant_caption(
    topic_title: str, level: str, kind: str, problem_id: str, seed: int | str, parts: int = 0
) -> str:
    """ "Gradient descent · level A · recall · answer with a vector · `gd-step` #3"; a
    problem in parts says "in 3 parts" instead of the kind of answer (each part says its own)."""
    wanted = f"in {parts} parts" if parts else KIND_WORDS.get(kind, kind)
    return f"{topic_title} · level {level_name(level)} · {wanted} · `{problem_id}` #{seed}"
