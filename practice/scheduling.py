"""Spaced-repetition rules: how a graded attempt becomes an FSRS review.

The scheduling itself is the ``fsrs`` package's; this module only decides what to tell
it. Everything here is pure (primitives and fsrs objects in, fsrs objects out) so the
store, the pages and the tests share one set of rules.

The rating map (why each line is there):

=====================================================  ========  ===========================
graded attempt                                         rating    why
=====================================================  ========  ===========================
wrong (``correct`` false), whatever the partial credit  Again     the method was not recalled
right, but after a hint, a retry, or partial credit     Hard      recalled with effort
right at first try, slower than the level's threshold   Good      recalled
right at first try within the level's threshold         Easy      recalled fluently
=====================================================  ========  ===========================

Easy thresholds grow with the level, because a level D problem takes several steps:
A 20 s, B 45 s, C 90 s, D 150 s. An unknown level never rates Easy.

Mastery, as the dashboards show it, is FSRS retrievability now times how far the
memory's stability has come towards three weeks (Anki's mark of a "mature" card):
retrievability alone is near 1 the moment any card is reviewed, so a learner who just
got five answers wrong would read 100 %. With the maturity factor a problem failed
or met once counts for little until reviews have made its memory last.

A review of a due problem draws a fresh variant: ``fresh_seed`` picks a seed the
learner has not seen recently, so they recall the method rather than a number.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from fsrs import Card, Rating, Scheduler, State

from practice.limits import LIMITS

EASY_SECONDS: dict[str, float] = {"A": 20.0, "B": 45.0, "C": 90.0, "D": 150.0}
MATURE_STABILITY_DAYS = 21.0

SCHEDULER = Scheduler()


def rating_for(
    *,
    correct: bool,
    score: float = 1.0,
    hints_used: int = 0,
    attempt_number: int = 1,
    seconds: float | None = None,
    level: str = "",
) -> Rating:
    """The fsrs rating for one graded attempt (the map is in the module docstring)."""
    if not correct:
        return Rating.Again
    if hints_used > 0 or attempt_number > 1 or score < 1.0:
        return Rating.Hard
    threshold = EASY_SECONDS.get(level.strip().upper())
    if threshold is not None and seconds is not None and 0 <= seconds <= threshold:
        return Rating.Easy
    return Rating.Good


class Graded(Protocol):
    """What the rating needs from a grade (``practice.grading.GradeResult`` has it)."""

    @property
    def correct(self) -> bool: ...

    @property
    def score(self) -> float: ...


def rating_for_grade(
    result: Graded,
    *,
    hints_used: int = 0,
    attempt_number: int = 1,
    seconds: float | None = None,
    level: str = "",
) -> Rating:
    """``rating_for`` straight from a grade result."""
    return rating_for(
        correct=result.correct,
        score=result.score,
        hints_used=hints_used,
        attempt_number=attempt_number,
        seconds=seconds,
        level=level,
    )


def fresh_seed(recent: Collection[int], *, rng: random.Random | None = None) -> int:
    """A seed for a new variant that is not among the learner's ``recent`` seeds."""
    draw = rng or random.SystemRandom()
    while True:
        seed = draw.randrange(0, LIMITS.seeds.practice)
        if seed not in recent:
            return seed


@dataclass(frozen=True)
class CardState:
    """The stored form of one fsrs Card: plain values a database row can hold."""

    card_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


def new_card_state(card_id: int, now: datetime) -> CardState:
    """The state of a problem the learner has just met for the first time."""
    return card_state_from(Card(card_id=card_id, due=as_utc(now)))


def card_from_state(stored: CardState) -> Card:
    return Card(
        card_id=stored.card_id,
        state=State(stored.state),
        step=stored.step,
        stability=stored.stability,
        difficulty=stored.difficulty,
        due=as_utc(stored.due),
        last_review=None if stored.last_review is None else as_utc(stored.last_review),
    )


def card_state_from(card: Card) -> CardState:
    return CardState(
        card_id=card.card_id,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review(
    stored: CardState, rating: Rating, when: datetime, *, seconds: float | None = None
) -> tuple[CardState, int | None]:
    """The card after a review at ``when``, and the review's duration in milliseconds."""
    duration_ms = None if seconds is None else max(0, int(seconds * 1000))
    card, _log = SCHEDULER.review_card(
        card_from_state(stored), rating, review_datetime=as_utc(when), review_duration=duration_ms
    )
    return card_state_from(card), duration_ms


def retrievability(stored: CardState, now: datetime) -> float:
    """The probability, per FSRS, that the learner recalls this problem at ``now``."""
    return recall_probability(stored.stability, stored.last_review, as_utc(now))


def recall_probability(
    stability: float | None, last_review: datetime | None, now: datetime
) -> float:
    """FSRS retrievability from the only two fields its forgetting curve reads.

    Dashboards compute this for every card a learner has; skipping the full card round
    trip (enum and datetime conversions) makes that several times cheaper. ``now`` and
    ``last_review`` must be aware UTC.
    """
    card = Card(
        card_id=0, state=State.Review, stability=stability, due=now, last_review=last_review
    )
    return float(SCHEDULER.get_card_retrievability(card, now))


def mastery(stability: float | None, last_review: datetime | None, now: datetime) -> float:
    """How well a problem is known, 0..1: recalled now (retrievability) and lasting
    (stability as a share of ``MATURE_STABILITY_DAYS``); see the module docstring."""
    if stability is None or last_review is None:
        return 0.0
    maturity = min(1.0, max(0.0, stability) / MATURE_STABILITY_DAYS)
    return recall_probability(stability, last_review, now) * maturity


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware datetime whose tzinfo is ``timezone.utc`` itself.

    fsrs checks ``tzinfo == timezone.utc``, which an aware datetime in another zone, or
    one carrying ``ZoneInfo("UTC")``, fails. A naive value is refused: guessing its zone
    is how schedules drift by hours.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware UTC datetime")
    return moment.astimezone(UTC)
