"""The Instructor page in AppTest: the key gate, bank errors as the CLI prints them
(from a broken bank folder), the deep check, previews at a seed, class statistics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import open_store
from practice.banks import load_catalog
from practice.session import Attempt
from practice.variants import make_variant
from practice.vocabulary import Mistake
from tests.app.charts import array, figures, trace
from tests.app.instructor_banks import DEEP_ERROR, LOAD_ERROR, write_banks
from ui.guard import UNEXPECTED
from ui.instructor_gate import INPUT_KEY, KEY_ENV, WRONG_KEY

OpenApp = Callable[..., AppTest]


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_banks(tmp_path / "banks")
    monkeypatch.setenv("PRACTICE_BANKS", str(folder))
    return folder


def _no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert UNEXPECTED not in [e.value for e in at.error]


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    [found] = [b for b in at.button if b.label == label]
    return found


def _table(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    [found] = [df.value for df in at.dataframe if column in df.value.columns]
    return found


def _unlock(at: AppTest, key: str) -> AppTest:
    at.text_input(key=INPUT_KEY).input(key)
    _button(at, "Unlock").click()
    return at.run()


def test_the_page_is_locked_when_a_key_is_set(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "s3cret key")
    at = open_app("instructor")
    _no_traceback(at)
    assert at.text_input(key=INPUT_KEY).proto.type == at.text_input(key=INPUT_KEY).proto.PASSWORD
    assert not at.tabs and not at.code and not at.dataframe


def test_a_wrong_key_is_refused_and_shows_nothing(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "s3cret key")
    at = _unlock(open_app("instructor"), "guess")
    _no_traceback(at)
    assert WRONG_KEY in [e.value for e in at.error]
    assert not at.tabs and not at.code and not at.dataframe
    assert at.text_input(key=INPUT_KEY).value == ""  # the guess is not kept in the box


def test_the_right_key_opens_the_page_until_locked(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "s3cret key")
    at = _unlock(open_app("instructor"), "s3cret key")
    _no_traceback(at)
    assert [t.label for t in at.tabs] == ["Banks", "Preview", "Class statistics"]
    assert WRONG_KEY not in [e.value for e in at.error]
    at.run()  # stays open on the next run
    assert at.tabs
    _button(at, "Lock this page").click()
    at.run()
    assert not at.tabs and at.text_input(key=INPUT_KEY)


def test_a_changed_key_locks_open_sessions_again(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "first")
    at = _unlock(open_app("instructor"), "first")
    assert at.tabs
    monkeypatch.setenv(KEY_ENV, "second")
    at.run()
    assert not at.tabs


def test_without_a_key_the_page_is_open(open_app: OpenApp) -> None:
    at = open_app("instructor")
    _no_traceback(at)
    assert at.tabs and not [b for b in at.button if b.label == "Lock this page"]


def test_bank_errors_appear_as_the_cli_prints_them(open_app: OpenApp, banks: Path) -> None:
    at = open_app("instructor")
    _no_traceback(at)
    assert at.code[0].value.replace(f"{banks}/", "").splitlines() == [LOAD_ERROR]
    assert any("1 error in the banks" in e.value for e in at.error)
    assert any("2 banks, 3 problems, 1 error" in m.value for m in at.markdown)
    kinds = at.dataframe[1].value
    number = kinds[kinds["kind"] == "number"].iloc[0]
    assert (number["level A"], number["level C"], number["total"]) == (1, 1, 2)


def test_validate_deeply_adds_what_only_variants_reveal(open_app: OpenApp, banks: Path) -> None:
    at = open_app("instructor")
    at.number_input(key="ins_variants").set_value(3)
    at.button(key="ins_validate").click()
    at.run()
    _no_traceback(at)
    deep = at.code[1].value.replace(f"{banks}/", "").splitlines()  # after the load listing
    assert deep[0] == LOAD_ERROR and deep[1].startswith(DEEP_ERROR) and len(deep) == 2
    assert any("2 errors (3 variants per problem)" in e.value for e in at.error)


def test_preview_at_a_seed_shows_that_variants_answer(open_app: OpenApp, banks: Path) -> None:
    problem = load_catalog([banks]).problems["good-partial"]
    first = make_variant(problem, 0)
    seed = next(s for s in range(1, 50) if make_variant(problem, s).answer != first.answer)
    wanted = make_variant(problem, seed)
    at = open_app("instructor")
    at.selectbox(key="ins_problem").select("good-partial").run()
    assert first.answer in [c.value for c in at.code]
    at.number_input(key="ins_seed").set_value(seed).run()
    _no_traceback(at)
    codes = [c.value for c in at.code]
    assert wanted.answer in codes and first.answer not in codes
    markdown = " ".join(m.value for m in at.markdown)
    assert wanted.prompt in markdown and "1. Hold $y$ fixed." in markdown
    assert "**Held variable treated as zero** (`held-variable-zero`)" in markdown
    assert Mistake.HELD_VARIABLE_ZERO.sentence in markdown
    assert any(wanted.answer_latex in latex.value for latex in at.latex)
    [link] = [link.proto for link in at.get("page_link") if link.proto.page == "practice"]
    assert link.query_string == f"problem=good-partial&seed={seed}"
    # a seed beyond what the Practice page opens: no link, and a line saying why
    at.number_input(key="ins_seed").set_value(2**53 - 1).run()
    _no_traceback(at)
    assert not [link for link in at.get("page_link") if link.proto.page == "practice"]
    assert any("The Practice page opens seeds up to" in c.value for c in at.caption)


def test_a_problem_without_variants_says_why_in_the_preview(open_app: OpenApp, banks: Path) -> None:
    at = open_app("instructor")
    at.selectbox(key="ins_problem").select("good-never").run()
    _no_traceback(at)
    errors = [e.value.replace(f"{banks}/", "") for e in at.error]
    assert any(e.startswith("good.yaml:") and "good-never: no parameter draw" in e for e in errors)


def test_class_statistics_empty_then_per_problem(open_app: OpenApp, database_url: str) -> None:
    at = open_app("instructor")
    assert any("No one has attempted anything yet" in i.value for i in at.info)
    store = open_store(database_url)
    try:
        for name, answer, correct, mistake in [
            ("Ana", "2y", False, "held-variable-zero"),
            ("Ben", "2*y", False, "held-variable-zero"),
            ("Ben", "2xy", True, None),
            ("Cleo", "2 x y", True, None),
        ]:
            store.record_attempt(
                store.learner(name).id,
                Attempt(
                    problem_id="pd-bowl-partial-x",
                    topic="partial-derivatives",
                    level="A",
                    kind="expression",
                    seed=1,
                    answer=answer,
                    read_as=answer.replace("*", " "),
                    correct=correct,
                    score=float(correct),
                    mistake=mistake,
                    seconds=20.0,
                ),
                when=datetime.now(UTC),
            )
    finally:
        store.close()
    at.run()
    _no_traceback(at)
    overview = _table(at, "problem")
    row = overview[overview["problem"] == "pd-bowl-partial-x"].iloc[0]
    assert (row["attempts"], row["learners"], row["accuracy (%)"]) == (4, 3, 50.0)
    assert row["title"] == "Partial of a weighted bowl"
    accuracy, mistakes = figures(at)[-2:]
    assert array(trace(accuracy, "accuracy"), "x") == [50.0]
    assert array(trace(mistakes, "mistakes"), "x") == [2]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Attempts": "4", "Learners": "3", "Accuracy": "50%", "Mean time": "20 s"}
    wrong = _table(at, "typed, e.g.")
    assert list(wrong["count"]) == [1, 1] and set(wrong["typed, e.g."]) == {"2y", "2*y"}
    assert any(
        "**Held variable treated as zero** (`held-variable-zero`) × 2" in m.value
        for m in at.markdown
    )


def test_an_unreachable_store_leaves_the_banks_usable(
    open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres:pw@127.0.0.1:1/none")
    at = open_app("instructor")
    _no_traceback(at)
    assert any("Class statistics are unavailable" in e.value for e in at.main.error)
    assert at.tabs and at.code  # the preview still works
