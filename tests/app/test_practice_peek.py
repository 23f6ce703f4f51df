"""Seeing is not recalling: once the worked solution of a variant was opened, a right
answer to it is stored as practice and scheduled as Again, the page says why and offers
fresh numbers. A retry without opening it stays Hard."""

from __future__ import annotations

from collections.abc import Callable

from fsrs import Rating
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db import open_store
from db.models import ReviewLogRow
from practice.banks import load_catalog
from practice.session import Round
from practice.variants import Variant, make_variant
from ui.answer_box import answer_key
from ui.practice_flow import Desk
from ui.worked_solution import FRESH_LABEL, SEEN_THEN_RIGHT, solution_key

DESK = Desk("practice", in_address=True)
PROBLEM = "gd-step-given-gradient"


def _round(at: AppTest) -> Round:
    found = at.session_state[DESK.round_key]
    assert isinstance(found, Round)
    return found


def _answer(at: AppTest, text: str) -> None:
    current = _round(at)
    at.text_input(key=answer_key(DESK.name, current.problem_id, current.seed)).input(text).run()
    at.button(key=DESK.check_key).click().run()
    assert not at.exception, [e.value for e in at.exception]


def _wrong_then_right(at: AppTest, variant: Variant, *, open_solution: bool) -> None:
    [ascent] = [m for m in variant.misconceptions if m.tag == "descent-sign"]
    _answer(at, ", ".join(str(component) for component in ascent.value))
    assert at.error[0].value.startswith("**Not right.**")
    if open_solution:  # the learner opens the worked solution's expander
        at.session_state[solution_key(DESK, _round(at))] = True
        at.run()
        assert _round(at).solution_seen
    _answer(at, variant.answer)


def _ratings(database_url: str) -> list[int]:
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            return list(connection.scalars(select(ReviewLogRow.rating).order_by(ReviewLogRow.id)))
    finally:
        store.close()


def test_a_right_answer_after_reading_the_solution_is_again_and_the_page_says_why(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "5"})
    variant = make_variant(load_catalog().problems[PROBLEM], 5)
    _wrong_then_right(at, variant, open_solution=True)
    assert at.success[0].value.startswith("**Right.**")
    assert _ratings(database_url) == [Rating.Again, Rating.Again]
    assert any(SEEN_THEN_RIGHT in i.value for i in at.info)
    assert any("Again — the worked solution was open" in c.value for c in at.caption)
    [fresh] = [b for b in at.button if b.label == FRESH_LABEL]
    fresh.click().run()
    after = _round(at)
    assert (after.problem_id, after.solution_seen, after.attempts) == (PROBLEM, False, 0)
    assert after.seed != 5 and at.query_params["seed"] == str(after.seed)


def test_a_retry_without_opening_the_solution_is_still_hard(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "5"})
    variant = make_variant(load_catalog().problems[PROBLEM], 5)
    _wrong_then_right(at, variant, open_solution=False)
    assert _ratings(database_url) == [Rating.Again, Rating.Hard]
    assert not any(SEEN_THEN_RIGHT in i.value for i in at.info)
    assert not [b for b in at.button if b.label == FRESH_LABEL]
