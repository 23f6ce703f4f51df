"""The attempt → FSRS rating map and the card round trip (pure, no database)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fsrs import Card, Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from practice import scheduling
from practice.limits import LIMITS
from practice.scheduling import EASY_SECONDS, rating_for
from practice.session import Attempt

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def attempt(
    *,
    correct: bool,
    score: float = 1.0,
    hints_used: int = 0,
    attempt_number: int = 1,
    seconds: float | None = None,
    level: str = "",
    solution_seen: bool = False,
) -> Attempt:
    """An attempt that differs from a plain right answer only in what the rating reads."""
    return Attempt(
        problem_id="p",
        topic="t",
        level=level,
        kind="number",
        seed=0,
        answer="1",
        read_as="1",
        correct=correct,
        score=score,
        hints_used=hints_used,
        attempt_number=attempt_number,
        seconds=seconds,
        solution_seen=solution_seen,
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"correct": False}, Rating.Again),
        ({"correct": False, "score": 0.5, "seconds": 1, "level": "A"}, Rating.Again),
        ({"correct": True, "hints_used": 1, "seconds": 1, "level": "A"}, Rating.Hard),
        ({"correct": True, "attempt_number": 2, "seconds": 1, "level": "A"}, Rating.Hard),
        ({"correct": True, "score": 0.75, "seconds": 1, "level": "A"}, Rating.Hard),
        ({"correct": True, "seconds": 60, "level": "A"}, Rating.Good),
        ({"correct": True, "seconds": None, "level": "A"}, Rating.Good),
        ({"correct": True, "seconds": 19, "level": "A"}, Rating.Easy),
        ({"correct": True, "seconds": 140, "level": "D"}, Rating.Easy),
        ({"correct": True, "seconds": 140, "level": "C"}, Rating.Good),
        ({"correct": True, "seconds": 1, "level": "Z"}, Rating.Good),
        ({"correct": True, "seconds": 1, "level": " b "}, Rating.Easy),
        # Seen is not recalled: right after the worked solution was open, however fast.
        ({"correct": True, "solution_seen": True, "seconds": 1, "level": "A"}, Rating.Again),
        ({"correct": True, "solution_seen": True, "attempt_number": 2}, Rating.Again),
    ],
)
def test_rating_map(kwargs: dict[str, Any], expected: Rating) -> None:
    assert rating_for(attempt(**kwargs)) == expected


def test_easy_thresholds_grow_with_level() -> None:
    levels = sorted(EASY_SECONDS)
    assert levels == ["A", "B", "C", "D"]
    assert [EASY_SECONDS[lv] for lv in levels] == sorted(EASY_SECONDS.values())


@settings(max_examples=60, deadline=None)
@given(recent=st.sets(st.integers(0, 50), max_size=40), seed=st.integers(0, 2**32))
def test_fresh_seed_avoids_recent_seeds(recent: set[int], seed: int) -> None:
    fresh = scheduling.fresh_seed(recent, rng=random.Random(seed))
    assert fresh not in recent
    assert 0 <= fresh < LIMITS.seeds.practice


def test_card_round_trip_and_review_moves_due_forward() -> None:
    new = scheduling.new_card(42, NOW)
    assert new.card_id == 42 and new.state == State.Learning
    assert Card.from_dict(new.to_dict()) == new
    after, log = scheduling.review(new, Rating.Good, NOW, seconds=12.5)
    assert log.review_duration == 12500 and log.rating == Rating.Good
    assert after.card_id == 42 and after.due > NOW and after.last_review == NOW
    later, _ = scheduling.review(after, Rating.Good, after.due, seconds=None)
    assert later.due - after.due > after.due - NOW


def test_wrong_answer_comes_back_sooner_than_right_one() -> None:
    new = scheduling.new_card(1, NOW)
    wrong, _ = scheduling.review(new, Rating.Again, NOW)
    right, _ = scheduling.review(new, Rating.Easy, NOW)
    assert wrong.due < right.due


def test_other_timezones_are_converted_and_naive_refused() -> None:
    plus_two = NOW.astimezone(timezone(timedelta(hours=2)))
    converted = scheduling.as_utc(plus_two)
    assert converted == NOW and converted.tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        scheduling.as_utc(NOW.replace(tzinfo=None))


def test_retrievability_falls_with_time() -> None:
    reviewed, _ = scheduling.review(scheduling.new_card(1, NOW), Rating.Good, NOW)
    soon = scheduling.retrievability(reviewed, NOW + timedelta(days=1))
    late = scheduling.retrievability(reviewed, NOW + timedelta(days=60))
    assert 1.0 >= soon > late > 0.0
    assert scheduling.retrievability(scheduling.new_card(2, NOW), NOW) == 0.0


def _reviewed(ratings: list[Rating]) -> tuple[Card, datetime]:
    """A card reviewed with ``ratings``, each when it fell due; returns it and the last
    review's time."""
    card, when = scheduling.new_card(1, NOW), NOW
    for rating in ratings:
        card, _ = scheduling.review(card, rating, when)
        when = card.due
    assert card.last_review is not None
    return card, card.last_review


def test_a_problem_just_failed_is_not_mastered_though_fsrs_recalls_it_now() -> None:
    failed, at = _reviewed([Rating.Again])
    assert scheduling.retrievability(failed, at) > 0.99
    assert scheduling.mastery(failed.stability, failed.last_review, at) < 0.05


def test_mastery_grows_with_good_reviews_and_fades_without_them() -> None:
    once, at_once = _reviewed([Rating.Good])
    many, at_many = _reviewed([Rating.Good] * 6)
    met_once = scheduling.mastery(once.stability, once.last_review, at_once)
    practised = scheduling.mastery(many.stability, many.last_review, at_many)
    assert met_once < 0.5 < practised <= 1.0
    forgotten = scheduling.mastery(many.stability, many.last_review, at_many + timedelta(days=365))
    assert forgotten < practised
    assert scheduling.mastery(None, None, NOW) == 0.0


def test_rating_from_an_attempt_record() -> None:
    assert rating_for(attempt(correct=True, seconds=5, level="A")) == Rating.Easy
    assert rating_for(attempt(correct=False, score=0.5)) == Rating.Again
    assert rating_for(attempt(correct=True, hints_used=2)) == Rating.Hard


def test_recall_probability_matches_fsrs_on_the_full_card() -> None:
    card = scheduling.new_card(3, NOW)
    for rating in (Rating.Good, Rating.Again, Rating.Easy):
        card, _ = scheduling.review(card, rating, card.due)
        for days in (0, 1, 7, 40):
            at = card.due + timedelta(days=days)
            full = scheduling.SCHEDULER.get_card_retrievability(card, at)
            assert scheduling.recall_probability(card.stability, card.last_review, at) == full
