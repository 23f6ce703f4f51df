""" "We read your answer as …": reading without grading, never an attempt."""

from __future__ import annotations

from collections.abc import Sequence

from practice.grading import choice
from practice.grading.results import KINDS, BadRequest, ReadPreview
from practice.grading.selfcheck import RATINGS
from practice.mathread import ReadError, read_expression, read_vector, to_latex
from practice.timelimit import TimeUp, time_limit

PREVIEW_SECONDS = 0.8  # the page reads as the learner types: never let one reading hang
TOO_LONG = "this answer takes too long to read; write it more simply"


def preview(kind: str, answer: str, variables: Sequence[str] = ()) -> ReadPreview:
    if kind not in KINDS:
        raise BadRequest(f"unknown kind `{kind}`")
    try:
        with time_limit(PREVIEW_SECONDS):
            return ReadPreview(True, _latex(kind, answer, variables), None)
    except ReadError as error:
        return ReadPreview(False, None, error.render(answer), error.suggestion)
    except TimeUp:
        return ReadPreview(False, None, TOO_LONG)


def _latex(kind: str, answer: str, variables: Sequence[str]) -> str:
    if kind == "vector":
        return to_latex(read_vector(answer, variables))
    if kind == "expression":
        return to_latex(read_expression(answer, variables))
    if kind == "number":
        return to_latex(read_expression(answer, ()))
    if kind == "choice":
        labels = choice.label_set(answer)
        if not labels:
            raise ReadError("choose at least one option")
        return r"\text{" + choice.describe(labels) + "}"
    if answer.strip().lower() not in RATINGS:
        raise ReadError("rate your answer as right, partly or wrong", 0)
    return r"\text{" + answer.strip().lower() + "}"
