"""The bookkeeping of one variant on screen: hints opened, answers graded, time taken.

Everything an attempt is stored with (``hints_used``, ``attempt_number``, ``seconds``)
comes from here, so the FSRS rating sees the same facts the learner lived through.
Times are monotonic seconds supplied by the caller (``time.monotonic()`` in the app),
which keeps these functions pure and immune to clock changes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, replace

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
    # The worked solution of this variant was opened: a right answer from now on was
    # read, not recalled (``practice.scheduling.rating_for`` rates it Again).
    solution_seen: bool = False
    # Drawn with the round and kept in the page's address, so a tab that reconnects to a
    # restarted server finds what this round stored (``submission_key``).
    token: str = field(default_factory=lambda: secrets.token_hex(8))

    @property
    def attempt_number(self) -> int:
        """The number the next graded attempt is stored with (1 for the first)."""
        return self.attempts + 1

    def seconds(self, now: float) -> float:
        """Seconds since the variant was shown, capped at ``LIMITS.durations.attempt``:
        a tab left open overnight says nothing about how long the problem took."""
        return min(max(0.0, now - self.started), LIMITS.durations.attempt)


def new_round(
    problem_id: str, seed: int, now: float, *, is_review: bool = False, token: str | None = None
) -> Round:
    """A fresh round; ``token`` continues one the page's address names (after a reconnect)."""
    fresh = Round(problem_id=problem_id, seed=seed, started=now, is_review=is_review)
    return fresh if token is None or not is_token(token) else replace(fresh, token=token)


def is_token(text: str) -> bool:
    """Whether ``text`` looks like a round's token (16 hex digits)."""
    return len(text) == 16 and all(c in "0123456789abcdef" for c in text)


def submission_key(current: Round, answer: str) -> str:
    """The key of submitting ``answer`` in ``current``: made from the round, drawn when
    it was, and the text checked. The store keeps one attempt per key, so the same
    submission sent twice (a reconnecting tab) counts once."""
    digest = hashlib.sha256(answer.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return f"{current.token}:{digest}"


def with_hint(current: Round, available: int) -> Round:
    """The round after opening the next hint; opening past the last one changes nothing."""
    return replace(current, hints_shown=min(current.hints_shown + 1, max(available, 0)))


def with_solution_seen(current: Round) -> Round:
    """The round once its worked solution has been shown. A round already answered
    right is left as it is: reading the solution after recalling it costs nothing."""
    if current.finished or current.solution_seen:
        return current
    return replace(current, solution_seen=True)


def with_attempt(current: Round, *, correct: bool, final: bool = False) -> Round:
    """The round after one graded attempt: a right answer (or a ``final`` one, like a
    self-rating) ends it; a wrong one leaves it open for another try."""
    return replace(current, attempts=current.attempts + 1, finished=correct or final)
