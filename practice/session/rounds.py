"""The bookkeeping of one variant on screen: hints opened, answers graded, time taken.

Everything an attempt is stored with (``hints_used``, ``attempt_number``, ``seconds``)
comes from here, so the FSRS rating sees the same facts the learner lived through.
Times are monotonic seconds supplied by the caller (``time.monotonic()`` in the app),
which keeps these functions pure and immune to clock changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from practice.limits import LIMITS


@dataclass(frozen=True)
class Round:
    """One variant of one problem as the learner works on it."""

    problem_id: str
    seed: int
    started: float  # monotonic seconds when the variant was first shown
    is_review: bool = False
    hints_shown: int = 0
    attempts: int = 0  # graded attempts so far (unreadable answers are not attempts)
    finished: bool = False  # answered right, or self-rated: nothing more to submit

    @property
    def attempt_number(self) -> int:
        """The number the next graded attempt is stored with (1 for the first)."""
        return self.attempts + 1

    def seconds(self, now: float) -> float:
        """Seconds since the variant was shown, capped at ``LIMITS.durations.attempt``:
        a tab left open overnight says nothing about how long the problem took."""
        return min(max(0.0, now - self.started), LIMITS.durations.attempt)


def new_round(problem_id: str, seed: int, now: float, *, is_review: bool = False) -> Round:
    return Round(problem_id=problem_id, seed=seed, started=now, is_review=is_review)


def with_hint(current: Round, available: int) -> Round:
    """The round after opening the next hint; opening past the last one changes nothing."""
    return replace(current, hints_shown=min(current.hints_shown + 1, max(available, 0)))


def with_attempt(current: Round, *, correct: bool, final: bool = False) -> Round:
    """The round after one graded attempt: a right answer (or a ``final`` one, like a
    self-rating) ends it; a wrong one leaves it open for another try."""
    return replace(current, attempts=current.attempts + 1, finished=correct or final)
