"""A code problem on the Practice page, in AppTest through app.py on a fresh store: the
editor starts with the starter code, running the tests grades the file in the sandbox
and lists each test, the attempt keeps the code and the test results, a file that does
not load is not counted, and a reloaded page gives the learner their code back."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from db import StoredAttempt, open_store
from practice.banks import Catalog, load_catalog
from practice.variants import Variant, make_variant
from ui.answer_box import answer_key
from ui.practice_flow import SAME_ANSWER, Desk

DESK = Desk("practice")
PROBLEM, SEED = "ml-implement-numerical-gradient", 4
RIGHT = """\
import numpy as np

def numerical_gradient(f, v, h=1e-5):
    v = np.asarray(v, dtype=float)
    g = np.zeros_like(v)
    for i in range(v.size):
        e = np.zeros_like(v)
        e[i] = h
        g[i] = (f(v + e) - f(v - e)) / (2 * h)
    return g
"""
FORWARD = RIGHT.replace("(f(v + e) - f(v - e)) / (2 * h)", "(f(v + e) - f(v)) / h")


@pytest.fixture(scope="module")
def variant() -> Variant:
    catalog: Catalog = load_catalog()
    return make_variant(catalog.problems[PROBLEM], SEED)


@pytest.fixture
def page(open_app: Callable[..., AppTest]) -> AppTest:
    return open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": str(SEED)})


def editor_key() -> str:
    return answer_key(DESK.name, PROBLEM, SEED)


def run_tests(at: AppTest, source: str) -> AppTest:
    at.text_area(key=editor_key()).set_value(source).run()
    at.button(key=DESK.check_key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(database_url: str) -> list[StoredAttempt]:
    store = open_store(database_url)
    try:
        return [a for learner in store.learners() for a in store.attempts(learner.id)]
    finally:
        store.close()


def markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_the_editor_starts_with_the_starter_and_lists_the_tests(
    page: AppTest, variant: Variant
) -> None:
    assert variant.code is not None
    editor = page.text_area(key=editor_key())
    assert editor.value == variant.code.starter
    assert "numerical_gradient(f, v, h=1e-5)" in editor.label
    assert page.button(key=DESK.check_key).label == "Run the tests"
    assert "leaves v unchanged" in markdown(page)  # the tests are listed before a run


def test_a_right_file_passes_every_test_and_is_stored_with_them(
    page: AppTest, database_url: str, variant: Variant
) -> None:
    at = run_tests(page, RIGHT)
    assert at.success and "All 6 tests pass" in at.success[0].value
    assert markdown(at).count(":material/check_circle:") >= 6
    assert any("Worked solution" in e.label for e in at.expander)  # after grading
    (attempt,) = stored(database_url)
    assert (attempt.kind, attempt.answer, attempt.correct, attempt.score) == (
        "code",
        RIGHT,
        True,
        1.0,
    )
    tests = json.loads(attempt.tests or "[]")
    assert len(tests) == 6 and all(t["passed"] for t in tests)


def test_a_wrong_file_gets_partial_credit_and_says_why(page: AppTest, database_url: str) -> None:
    at = run_tests(page, FORWARD)
    assert at.warning and "tests pass" in at.warning[0].value
    assert "expected" in markdown(at) and "allowed" in markdown(at)
    (attempt,) = stored(database_url)
    assert not attempt.correct and 0 < attempt.score < 1
    at.button(key=DESK.check_key).click().run()  # the same file again is not counted twice
    assert any(SAME_ANSWER in w.value for w in at.warning)
    assert len(stored(database_url)) == 1


def test_a_file_that_does_not_load_is_not_counted(page: AppTest, database_url: str) -> None:
    at = run_tests(page, "def numerical_gradient(f, v:\n    return v\n")
    assert at.warning and "Not counted" in at.warning[0].value
    assert "SyntaxError" in at.warning[0].value and "line 1" in at.warning[0].value
    assert stored(database_url) == []


def test_hostile_code_gets_a_verdict_and_the_page_carries_on(
    page: AppTest, database_url: str
) -> None:
    at = run_tests(page, "import os\ndef numerical_gradient(f, v, h=1e-5):\n    os._exit(0)\n")
    assert at.warning and "0 of 6 tests pass" in at.warning[0].value
    assert "ended itself" in markdown(at)
    (attempt,) = stored(database_url)
    assert attempt.score == 0


def test_a_reload_gives_the_code_back(open_app: Callable[..., AppTest], page: AppTest) -> None:
    page.text_area(key=editor_key()).set_value(FORWARD).run()  # edited, not yet run
    assert dict(page.query_params).get("problem") == PROBLEM  # the round is in the URL
    again = open_app(
        "practice", learner="Ana", query_params={"problem": PROBLEM, "seed": str(SEED)}
    )
    assert again.text_area(key=editor_key()).value == FORWARD


def test_a_reload_after_a_run_gives_the_run_code_back(
    open_app: Callable[..., AppTest], page: AppTest
) -> None:
    from ui import code_box

    run_tests(page, RIGHT)
    code_box._drafts.clear()  # the server restarted: only the store remembers
    again = open_app(
        "practice", learner="Ana", query_params={"problem": PROBLEM, "seed": str(SEED)}
    )
    assert again.text_area(key=editor_key()).value == RIGHT
