"""Spaced-repetition rules: how a graded attempt becomes an FSRS review.

The scheduling itself is the ``fsrs`` package's; this module only decides what to tell
it. Everything here is pure (primitives and fsrs objects in, fsrs objects out) so the
store, the pages and the tests share one set of rules.

The rating map (why each line is there):

=====================================================  ========  ===========================
graded attempt                                         rating    why
=====================================================  ========  ===========================
wrong (``correct`` false), whatever the partial credit  Again     the method was not recalled
right, after the worked solution of this variant shown  Again     seen is not recalled (Anki)
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

A problem in parts is one card, rated once from all its parts
(``rating_for_chain``): every part right against the reference at its first try and
without a hint rates like a one-part problem right at first try (Good, or Easy within
the level's time); every part right, but some only after a hint or another try, or only
"given your earlier answer" (follow-through), Hard; any part still wrong, or right only
after its worked solution was read (seen is not recalled), Again.

A review of a due problem draws a fresh variant: ``fresh_seed`` picks a seed the
learner has not seen recently, so they recall the method rather than a number.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from fsrs import Card, Rating, ReviewLog, Scheduler, State

from practice.limits import LIMITS
from practice.session.attempt import Attempt
from practice.session.chain import PartStanding

EASY_SECONDS: dict[str, float] = {"A": 20.0, "B": 45.0, "C": 90.0, "D": 150.0}
MATURE_STABILITY_DAYS = 21.0

SCHEDULER = Scheduler()


def rating_for(attempt: Attempt) -> Rating:
    """The fsrs rating for one graded attempt (the map is in the module docstring)."""
    if not attempt.correct or attempt.solution_seen:
        return Rating.Again
    if attempt.hints_used > 0 or attempt.attempt_number > 1 or attempt.score < 1.0:
        return Rating.Hard
    return _good_or_easy(attempt.level, attempt.seconds)


def rating_for_chain(
    standings: Sequence[PartStanding], level: str, seconds: float | None
) -> Rating:
    """The fsrs rating of a problem in parts from how each of its parts went
    (``practice.session.chain``); ``seconds`` is the whole chain's time."""
    again = (PartStanding.WRONG, PartStanding.UNANSWERED, PartStanding.SEEN)
    if not standings or any(s in again for s in standings):
        return Rating.Again
    if any(s != PartStanding.FIRST_TRY for s in standings):
        return Rating.Hard
    return _good_or_easy(level, seconds)


def _good_or_easy(level: str, seconds: float | None) -> Rating:
    threshold = EASY_SECONDS.get(level.strip().upper())
    if threshold is not None and seconds is not None and 0 <= seconds <= threshold:
        return Rating.Easy
    return Rating.Good


def fresh_seed(recent: Collection[int], *, rng: random.Random | None = None) -> int:
    """A seed for a new variant that is not among the learner's ``recent`` seeds."""
    draw = rng or random.SystemRandom()
    while True:
        seed = draw.randrange(0, LIMITS.seeds.practice)
        if seed not in recent:
            return seed


def new_card(card_id: int, now: datetime) -> Card:
    """The card of a problem the learner has just met for the first time."""
    return Card(card_id=card_id, due=as_utc(now))


def review(
    card: Card, rating: Rating, when: datetime, *, seconds: float | None = None
) -> tuple[Card, ReviewLog]:
    """The card after a review at ``when``, and fsrs's log of it (rating, time, and
    duration in milliseconds when ``seconds`` is known)."""
    duration_ms = None if seconds is None else max(0, int(seconds * 1000))
    return SCHEDULER.review_card(
        card, rating, review_datetime=as_utc(when), review_duration=duration_ms
    )


def retrievability(card: Card, now: datetime) -> float:
    """The probability, per FSRS, that the learner recalls this problem at ``now``."""
    return recall_probability(card.stability, card.last_review, as_utc(now))


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
