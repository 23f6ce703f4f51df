"""The data the grader hands out: results, previews, and typical wrong answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import sympy

# Tolerances when a problem sets none. rtol 1e-4 accepts any answer right to five
# significant figures (rounding or truncating loses at most 1e-4 relative), and atol
# lets an expected 0 accept round-off like 1e-12 without accepting 0.001.
DEFAULT_RTOL = 1e-4
DEFAULT_ATOL = 1e-9

Value: TypeAlias = sympy.Expr | tuple[sympy.Expr, ...] | str


class BadRequest(ValueError):
    """The request itself is wrong (unknown kind, unreadable reference answer, bad
    tolerance): the fault of the problem or the caller, never of the learner."""


@dataclass(frozen=True)
class Misconception:
    """One typical wrong answer, derived from the reference, and what it tells the learner."""

    tag: str  # machine-readable, for the dashboard: "descent-sign", ...
    value: Value  # what a learner with that mistake answers
    message: str  # the sentence for the learner


@dataclass(frozen=True)
class GradeResult:
    correct: bool
    score: float  # 0..1, partial credit
    feedback: str
    error: str | None  # why the answer could not be read (with caret)
    mistake: str | None = None  # tag of the recognised misconception
    read_as: str | None = None  # LaTeX of what the answer was read as
    component_correct: tuple[bool, ...] | None = None  # vectors: each component

    def to_json(self) -> dict[str, object]:
        """The `grade --jsonl` line (plus `mistake`, as `check` prints it)."""
        return {
            "correct": self.correct,
            "score": self.score,
            "feedback": self.feedback,
            "error": self.error,
            "mistake": self.mistake,
        }


@dataclass(frozen=True)
class ReadPreview:
    """ "We read your answer as …" while the learner types; never an attempt."""

    ok: bool
    latex: str | None  # what was read, when it could be read
    error: str | None  # why not, with a caret line under the spot
    suggestion: str | None = None
