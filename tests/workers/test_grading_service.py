"""practice/workers/service.py: reading, grading, previews and variants in the pool
say what the in-process calls say, and a hostile answer costs only its own request."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from practice.banks import load_catalog
from practice.grading import BadRequest
from practice.variants import grade_variant, make_variant
from practice.workers import Grading, VariantUnavailable, VariantView, open_grading

# From issue 10: sympy needs minutes to build it, a little different each time.
SLOW = "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+3y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
PROBLEM = "gd-step-given-gradient"


@pytest.fixture(scope="module")
def grading() -> Iterator[Grading]:
    service = open_grading(2)
    yield service
    service.pool.close()


def _plain(value: object) -> bool:
    if dataclasses.is_dataclass(value):
        return all(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool))


def test_a_variant_view_is_the_variant_in_plain_data(grading: Grading) -> None:
    problem = load_catalog().problems[PROBLEM]
    variant = make_variant(problem, 7)
    view = grading.variant(PROBLEM, 7)
    assert isinstance(view, VariantView)
    assert _plain(view)
    assert (view.prompt, view.answer, view.hints, view.solution) == (
        variant.prompt,
        variant.answer,
        variant.hints,
        variant.solution,
    )


def test_grading_in_a_worker_says_what_check_says(grading: Grading) -> None:
    variant = make_variant(load_catalog().problems[PROBLEM], 1)
    for answer in (variant.answer, "-67/20, -4/5", "(1, 2", "2.6, -0.8"):
        assert grading.grade(PROBLEM, 1, answer) == grade_variant(variant, answer)


def test_an_unknown_problem_is_a_value_not_a_crash(grading: Grading) -> None:
    missing = grading.variant("no-such-problem", 1)
    assert isinstance(missing, VariantUnavailable) and "unknown problem" in missing.message
    assert isinstance(grading.grade("no-such-problem", 1, "1"), VariantUnavailable)


def test_a_hostile_answer_costs_its_own_request_only(grading: Grading) -> None:
    result = grading.grade_request("expression", "x*y", SLOW, variables=["x", "y"])
    assert not result.correct
    assert result.error is not None and "took too long" in result.error
    assert "0.8 s of computing" in result.feedback
    after = grading.grade_request("number", "3 + cos(2)", "2.5839")
    assert after.correct


def test_the_preview_reads_or_says_why_not(grading: Grading) -> None:
    assert grading.preview("expression", "2x y", ["x", "y"]).latex == r"2 \cdot x \cdot y"
    slow = grading.preview("expression", SLOW, ["x", "y"])
    assert not slow.ok and slow.error is not None and "too long" in slow.error
    with pytest.raises(BadRequest):
        grading.preview("essay", "text")


def test_a_bad_request_is_raised_as_in_process(grading: Grading) -> None:
    with pytest.raises(BadRequest, match="unknown kind"):
        grading.grade_request("essay", "1", "1")


def test_nothing_a_learner_types_is_executed(grading: Grading, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payloads = [
        f"__import__('os').system('touch {marker}')",
        f"exec(\"open('{marker}', 'w')\")",
        f"eval(\"open('{marker}', 'w')\")",
        "().__class__.__bases__[0].__subclasses__()",
        "lambda: 1",
    ]
    for text in payloads:
        result = grading.grade_request("expression", "x", text, variables=["x"])
        assert not result.correct
        assert not grading.preview("expression", text, ["x"]).ok
        assert not grading.grade(PROBLEM, 1, text).correct  # type: ignore[union-attr]
    assert not marker.exists()
