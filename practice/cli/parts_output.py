"""Problems in parts on the command line: their preview, ``--given``, and ``check``.

The formats are the contract's "Problems in parts" (../shared/contracts.md): a part is
numbered from 1, ``depends_on`` lists the parts its answer is computed from, and
``check`` takes one answer per part and prints each part's verdict.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from practice.limits import LIMITS
from practice.mathread import ReadError
from practice.timelimit import TimeUp, time_limit
from practice.variants import Variant
from practice.variants.parts import read_value, with_given

_GIVEN = re.compile(r"\s*([0-9]{1,3})\s*=(.*)", re.DOTALL)


def given_argument(text: str) -> tuple[int, str]:
    """``--given 3=(2, -1)``: a part number and the answer to use for it."""
    found = _GIVEN.fullmatch(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"expected PART=ANSWER, e.g. 3='(2, -1)', not {text[:40]!r}"
        )
    return int(found.group(1)), found.group(2).strip()


def with_given_answers(variant: Variant, given: Sequence[tuple[int, str]]) -> Variant | str:
    """The variant re-derived from the given answers, or one line saying why not."""
    if not variant.parts:
        return "`--given` is for problems in parts; this one is answered in one go"
    try:
        with time_limit(LIMITS.time.variant):
            return _given(variant, given)
    except TimeUp:
        return "working the later parts out from these answers took too long"


def _given(variant: Variant, given: Sequence[tuple[int, str]]) -> Variant | str:
    values = {}
    for number, text in given:
        if not 1 <= number < len(variant.parts):
            return f"--given {number}: a part before the last, from 1 to {len(variant.parts) - 1}"
        try:
            values[number] = read_value(variant.parts[number - 1].variant, text)
        except ReadError as error:
            return f"--given {number}: could not read `{text}`: {error.message}"
        except ValueError as error:
            return f"--given {number}: {error}"
    try:
        return with_given(variant, values)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return "these answers leave a later part undefined"


def parts_json(variant: Variant) -> list[dict[str, object]]:
    return [
        {
            "number": part.number,
            "kind": part.variant.kind,
            "prompt": part.variant.prompt,
            "answer": part.variant.answer,
            "answer_latex": part.variant.answer_latex,
            "depends_on": list(part.depends_on),
            "hints": list(part.variant.hints),
            "solution": part.variant.solution,
            "variables": list(part.variant.variables),
            "credit": part.credit,
            **(
                {
                    "choices": [
                        {"label": label, "text": text} for label, text in part.variant.choices
                    ]
                }
                if part.variant.choices
                else {}
            ),
        }
        for part in variant.parts
    ]


def parts_text(variant: Variant) -> list[str]:
    blocks = []
    for part in variant.parts:
        shown = part.variant
        uses = ""
        if part.depends_on:
            which = ", ".join(map(str, part.depends_on))
            noun = "answer of part" if len(part.depends_on) == 1 else "answers of parts"
            uses = f" (uses the {noun} {which})"
        lines = [f"## Part {part.number} — {shown.kind}{uses}", shown.prompt.strip()]
        lines += [f"{label}. {text.strip()}" for label, text in shown.choices]
        lines.append(f"Answer: {shown.answer}")
        lines += [f"Hint {i}. {hint.strip()}" for i, hint in enumerate(shown.hints, 1)]
        lines.append("Solution:\n" + shown.solution.strip())
        blocks.append("\n\n".join(lines))
    return blocks
