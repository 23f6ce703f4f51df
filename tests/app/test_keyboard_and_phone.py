"""Keyboard, phone and small words, in AppTest: a choice checked with nothing chosen
says to choose, the keyboard script rides with every kind of answer, the answer box
takes what the reader reads, a new learner is welcomed (not "back"), and a short
accuracy history carries its counts. The browser half is tests/browser/test_keyboard_phone.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from db import open_store
from db.records import AccuracyPoint
from practice.limits import LIMITS
from practice.mathread import ReadError, ReadLimits, read_expression
from practice.session import Attempt
from ui.answer_box import answer_key
from ui.plain.progress_charts import accuracy_figure
from ui.practice_flow import EMPTY_ANSWER, EMPTY_CHOICE, Desk

DESK = Desk("practice")
CHOICE = "gd-sign-of-partial"
TYPED = "gd-step-given-gradient"


def _practise(open_app: Callable[..., AppTest], problem: str) -> AppTest:
    return open_app("practice", learner="Ana", query_params={"problem": problem, "seed": "4"})


def _scripts(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_checking_a_choice_with_nothing_chosen_says_choose_an_option(
    open_app: Callable[..., AppTest],
) -> None:
    at = _practise(open_app, CHOICE)
    at.button(key=DESK.check_key).click().run()
    warnings = [w.value for w in at.warning]
    assert any(EMPTY_CHOICE in w for w in warnings), warnings
    assert not any(EMPTY_ANSWER in w for w in warnings)
    assert EMPTY_CHOICE.startswith("Choose an option first")


def test_a_choice_carries_the_keyboard_script(open_app: Callable[..., AppTest]) -> None:
    """Enter on a radio option needs the script too (it used to ride with text boxes only)."""
    at = _practise(open_app, CHOICE)
    assert at.radio(key=answer_key(DESK.name, CHOICE, 4)) is not None
    scripts = _scripts(at)
    assert any("gradientPracticeEnterToCheck" in body and "radio" in body for body in scripts)


def test_the_answer_box_takes_what_the_reader_reads(open_app: Callable[..., AppTest]) -> None:
    at = _practise(open_app, TYPED)
    box = at.text_input(key=answer_key(DESK.name, TYPED, 4))
    assert box.max_chars == LIMITS.lengths.typed_answer
    reader = ReadLimits()
    # every token is at least one character: a full box never passes the reader's limits
    assert LIMITS.lengths.typed_answer <= min(reader.max_tokens, reader.max_length)
    assert any("gp-paste-note" in body for body in _scripts(at))  # where a long paste is refused


def test_a_box_full_of_one_character_tokens_is_still_read(open_app: Callable[..., AppTest]) -> None:
    """The issue's case: the counter said 500 while the reader stopped at 300 tokens."""
    at = _practise(open_app, TYPED)
    full = ("1+" * LIMITS.lengths.typed_answer)[: LIMITS.lengths.typed_answer - 1] + "1"
    at.text_input(key=answer_key(DESK.name, TYPED, 4)).input(full).run()
    assert not at.exception
    readings = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "too long" not in readings
    read_expression(full, ("x",))  # a full box of one-character tokens is read
    with pytest.raises(ReadError, match="too long"):  # one more would not be
        read_expression(full + "+1", ("x",))


def test_a_new_learner_is_welcomed_and_a_returning_one_welcomed_back(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    new = open_app(learner="Noor")
    assert any("Welcome, **Noor**" in m.value for m in new.markdown)
    assert not any("Welcome back" in m.value for m in new.markdown)
    store = open_store(database_url)
    try:
        learner = store.learner("Noor")
        store.record_attempt(
            learner.id,
            Attempt(
                problem_id=TYPED,
                topic="gradient-descent",
                level="A",
                kind="vector",
                seed=4,
                answer="1, 2",
                read_as=None,
                correct=True,
                score=1.0,
            ),
        )
    finally:
        store.close()
    back = open_app(learner="Noor")
    assert any("Welcome back, **Noor**" in m.value for m in back.markdown)


def test_a_short_accuracy_history_labels_its_points_with_counts() -> None:
    day = date(2026, 12, 1)
    fig = accuracy_figure([AccuracyPoint(day, "gradient", "A", 4, 3)])
    [line] = fig.data
    assert "text" in line.mode
    assert list(line.text) == ["3/4"]
