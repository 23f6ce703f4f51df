"""``grade_code``: the verdict of a learner's file from the sandbox's report, and failing
closed when the sandbox cannot start."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.banks import load_catalog
from practice.grading.code import grade_code
from practice.sandbox.settings import UNSAFE_SETTING
from practice.variants import make_variant


def test_without_the_sandbox_nothing_is_graded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    task = make_variant(load_catalog().problems["gd-code-one-step"], 0).code
    assert task is not None
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on it
    monkeypatch.delenv(UNSAFE_SETTING, raising=False)
    result = grade_code(task, task.solution)  # even the model solution
    assert not result.graded and not result.correct and result.score == 0
    assert result.tests == () and "bubblewrap" in result.feedback
    assert result.error is not None and not result.counts  # never stored


def test_feedback_names_the_first_failing_test() -> None:
    task = make_variant(load_catalog().problems["gd-code-one-step"], 0).code
    assert task is not None
    result = grade_code(task, task.solution.replace("w - lr", "w + lr"))
    assert result.graded and not result.correct and result.error is None
    assert result.feedback.startswith("1 of 4 tests pass. First failing, test 1: on grad_f = ∇(")
    assert [t.passed for t in result.tests or ()] == [False, False, False, True]


def test_a_tests_function_is_written_to_be_read_not_typed() -> None:
    """Feedback quotes the test's function the way the lessons write it: products with
    a dot and powers with a caret, never Python's `*` and `**`."""
    task = make_variant(load_catalog().problems["ml-implement-numerical-gradient"], 3).code
    assert task is not None
    described = [case.description for case in task.cases if case.description.startswith("f(")]
    assert described, "the numerical-gradient tests describe their function"
    functions = [text.split(", v = ")[0] for text in described]
    assert not any("*" in text for text in functions), functions
    assert any("·" in text for text in functions), functions
