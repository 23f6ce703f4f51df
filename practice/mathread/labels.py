"""Learners often write the answer the way they would on paper: `f_x = 2xy`,
`∂f/∂x = 2xy`, `grad f = (2, 3)`, `w1 ← w1 - 0.1·2w1`, `x = 2, y = -1` for a point, or
with a trailing `2xy =`. The label says nothing the grader needs and the meaning is never in doubt, so it is blanked out (keeping every
position, so errors still point into the learner's own text). An `=` between two
expressions (`2x = 4`) is still refused: that is an equation, not an answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from practice.mathread.errors import ReadError
from practice.mathread.normalize import Normalized

_ARGS = r"(?:\([^=()]*\))?"  # f(x, y), L(w), f_x(1, 2)
_LABEL = re.compile(
    rf"""\s*(?:
        [\u2202d]\s*[A-Za-z]\w*{_ARGS}\s*/\s*[\u2202d]\s*[A-Za-z]\w*   # ∂f/∂x, df/dx, dL/dw_1
      | (?:grad|\u2207)\s*(?:[A-Za-z]\w*)?{_ARGS}                     # grad f, ∇f, ∇L(w)
      | [A-Za-z]\w*['\u2032]*{_ARGS}                                   # f_x, f'(x), w1, x_new
    )\s*""",
    re.VERBOSE,
)


def strip_label(norm: Normalized, variables: Collection[str] = ()) -> Normalized:
    """The text with a leading `label =` or a trailing `=` blanked out, else unchanged.
    A declared variable is no label: `y = 2x` in x and y is an equation. An assignment
    (`w1 ← w1 - 0.1·2w1`) always has a label on the left, so there it may be. (`w1 := …`
    stays refused: it reads as code, and the injection tests keep code-like text out.)"""
    text = norm.text
    left, arrow, right = text.partition("\u2190")
    if arrow and "=" not in text and arrow not in right and _LABEL.fullmatch(left):
        return _blank(norm, 0, len(left) + 1)
    if text.count("=") != 1:
        return norm
    left, _, right = text.partition("=")
    if not left.strip() and not right.strip():
        return norm
    if not right.strip():  # `2x =`
        return _blank(norm, len(left), len(left) + 1)
    if not left.strip() or (_LABEL.fullmatch(left) and left.strip() not in variables):
        return _blank(norm, 0, len(left) + 1)
    if left.strip() in variables:
        raise ReadError(
            f"write only the answer, without `{left.strip()} =` in front "
            "(with it, this is an equation)",
            norm.position(len(left)),
        )
    return norm


def _blank(norm: Normalized, start: int, end: int) -> Normalized:
    return Normalized(norm.text[:start] + " " * (end - start) + norm.text[end:], norm.origin)


_OPENING = re.compile(r"\s*[(\[<{\u27e8]?")


def strip_component_labels(norm: Normalized) -> Normalized:
    """`x = 2, y = -1` and `(∂f/∂x = 2, ∂f/∂y = 3)`: a label on every component of a
    vector, the way a point or a gradient is written on paper. Here a variable is a
    label too: a coordinate is named by its variable."""
    text = norm.text
    if "=" not in text or "," not in text:
        return norm
    start = 0
    for segment in text.split(","):
        left, equals, right = segment.partition("=")
        if equals and "=" not in right and right.strip():
            opening = _OPENING.match(left)
            label_start = opening.end() if opening else 0
            if _LABEL.fullmatch(left[label_start:]):
                norm = _blank(norm, start + label_start, start + len(left) + 1)
        start += len(segment) + 1
    return norm


_DEGREES = re.compile(r"(?:\u00b0|\u00ba|(?<![A-Za-z])(?:degrees?|deg))\s*\Z", re.IGNORECASE)


def strip_degrees(text: str) -> str:
    """`90°`, `90 degrees`, `90 deg` → `90`, for a problem that asks for degrees: the unit
    after the number is blanked out (same length, so error positions still point into the
    learner's text). Elsewhere `°` stays an error that says angles are in radians."""
    found = _DEGREES.search(text)
    if found is None:
        return text
    return text[: found.start()] + " " * (found.end() - found.start())
