"""Progress: the learner's own history, drawn from the store's dashboard queries.

Headline numbers, accuracy per topic over time, a calendar of daily activity, the
reviews due in the next two weeks, mastery per topic and level (FSRS retrievability
times stability, ``practice.scheduling.mastery``) and the mistakes made most often,
each with what it means and a link to practise it. The figures come from
``ui.plain.progress_charts``; this page only reads the store and draws. A learner with no
attempts is told what to do instead of being shown empty axes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

import streamlit as st

from db import (
    AccuracyPoint,
    ActivityDay,
    DueForecast,
    Learner,
    LevelMastery,
    Store,
    TopicMistake,
)
from practice import config
from practice.vocabulary import mistake_name, mistake_sentence
from ui import chain_stats
from ui.learner import require_learner
from ui.local_time import learner_timezone
from ui.plain import navigation, progress_charts
from ui.plain.progress_data import Headline, calendar_grid, headline
from ui.resources import Unavailable, catalog, store

FORECAST_DAYS = 14
MISTAKES_SHOWN = 5


@dataclass(frozen=True)
class Dashboard:
    """Everything the page draws, read in one go so a store failure stops it early."""

    headline: Headline
    accuracy: list[AccuracyPoint]
    activity: list[ActivityDay]
    forecast: DueForecast
    mastery: list[LevelMastery]
    mistakes: list[TopicMistake]


def load(the_store: Store, learner: Learner, now: datetime, zone: tzinfo = UTC) -> Dashboard:
    """``zone``: the learner's, whose calendar days the streak and forecast count."""
    try:
        activity = the_store.activity_per_day(learner.id)
        forecast = the_store.due_forecast(learner.id, now=now, days=FORECAST_DAYS, timezone=zone)
        streak = the_store.streak(learner.id, today=now.astimezone(zone).date())
        return Dashboard(
            headline=headline(activity, forecast, streak),
            accuracy=the_store.accuracy_over_time(learner.id),
            activity=activity,
            forecast=forecast,
            mastery=the_store.mastery_by_level(learner.id, now=now),
            mistakes=the_store.mistakes_by_topic(learner.id, limit=MISTAKES_SHOWN),
        )
    except Exception as exc:  # a store that went away after it opened
        raise Unavailable(
            "Your progress could not be read from the store just now "
            f"({type(exc).__name__}). Nothing is lost; reload the page in a moment."
        ) from exc


def topic_titles() -> dict[str, str]:
    """Bank titles by topic, for labels; the raw topic names if the banks are away."""
    try:
        return {topic: bank.title for topic, bank in catalog().topics.items()}
    except Unavailable:
        return {}


def show_empty_state() -> None:
    st.info(
        "No answers yet, so there is nothing to chart. Answer a few problems on the "
        "Practice page: your accuracy, daily activity, upcoming reviews and mastery per "
        "topic will appear here as you go.",
        icon=":material/rocket_launch:",
    )
    st.page_link(navigation.PRACTICE.path, label="Start practising", icon=navigation.PRACTICE.icon)
    st.page_link(
        navigation.EXPLORE.path,
        label="Or warm up on the Explore page",
        icon=navigation.EXPLORE.icon,
    )


def show_headline(numbers: Headline) -> None:
    attempts, accuracy, due, streak = st.columns(4)
    attempts.metric("Attempts", numbers.attempts, help="Every answer you submitted.")
    accuracy.metric(
        "Accuracy",
        "—" if numbers.accuracy is None else f"{100 * numbers.accuracy:.0f}%",
        help=f"{numbers.correct} of {numbers.attempts} answers right.",
    )
    due.metric(
        "Due today",
        numbers.due_today,
        help=f"{numbers.due_now} due now (overdue included), "
        f"{numbers.due_later_today} more later today.",
    )
    streak.metric(
        "Streak",
        f"{numbers.streak} day{'s' if numbers.streak != 1 else ''}",
        help="Days in a row with at least one answer, up to today (or yesterday).",
    )
    if numbers.due_now:
        st.page_link(
            navigation.REVIEW.path,
            label=f"Review the {numbers.due_now} problem{'s' if numbers.due_now != 1 else ''} due now",
            icon=navigation.REVIEW.icon,
        )


def show_charts(data: Dashboard, titles: dict[str, str], today: date) -> None:
    st.subheader("Accuracy per topic over time")
    st.plotly_chart(progress_charts.accuracy_figure(data.accuracy, titles), key="pg_accuracy")
    st.subheader("Daily activity")
    st.plotly_chart(progress_charts.activity_figure(data.activity, today), key="pg_activity")
    calendar = calendar_grid(data.activity, today)
    st.caption(
        f"{calendar.total} answers on {calendar.active_days} of the last "
        f"{len(calendar.weeks)} weeks' days. Darker squares: more answers."
    )
    due, mastery = st.columns(2, gap="medium")
    with due:
        st.subheader(f"Reviews due, next {FORECAST_DAYS} days")
        upcoming = data.forecast.due_now + sum(n for _, n in data.forecast.per_day)
        if upcoming:
            st.plotly_chart(progress_charts.due_figure(data.forecast), key="pg_due")
        else:
            st.success(
                f"Nothing comes due in the next {FORECAST_DAYS} days: what you practised "
                "is well remembered. Practise something new to add to your reviews.",
                icon=":material/event_available:",
            )
    with mastery:
        st.subheader("Mastery per topic and level")
        st.plotly_chart(progress_charts.mastery_figure(data.mastery, titles), key="pg_mastery")
        st.caption(
            "How well you know each topic and level: the spaced-repetition model's chance "
            "that you would solve a problem now, counted in full only once reviews have "
            "made it last three weeks. A problem just failed or met once counts for little."
        )


def show_mistakes(mistakes: list[TopicMistake], titles: dict[str, str], learner: Learner) -> None:
    st.subheader("Mistakes you make most often")
    if not mistakes:
        st.success(
            "No typical mistake recognised in your answers so far.", icon=":material/verified:"
        )
        return
    for item in mistakes:
        topic = titles.get(item.topic, item.topic)
        with st.container(border=True):
            times = f"{item.count} time{'s' if item.count != 1 else ''}"
            st.markdown(f"**{mistake_name(item.tag)}** in *{topic}* — {times}")
            st.markdown(mistake_sentence(item.tag, "A typical slip the grader recognised."))
            st.page_link(
                navigation.PRACTICE.path,
                label="Practise the problems that catch this mistake",
                icon=navigation.PRACTICE.icon,
                # the topic is the fallback should no problem catch this mistake any more
                query_params=practice_link(item.tag, item.topic, learner),
            )


def practice_link(tag: str, topic: str, learner: Learner) -> dict[str, str]:
    """The Practice page's address for one mistake; a name only in local mode, where
    the picker reads it (in class mode no learner is ever chosen by URL)."""
    params = {"mistake": tag, "topic": topic}
    if not config.class_mode():
        params["learner"] = learner.name
    return params


def show_progress() -> None:
    st.title("Progress")
    st.caption("Your accuracy, activity, upcoming reviews and mastery per topic.")
    the_store = store()  # unreachable: the guard shows why, in words
    learner = require_learner()
    now, zone = datetime.now(UTC), learner_timezone()
    data = load(the_store, learner, now, zone)
    if data.headline.attempts == 0:
        show_empty_state()
        return
    titles = topic_titles()
    show_headline(data.headline)
    show_charts(data, titles, now.astimezone(zone).date())
    chain_stats.show_learner(the_store, learner)
    show_mistakes(data.mistakes, titles, learner)


show_progress()
