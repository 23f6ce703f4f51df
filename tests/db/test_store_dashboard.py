"""Dashboard and instructor queries, on a small history whose answers are known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from db import Store
from practice.session import Attempt

DAY0 = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def record(
    store: Store,
    learner_id: int,
    problem: str,
    *,
    day: int,
    correct: bool,
    topic: str = "gradients",
    level: str = "A",
    answer: str = "1",
    read_as: str | None = "1",
    mistake: str | None = None,
    seconds: float | None = 30.0,
    minute: int = 0,
) -> None:
    store.record_attempt(
        learner_id,
        Attempt(
            problem_id=problem,
            topic=topic,
            level=level,
            kind="number",
            seed=day * 100 + minute,
            answer=answer,
            read_as=read_as,
            correct=correct,
            score=1.0 if correct else 0.0,
            mistake=mistake,
            seconds=seconds,
        ),
        when=DAY0 + timedelta(days=day, minutes=minute),
    )


@pytest.fixture
def history(store: Store) -> tuple[int, int]:
    ana = store.learner("ana").id
    bea = store.learner("bea").id
    record(store, ana, "g1", day=0, correct=True)
    record(
        store,
        ana,
        "g1",
        day=0,
        correct=False,
        answer="-1",
        read_as="-1",
        mistake="descent-sign",
        minute=1,
    )
    record(
        store,
        ana,
        "p1",
        day=0,
        correct=False,
        topic="partials",
        level="B",
        answer="2 x",
        read_as="2 x",
        mistake="power-rule-factor",
        minute=2,
    )
    record(store, ana, "p1", day=1, correct=True, topic="partials", level="B")
    record(
        store,
        ana,
        "p1",
        day=3,
        correct=False,
        topic="partials",
        level="B",
        answer="2*x",
        read_as="2 x",
        mistake="power-rule-factor",
    )
    record(
        store,
        ana,
        "p1",
        day=4,
        correct=False,
        topic="partials",
        level="B",
        answer="x^",
        read_as=None,
    )
    record(
        store,
        bea,
        "p1",
        day=4,
        correct=False,
        topic="partials",
        level="B",
        answer="2x",
        read_as="2 x",
        mistake="power-rule-factor",
    )
    return ana, bea


def test_accuracy_per_day_topic_and_level(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    points = [
        (p.day, p.topic, p.level, p.attempts, p.correct) for p in store.accuracy_over_time(ana)
    ]
    d0 = DAY0.date()
    assert points == [
        (d0, "gradients", "A", 2, 1),
        (d0, "partials", "B", 1, 0),
        (d0 + timedelta(days=1), "partials", "B", 1, 1),
        (d0 + timedelta(days=3), "partials", "B", 1, 0),
        (d0 + timedelta(days=4), "partials", "B", 1, 0),
    ]
    assert store.accuracy_over_time(ana)[0].accuracy == 0.5


def test_activity_per_day_and_since(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    days = store.activity_per_day(ana)
    assert [(a.day.day, a.attempts, a.correct, a.seconds) for a in days] == [
        (10, 3, 1, 90.0),
        (11, 1, 1, 30.0),
        (13, 1, 0, 30.0),
        (14, 1, 0, 30.0),
    ]
    assert [a.day.day for a in store.activity_per_day(ana, since=date(2026, 3, 12))] == [13, 14]
    assert store.activity_per_day(12345) == []


def test_streak_counts_consecutive_days_to_today(store: Store, history: tuple[int, int]) -> None:
    ana, bea = history
    d0 = DAY0.date()
    assert store.streak(ana, today=d0 + timedelta(days=4)) == 2
    assert store.streak(ana, today=d0 + timedelta(days=5)) == 2  # today not over yet
    assert store.streak(ana, today=d0 + timedelta(days=6)) == 0
    assert store.streak(ana, today=d0 + timedelta(days=1)) == 2
    assert store.streak(bea, today=d0 + timedelta(days=4)) == 1
    assert store.streak(ana, today=d0 - timedelta(days=1)) == 0


def test_mistakes_of_one_learner_and_of_the_class(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    assert [(m.tag, m.count) for m in store.top_mistakes(ana)] == [
        ("power-rule-factor", 2),
        ("descent-sign", 1),
    ]
    assert [(m.tag, m.count) for m in store.top_mistakes(None, limit=1)] == [
        ("power-rule-factor", 3),
    ]


def test_due_forecast_now_and_per_day(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    late = DAY0 + timedelta(days=4, hours=1)
    forecast = store.due_forecast(ana, now=late)
    assert len(forecast.per_day) == 14 and forecast.per_day[0][0] == late.date()
    queue = store.due_problems(ana, now=late)
    assert forecast.due_now == len(queue)
    later = store.due_forecast(ana, now=late + timedelta(days=400))
    assert later.due_now == 2 and sum(n for _, n in later.per_day) == 0
    assert forecast.due_now + sum(n for _, n in forecast.per_day) <= 2


def test_mastery_per_topic_falls_as_time_passes(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    soon = {m.topic: m for m in store.mastery_by_topic(ana, now=DAY0 + timedelta(days=5))}
    later = {m.topic: m for m in store.mastery_by_topic(ana, now=DAY0 + timedelta(days=90))}
    assert set(soon) == {"gradients", "partials"} and soon["gradients"].problems == 1
    for topic in soon:
        assert 0.0 < later[topic].mastery < soon[topic].mastery <= 1.0


def test_class_statistics_per_problem(store: Store, history: tuple[int, int]) -> None:
    overview = {s.problem_id: s for s in store.problem_overview()}
    assert set(overview) == {"g1", "p1"}
    p1 = overview["p1"]
    assert (p1.attempts, p1.learners, p1.correct) == (5, 2, 1)
    assert p1.accuracy == pytest.approx(0.2) and p1.mean_seconds == pytest.approx(30.0)
    detail = store.problem_statistics("p1")
    assert detail.summary == p1
    assert [(w.read_as, w.count) for w in detail.wrong_answers] == [("2 x", 3), (None, 1)]
    assert detail.wrong_answers[0].example in {"2 x", "2*x", "2x"}
    assert [(m.tag, m.count) for m in detail.mistakes] == [("power-rule-factor", 3)]


def test_class_mean_time_counts_only_measured_attempts(store: Store) -> None:
    """An attempt nobody timed is not an instant answer: it leaves the mean alone."""
    ana = store.learner("ana").id
    record(store, ana, "timed", day=0, correct=True, seconds=20.0)
    record(store, ana, "timed", day=0, correct=True, seconds=None, minute=1)
    record(store, ana, "untimed", day=0, correct=True, seconds=None, minute=2)
    overview = {s.problem_id: s for s in store.problem_overview()}
    assert overview["timed"].mean_seconds == pytest.approx(20.0)
    assert overview["untimed"].mean_seconds is None
    assert store.problem_statistics("nobody-tried").summary.mean_seconds is None
    empty = store.problem_statistics("never-tried")
    assert empty.summary.attempts == 0 and empty.wrong_answers == () and empty.mistakes == ()


def test_mastery_per_topic_and_level(store: Store, history: tuple[int, int]) -> None:
    ana, _ = history
    now = DAY0 + timedelta(days=10)
    cells = {(m.topic, m.level): m for m in store.mastery_by_level(ana, now=now)}
    assert set(cells) == {("gradients", "A"), ("partials", "B")}
    per_topic = {m.topic: m for m in store.mastery_by_topic(ana, now=now)}
    for (topic, _level), cell in cells.items():
        assert cell.problems == per_topic[topic].problems == 1
        assert cell.mastery == pytest.approx(per_topic[topic].mastery)
    assert store.mastery_by_level(12345) == []


def test_mistakes_per_topic(store: Store, history: tuple[int, int]) -> None:
    ana, bea = history
    assert [(m.tag, m.topic, m.count) for m in store.mistakes_by_topic(ana)] == [
        ("power-rule-factor", "partials", 2),
        ("descent-sign", "gradients", 1),
    ]
    assert [(m.tag, m.count) for m in store.mistakes_by_topic(bea, limit=1)] == [
        ("power-rule-factor", 1),
    ]


NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_an_attempt_counts_on_the_learner_s_own_calendar_day(store: Store) -> None:
    """Half past ten at night in New York is already tomorrow in UTC: a streak or the
    calendar must not move the evening's practice to the next day."""
    ana = store.learner("ana").id
    evening = datetime(2026, 3, 10, 22, 30, tzinfo=NEW_YORK)  # 02:30 UTC on 11 March
    for timezone in (NEW_YORK, UTC):
        store.record_attempt(
            ana,
            Attempt(
                problem_id=f"g-{timezone}",
                topic="gradients",
                level="A",
                kind="number",
                seed=1,
                answer="1",
                read_as="1",
                correct=True,
                score=1.0,
            ),
            when=evening,
            timezone=timezone,
        )
    assert [a.day for a in store.activity_per_day(ana)] == [date(2026, 3, 10), date(2026, 3, 11)]
    assert store.streak(ana, today=date(2026, 3, 10)) == 1


def test_due_forecast_groups_by_the_learner_s_days(store: Store) -> None:
    ana = store.learner("ana").id
    now = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # already 11 March, 05:00, in Tokyo
    dues = [
        store.record_attempt(
            ana,
            Attempt(
                problem_id=f"g{i}",
                topic="gradients",
                level="A",
                kind="number",
                seed=1,
                answer="1",
                read_as="1",
                correct=correct,
                score=float(correct),
                seconds=seconds,
            ),
            when=now - timedelta(minutes=1),
        ).due
        for i, (correct, seconds) in enumerate([(True, 5.0), (True, 60.0), (False, 30.0)])
    ]
    for timezone, today in ((UTC, date(2026, 3, 10)), (TOKYO, date(2026, 3, 11))):
        forecast = store.due_forecast(ana, now=now, timezone=timezone)
        assert forecast.per_day[0][0] == today
        expected: dict[date, int] = {}
        for due in dues:
            if due > now:
                day = due.astimezone(timezone).date()
                expected[day] = expected.get(day, 0) + 1
        assert {day: n for day, n in forecast.per_day if n} == expected
        assert forecast.due_now == sum(due <= now for due in dues)


def test_a_topic_answered_wrongly_just_now_shows_little_mastery(store: Store) -> None:
    ana = store.learner("ana").id
    for i in range(5):
        record(store, ana, f"w{i}", day=0, correct=False, answer="0", mistake="sign-error")
    [topic] = store.mastery_by_topic(ana, now=DAY0 + timedelta(minutes=1))
    assert topic.problems == 5 and topic.mastery < 0.05
