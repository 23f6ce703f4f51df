""" "We read your answer as …": reading without grading, never an attempt."""

from __future__ import annotations

from collections.abc import Sequence

from practice.grading import choice
from practice.grading.results import BadRequest, ReadPreview
from practice.grading.selfcheck import RATINGS
from practice.limits import LIMITS
from practice.mathread import ReadError, read_expression, read_vector, to_latex
from practice.timelimit import TimeUp, time_limit
from practice.vocabulary import Kind

TOO_LONG = (
    f"this answer takes too long to read (it needs more than {LIMITS.time.reading:g} s of "
    "computing); write it more simply"
)


def preview(kind: str, answer: str, variables: Sequence[str] = ()) -> ReadPreview:
    if kind not in tuple(Kind) or kind == Kind.CODE:  # code is not typed into the answer box
        raise BadRequest(f"unknown kind `{kind}`")
    try:
        # The page reads as the learner types: one reading must never hang it.
        with time_limit(LIMITS.time.reading):
            return ReadPreview(True, _latex(Kind(kind), answer, variables), None)
    except ReadError as error:
        return ReadPreview(False, None, error.render(answer), error.suggestion)
    except TimeUp:
        return ReadPreview(False, None, TOO_LONG)


def _latex(kind: Kind, answer: str, variables: Sequence[str]) -> str:
    if kind == Kind.VECTOR:
        return to_latex(read_vector(answer, variables), explicit=True)
    if kind == Kind.EXPRESSION:
        return to_latex(read_expression(answer, variables), explicit=True)
    if kind == Kind.NUMBER:
        return to_latex(read_expression(answer, ()), explicit=True)
    if kind == Kind.CHOICE:
        labels = choice.label_set(answer)
        if not labels:
            raise ReadError("choose at least one option")
        return r"\text{" + choice.describe(labels) + "}"
    if answer.strip().lower() not in RATINGS:
        raise ReadError("rate your answer as right, partly or wrong", 0)
    return r"\text{" + answer.strip().lower() + "}"
