"""The grading engine: grade(kind, expected, answer) -> GradeResult, by equivalence, with
the typical mistake named. See docs/grading.md."""

from practice.grading.grader import grade
from practice.grading.preview import preview
from practice.grading.results import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    BadRequest,
    GradeResult,
    Misconception,
    ReadPreview,
)

__all__ = [
    "DEFAULT_ATOL",
    "DEFAULT_RTOL",
    "BadRequest",
    "GradeResult",
    "Misconception",
    "ReadPreview",
    "grade",
    "preview",
]
