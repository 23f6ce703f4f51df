"""The Progress page's data shaping and figures, from hand-made store records."""

from __future__ import annotations

from datetime import date, timedelta

from db.records import AccuracyPoint, ActivityDay, DueForecast, LevelMastery
from ui.plain import progress_charts
from ui.plain.progress_data import (
    WEEKDAYS,
    accuracy_by_topic,
    calendar_grid,
    headline,
    mastery_grid,
)

TODAY = date(2026, 3, 12)  # a Thursday
D0 = date(2026, 3, 10)


def _forecast(due_now: int, counts: list[int]) -> DueForecast:
    return DueForecast(due_now, tuple((TODAY + timedelta(days=i), n) for i, n in enumerate(counts)))


def test_headline_sums_activity_and_counts_today_due_now_and_later() -> None:
    activity = [ActivityDay(D0, 3, 1, 90.0), ActivityDay(D0 + timedelta(days=1), 2, 2, 10.0)]
    numbers = headline(activity, _forecast(2, [1, 4]), streak=2)
    assert (numbers.attempts, numbers.correct, numbers.streak) == (5, 3, 2)
    assert numbers.accuracy == 0.6
    assert (numbers.due_now, numbers.due_later_today, numbers.due_today) == (2, 1, 3)


def test_headline_of_a_new_learner_has_no_accuracy_rather_than_zero() -> None:
    numbers = headline([], _forecast(0, []), streak=0)
    assert numbers.attempts == 0 and numbers.accuracy is None and numbers.due_today == 0


def test_accuracy_pools_levels_per_topic_over_a_rolling_week() -> None:
    points = [
        AccuracyPoint(D0, "gradient", "A", 2, 1),
        AccuracyPoint(D0, "gradient", "B", 2, 2),
        AccuracyPoint(D0, "partials", "A", 1, 0),
        AccuracyPoint(D0 + timedelta(days=2), "gradient", "A", 4, 1),
        AccuracyPoint(D0 + timedelta(days=7), "gradient", "A", 2, 2),  # D0 has left the week
    ]
    series = {s.topic: s for s in accuracy_by_topic(points)}
    assert list(series) == ["gradient", "partials"]
    gradient = series["gradient"]
    assert gradient.days == (D0, D0 + timedelta(days=2), D0 + timedelta(days=7))
    assert gradient.attempts == (4, 8, 6) and gradient.correct == (3, 4, 3)
    assert gradient.accuracy == (0.75, 0.5, 0.5)
    assert [s.accuracy for s in accuracy_by_topic(points, window=1)][0] == (0.75, 0.25, 1.0)
    fig = progress_charts.accuracy_figure(points, {"gradient": "The gradient vector"})
    assert [t.name for t in fig.data] == ["The gradient vector", "partials"]
    assert list(fig.data[0].y) == [75.0, 50.0, 50.0]
    assert list(fig.data[0].x) == ["2026-03-10", "2026-03-12", "2026-03-17"]
    assert [tuple(c) for c in fig.data[0].customdata] == [(3, 4), (4, 8), (3, 6)]


def test_calendar_puts_each_day_in_its_week_and_weekday() -> None:
    activity = [ActivityDay(D0, 3, 1, 0.0), ActivityDay(TODAY, 5, 5, 0.0)]
    grid = calendar_grid(activity, TODAY)
    assert len(grid.weeks) == 12  # the minimum, though the history is one week long
    assert all(monday.weekday() == 0 for monday in grid.weeks)
    assert grid.weeks[-1] == date(2026, 3, 9)
    assert grid.counts[D0.weekday()][-1] == 3  # Tuesday
    assert grid.counts[TODAY.weekday()][-1] == 5  # Thursday
    assert grid.counts[4][-1] is None and grid.counts[6][-1] is None  # Fri-Sun: the future
    assert grid.counts[0][0] == 0
    assert (grid.total, grid.active_days) == (8, 2)
    assert grid.day(3, len(grid.weeks) - 1) == TODAY


def test_calendar_grows_with_history_up_to_a_year() -> None:
    twenty_weeks = [ActivityDay(TODAY - timedelta(weeks=20), 1, 1, 0.0)]
    assert len(calendar_grid(twenty_weeks, TODAY).weeks) == 21
    three_years = [ActivityDay(TODAY - timedelta(days=3 * 365), 7, 1, 0.0)]
    grid = calendar_grid(three_years, TODAY)
    assert len(grid.weeks) == 53 and grid.total == 0  # too old to be shown


def test_activity_figure_is_a_weekday_by_week_heatmap_of_attempts() -> None:
    activity = [ActivityDay(D0, 3, 1, 0.0), ActivityDay(TODAY, 5, 5, 0.0)]
    fig = progress_charts.activity_figure(activity, TODAY)
    [heat] = fig.data
    assert heat.type == "heatmap" and list(heat.y) == list(range(7))
    assert list(fig.layout.yaxis.ticktext) == list(WEEKDAYS)
    z = [list(row) for row in heat.z]
    assert len(z) == 7 and len(z[0]) == 12
    assert z[1][-1] == 3 and z[3][-1] == 5 and z[6][-1] is None
    assert sum(n for row in z for n in row if n) == 8
    assert heat.customdata[1][-1] == "2026-03-10"
    assert list(heat.x) == list(range(12))
    ticks = dict(zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext, strict=True))
    # columns from Mon 22 Dec 2025: a month's tick is on the week holding its 1st
    # (29 Dec-4 Jan, 26 Jan-1 Feb, 23 Feb-1 Mar)
    assert ticks == {0: "Dec", 1: "Jan", 5: "Feb", 9: "Mar"}


def test_due_figure_stacks_due_now_on_today() -> None:
    fig = progress_charts.due_figure(_forecast(2, [1, 0, 3] + [0] * 11))
    now, later = fig.data
    assert now.name == "due now" and list(now.x) == ["2026-03-12"] and list(now.y) == [2]
    assert later.name == "falls due" and len(later.x) == 14
    assert list(later.y)[:3] == [1, 0, 3]
    assert fig.layout.barmode == "stack"


def test_mastery_grid_and_heatmap_leave_unmet_levels_blank() -> None:
    cells = [
        LevelMastery("gradient", "A", 2, 0.9),
        LevelMastery("gradient", "C", 1, 0.4),
        LevelMastery("partials", "B", 3, 0.5),
    ]
    grid = mastery_grid(cells)
    assert grid.topics == ("gradient", "partials") and grid.levels == ("A", "B", "C", "D")
    assert grid.mastery == ((0.9, None, 0.4, None), (None, 0.5, None, None))
    assert grid.problems == ((2, 0, 1, 0), (0, 3, 0, 0))
    fig = progress_charts.mastery_figure(cells, {"partials": "Partial derivatives"})
    [heat] = fig.data
    assert list(heat.y) == ["gradient", "Partial derivatives"]
    assert list(heat.x) == ["level A", "level B", "level C", "level D"]
    assert [list(row) for row in heat.z] == [[90.0, None, 40.0, None], [None, 50.0, None, None]]
    assert heat.text[1][1] == "50%" and heat.text[0][1] == ""
    assert [list(row) for row in heat.customdata] == [[2, 0, 1, 0], [0, 3, 0, 0]]
    assert (heat.zmin, heat.zmax) == (0, 100)


def test_mastery_grid_keeps_a_level_outside_a_to_d() -> None:
    assert mastery_grid([LevelMastery("t", "E", 1, 0.5)]).levels == ("A", "B", "C", "D", "E")
