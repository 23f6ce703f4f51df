"""Where in a chain learners slip, drawn: the learner's own first tries per part on
Progress, everyone's in the Instructor page's class statistics (AppTest, fresh SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from streamlit.testing.v1 import AppTest

from db import open_store
from practice.session import Attempt
from practice.session.chain import PartStanding
from tests.app.charts import array, figures, trace

CHAIN = "chain-slope-and-nudge"
TITLE = "A partial derivative, its value, and what it predicts"


def _part(number: int, correct: bool, follow_through: bool = False) -> Attempt:
    return Attempt(
        problem_id=CHAIN,
        topic="chains",
        level="A",
        kind="number",
        seed=3,
        answer="x",
        read_as=None,
        correct=correct,
        score=float(correct),
        seconds=30.0,
        part=number,
        follow_through=follow_through,
    )


def _work_chains(url: str) -> None:
    """Ana slips in part 1 and carries on consistently; Ben works it through."""
    store = open_store(url)
    try:
        store.record_parts(
            store.learner("Ana").id,
            [_part(1, False), _part(2, True, True), _part(3, True, True)],
            standings=(PartStanding.WRONG, PartStanding.FOLLOWED, PartStanding.FOLLOWED),
            when=datetime.now(UTC),
        )
        store.record_parts(
            store.learner("Ben").id,
            [_part(1, True), _part(2, True), _part(3, False)],
            standings=(PartStanding.FIRST_TRY, PartStanding.FIRST_TRY, PartStanding.WRONG),
            when=datetime.now(UTC),
        )
    finally:
        store.close()


def _chain_figures(at: AppTest) -> list[dict[str, Any]]:
    return [f for f in figures(at) if f["data"] and f["data"][0].get("name") == "right"]


def test_progress_shows_where_in_a_chain_the_learner_slips(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = open_app("progress", learner="Ana")
    assert not any("Where in a chain you slip" in s.value for s in at.subheader)
    _work_chains(database_url)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Where in a chain you slip" in s.value for s in at.subheader)
    [figure] = _chain_figures(at)
    assert trace(figure, "right")["y"] == [f"{TITLE} · part {n}" for n in (1, 2, 3)]
    assert array(trace(figure, "wrong"), "x") == [100.0, 0.0, 0.0]
    assert array(trace(figure, "right given an earlier answer"), "x") == [0.0, 100.0, 100.0]
    assert any(f"{TITLE}, part 1 (1 of 1 first tries wrong)" in c.value for c in at.caption)


def test_class_statistics_show_every_learners_parts(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    _work_chains(database_url)
    at = open_app("instructor")
    assert not at.exception, [e.value for e in at.exception]
    assert any("Where learners slip in chains" in m.value for m in at.markdown)
    class_figure, detail = _chain_figures(at)  # the chain is the only problem, so shown
    assert array(trace(class_figure, "right"), "x") == [50.0, 50.0, 0.0]
    assert array(trace(class_figure, "wrong"), "x") == [50.0, 0.0, 50.0]
    assert any("First tries per part" in m.value for m in at.markdown)
    assert trace(detail, "right")["y"] == [f"this problem · part {n}" for n in (1, 2, 3)]
