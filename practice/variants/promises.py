"""What a prompt promises about precision, and whether the grader keeps the promise.

A prompt that says "4 significant figures", "a decimal to 2 places is fine" or just
"decimals are fine" tells the learner that a correctly rounded answer will do. ``validate``
takes each such promise at its word: it rounds the variant's reference answer as promised,
grades that, and reports the problem when the grader refuses it (a `tolerance` tighter
than the wording). The sentence ``{{precision}}`` writes is checked the same way, so a
problem's `tolerance` can never quietly contradict its `precision`.
"""

from __future__ import annotations

import re

import sympy

from practice.grading.precision import Precision
from practice.variants.variant import Variant, grade_variant
from practice.vocabulary import Kind

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COUNT = r"(\d+|" + "|".join(_WORDS) + r")"
_SIGNIFICANT = re.compile(_COUNT + r"\s+significant\s+(?:figures?|digits?)", re.IGNORECASE)
_PLACES = re.compile(
    _COUNT + r"\s+decimal\s+places?|decimals?\s+to\s+" + _COUNT + r"\s+places?", re.IGNORECASE
)
_VAGUE = re.compile(r"\bdecimals?\s+(?:is|are)\s+fine", re.IGNORECASE)


def promised(prompt: str, own: Precision) -> list[Precision]:
    """Every precision the prompt's words promise; a vague "decimals are fine" promises
    the problem's own precision."""
    found = [Precision(significant=_number(m.group(1))) for m in _SIGNIFICANT.finditer(prompt)]
    for match in _PLACES.finditer(prompt):
        found.append(Precision(decimals=_number(match.group(1) or match.group(2))))
    if _VAGUE.search(prompt):
        found.append(own)
    return found


def broken_promise(variant: Variant) -> str | None:
    """Why the grader refuses an answer rounded as the prompt promises, or None."""
    if variant.kind not in (Kind.NUMBER, Kind.VECTOR):
        return None
    values = variant.expected if isinstance(variant.expected, tuple) else (variant.expected,)
    if not all(isinstance(v, sympy.Expr) and not v.free_symbols for v in values):
        return None
    for precision in promised(variant.prompt, variant.precision):
        typed = ", ".join(precision.rounded(float(v)) for v in values)
        result = grade_variant(variant, typed)
        if not result.correct:
            return (
                f"seed {variant.seed}: the prompt promises {precision.phrase()}, but `{typed}` "
                f"(`{variant.answer}` rounded so) is graded wrong; make `tolerance` and "
                "`precision` agree with the prompt (write the promise as `{{precision}}`)"
            )
    return None


def _number(text: str) -> int:
    return _WORDS.get(text.lower()) or int(text)
