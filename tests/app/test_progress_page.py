"""The Progress page in AppTest, on a fresh SQLite store seeded through the real
``Store.record_attempt``: empty states, headline numbers and charts that follow the
attempts, mistakes with their meaning and a link to practise them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from db import open_store
from practice.session import Attempt
from practice.vocabulary import Mistake
from tests.app.charts import array, figures, trace, trace_names
from ui.guard import UNEXPECTED

OpenApp = Callable[..., AppTest]

# (problem, topic, level, kind, correct, mistake, days ago)
HISTORY = [
    ("gd-step-given-gradient", "gradient-descent", "A", "vector", True, None, 2),
    ("gd-step-given-gradient", "gradient-descent", "A", "vector", False, "descent-sign", 1),
    ("gd-two-steps", "gradient-descent", "B", "vector", False, "descent-sign", 0),
    ("pd-bowl-partial-x", "partial-derivatives", "A", "expression", True, None, 0),
]


def record(url: str, name: str, rows: list[tuple[Any, ...]]) -> None:
    store = open_store(url)
    try:
        learner = store.learner(name)
        now = datetime.now(UTC)
        for problem, topic, level, kind, correct, mistake, days_ago in rows:
            store.record_attempt(
                learner.id,
                Attempt(
                    problem_id=problem,
                    topic=topic,
                    level=level,
                    kind=kind,
                    seed=7,
                    answer="(1, 2)",
                    read_as=r"\left( 1, 2 \right)",
                    correct=correct,
                    score=1.0 if correct else 0.0,
                    mistake=mistake,
                    seconds=30.0,
                ),
                when=now - timedelta(days=days_ago, minutes=10),  # due again by now
            )
    finally:
        store.close()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert UNEXPECTED not in [e.value for e in at.error]


def test_without_a_learner_the_page_points_at_the_sidebar(open_app: OpenApp) -> None:
    at = open_app("progress")
    _no_traceback(at)
    assert any("Choose your learner profile in the sidebar" in i.value for i in at.info)
    assert not at.metric and not figures(at)


def test_a_new_learner_is_told_what_to_do_instead_of_empty_axes(open_app: OpenApp) -> None:
    at = open_app("progress", learner="Ana")
    _no_traceback(at)
    assert any("No answers yet" in i.value for i in at.info)
    assert not figures(at) and not at.metric
    links = at.get("page_link")
    assert [link.proto.page for link in links][:1] == ["practice"]


def test_the_dashboard_shows_the_history(open_app: OpenApp, database_url: str) -> None:
    record(database_url, "Ana", HISTORY)
    at = open_app("progress", learner="Ana")
    _no_traceback(at)
    metrics = _metrics(at)
    assert metrics["Attempts"] == "4"
    assert metrics["Accuracy"] == "50%"
    assert metrics["Streak"] == "3 days"
    assert int(metrics["Due today"]) >= 1  # the wrong answers are due again at once
    accuracy, activity, due, mastery = figures(at)
    assert trace_names(accuracy) == ["Gradient descent", "Partial derivatives"]
    assert array(trace(accuracy, "Gradient descent"), "y") == [100.0, 50.0, 33.3]  # a rolling week
    assert array(trace(accuracy, "Partial derivatives"), "y") == [100.0]
    z = activity["data"][0]["z"]
    assert sum(n for row in z for n in row if n) == 4
    assert any(c.value.startswith("4 answers on 3 of the last 12 weeks") for c in at.caption)
    assert trace_names(due) == ["due now", "falls due"]
    assert array(trace(due, "due now"), "y")[0] >= 1
    heat = mastery["data"][0]
    assert heat["y"] == ["Gradient descent", "Partial derivatives"]
    assert heat["x"][:2] == ["level A", "level B"]
    # shown as bare letters under one axis title, so they stay upright on a phone
    assert mastery["layout"]["xaxis"]["ticktext"][:2] == ["A", "B"]
    assert mastery["layout"]["xaxis"]["title"]["text"] == "level"


def test_mistakes_come_with_their_meaning_and_a_link_to_practise(
    open_app: OpenApp, database_url: str
) -> None:
    record(database_url, "Ana", HISTORY)
    at = open_app("progress", learner="Ana")
    text = " ".join(m.value for m in at.markdown)
    # a name a student can read, not the tag
    assert "**Stepping uphill (wrong sign in the update)** in *Gradient descent* — 2 times" in text
    assert "`descent-sign`" not in text
    assert Mistake.DESCENT_SIGN.sentence in text
    practise = [link.proto for link in at.get("page_link") if link.proto.page == "practice"]
    assert [p.label for p in practise] == ["Practise the problems that catch this mistake"]
    assert "mistake=descent-sign" in practise[0].query_string
    assert "topic=gradient-descent" in practise[0].query_string


def test_the_dashboard_changes_after_new_attempts(open_app: OpenApp, database_url: str) -> None:
    at = open_app("progress", learner="Ben")
    assert not at.metric
    record(database_url, "Ben", HISTORY[:1])
    at.run()
    _no_traceback(at)
    assert _metrics(at)["Attempts"] == "1" and _metrics(at)["Accuracy"] == "100%"
    assert len(figures(at)) >= 3
    assert any("No typical mistake" in s.value for s in at.success)
    record(database_url, "Ben", HISTORY[1:3])
    at.run()
    assert _metrics(at)["Attempts"] == "3" and _metrics(at)["Accuracy"] == "33%"
    assert "Stepping uphill" in " ".join(m.value for m in at.markdown)


def test_an_unreachable_store_is_explained(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres:pw@127.0.0.1:1/none")
    at = open_app("progress")
    _no_traceback(at)
    assert any("could not be opened" in e.value for e in at.main.error)
    assert not figures(at)
