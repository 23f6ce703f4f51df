"""``{{name}}`` placeholders in prompts, hints, solutions and choices.

Double braces leave LaTeX's single braces alone, so ``\\frac{\\partial f}{\\partial x}``
needs no escaping. Only plain names are placeholders; ``{{a+b}}`` is reported rather
than printed as is, because it is almost certainly a mistake (put the expression
in ``derived``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_ANY_DOUBLE_BRACES = re.compile(r"\{\{([^{}]*)\}\}")


def placeholder_problems(text: str, known: frozenset[str]) -> list[str]:
    """Messages for placeholders that name nothing known or are not names at all."""
    problems: list[str] = []
    for match in _ANY_DOUBLE_BRACES.finditer(text):
        inner = match.group(1).strip()
        if not PLACEHOLDER.fullmatch(match.group(0)):
            problems.append(
                f"`{match.group(0)}` is not a placeholder: only a name goes between "
                "`{{ }}` (put expressions in `derived`)"
            )
        elif inner not in known:
            names = ", ".join(sorted(known)) or "none"
            problems.append(f"unknown placeholder `{{{{{inner}}}}}` (known here: {names})")
    return problems


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders; names were checked at load, so every one is in ``values``."""
    if "{{" not in text:
        return text
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
