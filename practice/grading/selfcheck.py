"""Self-check problems: the learner compares a free answer with the model answer and
rates it; the rating is the answer that is graded."""

from __future__ import annotations

from practice.grading.results import GradeResult
from practice.mathread import ReadError

RATINGS: dict[str, float] = {
    "right": 1.0,
    "correct": 1.0,
    "yes": 1.0,
    "y": 1.0,
    "1": 1.0,
    "✓": 1.0,
    "partly": 0.5,
    "partial": 0.5,
    "partially": 0.5,
    "0.5": 0.5,
    "half": 0.5,
    "wrong": 0.0,
    "incorrect": 0.0,
    "no": 0.0,
    "n": 0.0,
    "0": 0.0,
    "✗": 0.0,
}


def grade_self_check(answer: str) -> GradeResult:
    score = RATINGS.get(answer.strip().lower())
    if score is None:
        error = ReadError("rate your answer as right, partly or wrong", 0)
        return GradeResult(
            False, 0.0, f"We could not read your rating: {error.message}", error.render(answer)
        )
    feedback = {
        1.0: "You rated your answer right.",
        0.5: "You rated your answer partly right.",
        0.0: "You rated your answer wrong: read the model answer again before the next try.",
    }
    return GradeResult(score == 1.0, score, feedback[score], None, read_as=answer.strip().lower())
