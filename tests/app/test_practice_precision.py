"""Precision through the app: the prompt states it, a correctly rounded answer is right,
an answer rounded too early is a near miss that is shown but never stored, and a
problem that asks for degrees takes `90°`."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from db import StoredAttempt, open_store
from ui.answer_box import answer_key
from ui.feedback import CLOSE_NOT_COUNTED
from ui.practice_flow import Desk

DESK = Desk("practice")
COS_FOUR = "pd-chain-sin-yz-at-point"  # seed 5: ∂f/∂z = -2 cos(4) = 1.307287…
ANGLE = "geo-contour-angle"  # seed 7: 90, asked for in degrees


def _open(open_app: Callable[..., AppTest], problem: str, seed: int) -> AppTest:
    return open_app("practice", learner="Ana", query_params={"problem": problem, "seed": str(seed)})


def _check(at: AppTest, problem: str, seed: int, text: str) -> AppTest:
    at.text_input(key=answer_key(DESK.name, problem, seed)).input(text).run()
    at.button(key=DESK.check_key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _attempts(database_url: str) -> list[StoredAttempt]:
    store = open_store(database_url)
    try:
        return [a for learner in store.learners() for a in store.attempts(learner.id)]
    finally:
        store.close()


def test_the_prompt_states_the_precision(open_app: Callable[..., AppTest]) -> None:
    at = _open(open_app, COS_FOUR, 5)
    prompt = " ".join(m.value for m in at.markdown)
    assert "Round your answer to 4 significant figures, or give it exactly." in prompt


def test_a_near_miss_says_how_many_figures_and_stores_nothing(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = _check(_open(open_app, COS_FOUR, 5), COS_FOUR, 5, "1.31")
    warnings = [w.value for w in at.warning]
    assert any(
        "Close — give 4 significant figures" in w and CLOSE_NOT_COUNTED in w for w in warnings
    )
    assert not at.error  # not "Not right"
    assert _attempts(database_url) == []  # no attempt, so nothing scheduled
    _check(at, COS_FOUR, 5, "1.307")
    [stored] = _attempts(database_url)
    assert stored.correct and stored.answer == "1.307"


def test_degrees_are_read_where_the_question_asks_for_them(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = _check(_open(open_app, ANGLE, 7), ANGLE, 7, "pi/2")
    assert any("in radians" in w.value for w in at.warning)
    assert _attempts(database_url) == []
    _check(at, ANGLE, 7, "90°")
    [stored] = _attempts(database_url)
    assert stored.correct
