"""The Progress page's numbers, reshaped from the store's records for drawing.

No Streamlit and no plotly here: the headline figures and the calendar grid are
plain data, so tests check them without a page or a figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from db.records import AccuracyPoint, ActivityDay, DueForecast, LevelMastery
from practice.vocabulary import Level

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALENDAR_MIN_WEEKS = 12  # a short history still reads as a calendar
CALENDAR_MAX_WEEKS = 53  # a year, as on GitHub
ROLLING_DAYS = 7


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of the page."""

    attempts: int
    correct: int
    streak: int
    due_now: int
    due_later_today: int

    @property
    def accuracy(self) -> float | None:
        """Share answered right, or None before the first attempt (not a fake 0 %)."""
        return self.correct / self.attempts if self.attempts else None

    @property
    def due_today(self) -> int:
        return self.due_now + self.due_later_today


def headline(activity: Iterable[ActivityDay], forecast: DueForecast, streak: int) -> Headline:
    days = list(activity)
    later_today = forecast.per_day[0][1] if forecast.per_day else 0
    return Headline(
        attempts=sum(day.attempts for day in days),
        correct=sum(day.correct for day in days),
        streak=streak,
        due_now=forecast.due_now,
        due_later_today=later_today,
    )


@dataclass(frozen=True)
class TopicSeries:
    """One topic's accuracy on each day it was practised, over the ``window`` days
    ending that day, the levels pooled."""

    topic: str
    days: tuple[date, ...]
    attempts: tuple[int, ...]  # in the window ending that day
    correct: tuple[int, ...]

    @property
    def accuracy(self) -> tuple[float, ...]:
        return tuple(c / n for c, n in zip(self.correct, self.attempts, strict=True))


def accuracy_by_topic(
    points: Iterable[AccuracyPoint], window: int = ROLLING_DAYS
) -> list[TopicSeries]:
    """Per topic (sorted), rolling accuracy on each day with practice, oldest first.

    A single day's accuracy jumps between 0 % and 100 % on two or three answers; the
    window keeps the line about the trend, and the hover still gives the counts.
    """
    cells: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for point in points:
        cell = cells[point.topic][point.day]
        cell[0] += point.attempts
        cell[1] += point.correct
    return [_rolling(topic, cells[topic], window) for topic in sorted(cells)]


def _rolling(topic: str, per_day: Mapping[date, list[int]], window: int) -> TopicSeries:
    days = sorted(per_day)
    attempts, correct = [], []
    for day in days:
        inside = [per_day[d] for d in days if day - timedelta(days=window) < d <= day]
        attempts.append(sum(n for n, _ in inside))
        correct.append(sum(c for _, c in inside))
    return TopicSeries(topic, tuple(days), tuple(attempts), tuple(correct))


@dataclass(frozen=True)
class CalendarGrid:
    """Attempts per day laid out GitHub-style: one column per week (Monday first),
    one row per weekday. Days after ``today`` are None so they draw as gaps."""

    weeks: tuple[date, ...]  # the Monday of each column
    counts: tuple[tuple[int | None, ...], ...]  # [weekday][week]
    total: int
    active_days: int

    def day(self, weekday: int, week: int) -> date:
        return self.weeks[week] + timedelta(days=weekday)


def calendar_grid(
    activity: Iterable[ActivityDay],
    today: date,
    *,
    min_weeks: int = CALENDAR_MIN_WEEKS,
    max_weeks: int = CALENDAR_MAX_WEEKS,
) -> CalendarGrid:
    """The weeks from the first activity (at least ``min_weeks``, at most ``max_weeks``
    back) to the week of ``today``."""
    per_day = {day.day: day.attempts for day in activity if day.day <= today}
    last_monday = today - timedelta(days=today.weekday())
    first = min(per_day, default=today)
    first_monday = first - timedelta(days=first.weekday())
    span = (last_monday - first_monday).days // 7 + 1
    weeks_shown = max(min_weeks, min(max_weeks, span))
    weeks = tuple(last_monday - timedelta(weeks=weeks_shown - 1 - i) for i in range(weeks_shown))
    counts = tuple(
        tuple(
            None
            if monday + timedelta(days=weekday) > today
            else per_day.get(monday + timedelta(days=weekday), 0)
            for monday in weeks
        )
        for weekday in range(7)
    )
    shown = {d: n for d, n in per_day.items() if d >= weeks[0]}
    return CalendarGrid(weeks, counts, sum(shown.values()), sum(1 for n in shown.values() if n))


@dataclass(frozen=True)
class MasteryGrid:
    """Mastery per topic (rows) and level (columns); None where no problem was met."""

    topics: tuple[str, ...]
    levels: tuple[str, ...]
    mastery: tuple[tuple[float | None, ...], ...]
    problems: tuple[tuple[int, ...], ...]


def mastery_grid(
    cells: Sequence[LevelMastery], levels: Sequence[str] = tuple(Level)
) -> MasteryGrid:
    found: Mapping[tuple[str, str], LevelMastery] = {(c.topic, c.level): c for c in cells}
    extra = sorted({c.level for c in cells} - set(levels))  # a bank with its own levels
    columns = tuple(levels) + tuple(extra)
    topics = tuple(sorted({c.topic for c in cells}))
    return MasteryGrid(
        topics=topics,
        levels=columns,
        mastery=tuple(
            tuple(found[t, lv].mastery if (t, lv) in found else None for lv in columns)
            for t in topics
        ),
        problems=tuple(
            tuple(found[t, lv].problems if (t, lv) in found else 0 for lv in columns)
            for t in topics
        ),
    )
