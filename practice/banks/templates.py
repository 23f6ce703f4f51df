"""``{{name}}`` placeholders in prompts, hints, solutions and choices.

Double braces leave LaTeX's single braces alone, so ``\\frac{\\partial f}{\\partial x}``
needs no escaping. Only plain names are placeholders; ``{{a+b}}`` is reported rather
than printed as is, because it is almost certainly a mistake (put the expression
in ``derived``).

A placeholder may carry one *filter*, ``{{b|signed}}``, that writes a number the way
it sits in a formula. Inserted bare, a random coefficient prints ``1x`` or
``x + -3``; the filters turn ``${{a|coef}}x {{b|signed_coef}}y$`` into ``x - 3y``
(and ``y{{n|power}}`` into ``y`` rather than ``y^{1}``)
for every draw, so an instructor never needs a ``function`` just to show a term.
They work on the value's text (a number, or the LaTeX of one), which keeps them
pure string functions: no sympy here, and the same value always prints the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

PLACEHOLDER = re.compile(
    r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z_][A-Za-z0-9_]*)\s*)?\}\}"
)
_ANY_DOUBLE_BRACES = re.compile(r"\{\{([^{}]*)\}\}")
_OPENED_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


def _is_negative(text: str) -> bool:
    return text.startswith("-")


def _magnitude(text: str) -> str:
    """``3`` for ``-3`` and ``\\frac{1}{3}`` for ``- \\frac{1}{3}``."""
    return text[1:].lstrip() if _is_negative(text) else text


def _is_sum(text: str) -> bool:
    """A ``+`` or ``-`` outside every bracket, past the leading sign: ``x - 3``."""
    depth = 0
    for index, char in enumerate(text):
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif char in "+-" and depth == 0 and text[:index].strip():
            return True
    return False


def _grouped(text: str) -> str:
    return f"({text})" if _is_sum(text) else text


def coef(text: str) -> str:
    """A leading coefficient: ``3`` → ``3``, ``1`` → nothing, ``-1`` → ``-``."""
    text = _grouped(text.strip())
    if text == "1":
        return ""
    if text == "-1":
        return "-"
    return text


def signed(text: str) -> str:
    """A term joined by its own sign: ``3`` → ``+ 3``, ``-3`` → ``- 3``."""
    text = _grouped(text.strip())
    return f"- {_magnitude(text)}" if _is_negative(text) else f"+ {text}"


def signed_coef(text: str) -> str:
    """A coefficient joined by its sign: ``3`` → ``+ 3``, ``1`` → ``+``, ``-1`` → ``-``."""
    text = _grouped(text.strip())
    sign = "-" if _is_negative(text) else "+"
    magnitude = _magnitude(text)
    return sign if magnitude == "1" else f"{sign} {magnitude}"


def paren(text: str) -> str:
    """Parentheses where a product or a power needs them: ``-3`` → ``(-3)``, ``3`` → ``3``."""
    text = text.strip()
    return f"({text})" if _is_negative(text) or _is_sum(text) else text


def power(text: str) -> str:
    """An exponent written after its base: ``3`` → ``^{3}``, ``1`` → nothing."""
    text = text.strip()
    return "" if text == "1" else f"^{{{text}}}"


FILTERS: dict[str, Callable[[str], str]] = {
    "coef": coef,
    "signed": signed,
    "signed_coef": signed_coef,
    "paren": paren,
    "power": power,
}
# Filters that write the value as a term or a coefficient: a 0 there leaves a `0 x`
# or `+ 0` term, which no filter can hide.
TERM_FILTERS = frozenset({"coef", "signed_coef", "signed"})


def placeholder_problems(text: str, known: frozenset[str]) -> list[str]:
    """Messages for placeholders that name nothing known, are not names, or use an
    unknown filter."""
    problems: list[str] = []
    for match in _ANY_DOUBLE_BRACES.finditer(text):
        whole = PLACEHOLDER.fullmatch(match.group(0))
        if whole is None:
            problems.append(
                f"`{match.group(0)}` is not a placeholder: only a name, optionally with one "
                "filter (`{{b|signed}}`), goes between `{{ }}` (put expressions in `derived`)"
            )
            continue
        name, filter_name = whole.group(1), whole.group(2)
        if name not in known:
            names = ", ".join(sorted(known)) or "none"
            problems.append(f"unknown placeholder `{{{{{name}}}}}` (known here: {names})")
        if filter_name is not None and filter_name not in FILTERS:
            problems.append(
                f"unknown filter `{filter_name}` in `{match.group(0)}` (filters: {', '.join(FILTERS)})"
            )
    return problems + _unclosed(text, known)


def _unclosed(text: str, known: frozenset[str]) -> list[str]:
    """``{{a`` or ``{{a}`` would print as written: a placeholder whose closing braces
    were forgotten. Only known names count, so LaTeX that happens to open two braces
    (``e^{{x}^2}`` with no parameter ``x``) is left alone."""
    closed = [match.span() for match in _ANY_DOUBLE_BRACES.finditer(text)]
    return [
        f"`{{{{{match.group(1)}` is not closed: write `{{{{{match.group(1)}}}}}`"
        for match in _OPENED_NAME.finditer(text)
        if match.group(1) in known
        and not any(start <= match.start() < end for start, end in closed)
    ]


def zero_coefficients(text: str, values: Mapping[str, str]) -> list[str]:
    """The ``{{b|coef}}``, ``{{b|signed_coef}}`` and ``{{b|signed}}`` placeholders whose
    value is 0 here: they would print a ``0 x`` or ``+ 0`` term, so the parameter needs
    ``not: [0]``."""
    return [
        match.group(0)
        for match in PLACEHOLDER.finditer(text)
        if match.group(2) in TERM_FILTERS and values.get(match.group(1), "").strip() == "0"
    ]


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders; names and filters were checked at load, so every name is
    in ``values`` (an unknown one is left as written rather than guessed)."""
    if "{{" not in text:
        return text

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        apply = FILTERS.get(match.group(2) or "")
        return apply(value) if apply else value

    return PLACEHOLDER.sub(fill, text)
