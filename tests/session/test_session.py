"""The pure session logic behind the Practice and Review pages: recommendation,
attempt bookkeeping and the wording of due dates."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating

from practice.limits import LIMITS
from practice.session import (
    TopicStanding,
    describe_due,
    describe_rating,
    due_today,
    new_round,
    pick_problem,
    topic_standings,
    weakest_first,
    with_attempt,
    with_hint,
    with_solution_seen,
)


@dataclass(frozen=True)
class P:
    id: str
    topic: str
    level: str


PROBLEMS = [
    P("a1", "algebra", "A"),
    P("a2", "algebra", "B"),
    P("g1", "geometry", "A"),
    P("g2", "geometry", "A"),
    P("g3", "geometry", "C"),
]


def test_an_unpractised_topic_is_weakest_and_ties_keep_catalog_order() -> None:
    standings = topic_standings(
        ["algebra", "geometry", "calculus"],
        {"algebra": 0.9},
        [("algebra", True)] * 8 + [("algebra", False)],
    )
    assert [s.attempts for s in standings] == [9, 0, 0]
    assert weakest_first(standings) == ["geometry", "calculus", "algebra"]


def test_accuracy_pulls_a_freshly_reviewed_topic_down() -> None:
    # Right after a review FSRS mastery is ~1 whatever the answer; the wrong answers
    # must still make the topic the weaker one.
    good = TopicStanding("good", attempts=10, correct=10, mastery=0.95)
    bad = TopicStanding("bad", attempts=10, correct=1, mastery=0.99)
    assert weakest_first([good, bad]) == ["bad", "good"]
    assert 0 < bad.strength < good.strength < 1


def test_answers_for_unknown_topics_are_ignored() -> None:
    standings = topic_standings(["algebra"], {}, [("gone", True), ("algebra", False)])
    assert standings == [TopicStanding("algebra", 1, 0, None)]


def test_pick_prefers_unmet_problems_at_the_lowest_level() -> None:
    rng = random.Random(1)
    picks = {
        pick_problem(PROBLEMS, topics=["geometry"], met={"g1"}, rng=rng).id  # type: ignore[union-attr]
        for _ in range(20)
    }
    assert picks == {"g2"}


def test_pick_falls_back_to_met_problems_and_avoids_the_last_one() -> None:
    rng = random.Random(2)
    met = {"g1", "g2", "g3"}
    picks = {
        pick_problem(PROBLEMS, topics=["geometry"], met=met, avoid="g1", rng=rng).id  # type: ignore[union-attr]
        for _ in range(30)
    }
    assert picks == {"g2", "g3"}


def test_pick_respects_levels_and_moves_to_the_next_topic() -> None:
    picked = pick_problem(PROBLEMS, topics=["geometry", "algebra"], levels={"B"})
    assert picked == P("a2", "algebra", "B")
    assert pick_problem(PROBLEMS, topics=["geometry"], levels={"D"}) is None


def test_the_only_problem_is_picked_even_when_avoided() -> None:
    assert pick_problem(PROBLEMS, topics=["algebra"], levels={"A"}, avoid="a1") == PROBLEMS[0]


def test_a_round_counts_hints_attempts_and_time() -> None:
    current = new_round("p", 7, now=100.0)
    assert current.attempt_number == 1 and current.hints_shown == 0
    current = with_hint(with_hint(with_hint(current, available=2), available=2), available=2)
    assert current.hints_shown == 2  # never more than there are
    current = with_attempt(current, correct=False)
    assert current.attempt_number == 2 and not current.finished
    current = with_attempt(current, correct=True)
    assert current.finished and current.attempts == 2
    assert current.seconds(112.5) == 12.5
    assert current.seconds(50.0) == 0.0
    cap = LIMITS.durations.attempt
    assert current.seconds(100.0 + 10 * cap) == cap


def test_a_self_rating_ends_the_round_even_when_wrong() -> None:
    assert with_attempt(new_round("p", 1, 0.0), correct=False, final=True).finished


def test_an_opened_solution_marks_the_round_until_it_is_answered_right() -> None:
    current = with_attempt(new_round("p", 1, 0.0), correct=False)
    peeked = with_solution_seen(current)
    assert peeked.solution_seen and not current.solution_seen
    answered = with_attempt(peeked, correct=True)
    assert answered.solution_seen  # the attempt that ended it was made after reading
    # Reading the solution after recalling it changes nothing.
    assert not with_solution_seen(with_attempt(new_round("p", 1, 0.0), correct=True)).solution_seen


NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=10), "now"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=3), "in 3 hours (today at 13:00 UTC)"),
        (timedelta(days=1), "tomorrow at 10:00 UTC"),
        (timedelta(days=6), "in 6 days (Sat 28 Nov)"),
        (timedelta(days=400), "on Mon 27 Dec 2027"),
    ],
)
def test_describe_due(delta: timedelta, expected: str) -> None:
    assert describe_due(NOW + delta, NOW) == expected


def test_describe_due_uses_the_learners_zone_for_the_calendar_day() -> None:
    # 23:30 UTC is already tomorrow in Berlin.
    now = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    due = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert describe_due(due, now, ZoneInfo("Europe/Berlin")) == "tomorrow at 00:30"


def test_describe_rating_and_due_today() -> None:
    assert describe_rating(Rating.Again).startswith("Again")
    assert describe_rating(Rating.Easy).startswith("Easy")
    assert "seen, not recalled" in describe_rating(Rating.Again, solution_seen=True)
    assert "seen" not in describe_rating(Rating.Again)
    today = date(2026, 11, 22)
    per_day = ((today, 2), (today + timedelta(days=1), 5))
    assert due_today(3, per_day, today) == 5


def test_the_mistake_index_lists_problems_whose_variants_recognise_the_tag() -> None:
    from practice.banks import load_catalog
    from practice.session import mistake_index
    from practice.variants import make_variant

    catalog = load_catalog()
    index = mistake_index(catalog.problems.values())
    assert "gd-step-given-gradient" in index["descent-sign"]
    assert not any(p.startswith("pd-") for p in index["descent-sign"])
    for problem_id in index["swapped-components"]:
        variant = make_variant(catalog.problems[problem_id], 0)
        assert "swapped-components" in {m.tag for m in variant.misconceptions}
