"""The data the grader hands out: results, previews, and typical wrong answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import sympy

from practice.grading.precision import DEFAULT_ATOL as DEFAULT_ATOL
from practice.grading.precision import DEFAULT_PRECISION

# Tolerances when a problem sets none: those of the default precision, 4 significant
# figures (any answer correctly rounded to 4 figures is right: 5e-4 relative), and an
# atol that lets an expected 0 accept round-off like 1e-12 without accepting 0.001.
DEFAULT_RTOL = DEFAULT_PRECISION.rtol

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
class TestResult:
    """One test of a code problem: its name, whether it passed, and why, in words."""

    __test__ = False  # not a pytest test class, whatever its name says

    name: str
    passed: bool
    message: str

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "passed": self.passed, "message": self.message}


@dataclass(frozen=True)
class GradeResult:
    correct: bool
    score: float  # 0..1, partial credit
    feedback: str
    error: str | None  # why the answer could not be read (with caret)
    mistake: str | None = None  # tag of the recognised misconception
    read_as: str | None = None  # LaTeX of what the answer was read as
    component_correct: tuple[bool, ...] | None = None  # vectors: each component
    # False for a near miss (rounded too early, radians for degrees): like an unreadable
    # answer, it is shown but never stored or scheduled
    counted: bool = True
    tests: tuple[TestResult, ...] | None = None  # code: each test, in order
    printed: str | None = None  # code: the start of what it printed
    graded: bool = True  # False: nothing was graded (the code sandbox could not start)

    @property
    def counts(self) -> bool:
        """Whether this is an attempt to store and schedule: read, and not a near miss."""
        return self.error is None and self.counted

    def to_json(self) -> dict[str, object]:
        """The `grade --jsonl` line (plus `mistake`, as `check` prints it; and for code,
        `tests`). `counted` stays out: the contract fixes these keys, and a near miss
        says so in its feedback."""
        line: dict[str, object] = {
            "correct": self.correct,
            "score": self.score,
            "feedback": self.feedback,
            "error": self.error,
            "mistake": self.mistake,
        }
        if self.tests is not None:
            line["tests"] = [test.to_json() for test in self.tests]
        return line


@dataclass(frozen=True)
class ReadPreview:
    """ "We read your answer as …" while the learner types; never an attempt."""

    ok: bool
    latex: str | None  # what was read, when it could be read
    error: str | None  # why not, with a caret line under the spot
    suggestion: str | None = None
