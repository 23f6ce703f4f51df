"""Precision is one setting: the tolerance, the "close" message and the prompt's sentence
all follow from it; a near miss is not counted; degrees are read where asked for."""

from __future__ import annotations

import pytest

from practice.grading import grade
from practice.grading.precision import DEFAULT_PRECISION, Precision, implied_precision

FOUR = Precision(significant=4)
TWO_PLACES = Precision(decimals=2)


@pytest.mark.parametrize(
    ("precision", "rtol", "atol"),
    [(FOUR, 5e-4, 1e-9), (Precision(significant=3), 5e-3, 1e-9), (TWO_PLACES, 0.0, 5e-3)],
)
def test_the_tolerance_is_half_a_unit_in_the_last_place_asked_for(
    precision: Precision, rtol: float, atol: float
) -> None:
    assert precision.rtol == pytest.approx(rtol) and precision.atol == pytest.approx(atol)


def test_the_default_is_four_significant_figures() -> None:
    assert DEFAULT_PRECISION == FOUR


@pytest.mark.parametrize(
    ("precision", "value", "typed"),
    [
        (FOUR, 2.5838531, "2.584"),
        (FOUR, -0.0100075, "-0.01001"),
        (FOUR, 123456.7, "123500"),
        (FOUR, 9.5367e-7, "9.537e-7"),
        (TWO_PLACES, 0.005, "0.01"),  # half a unit rounds away, within the bound
        (Precision(decimals=0), 109.4, "109"),
    ],
)
def test_rounded_text_grades_right(precision: Precision, value: float, typed: str) -> None:
    assert precision.rounded(value) == typed
    assert grade("number", repr(value), typed, rtol=precision.rtol, atol=precision.atol).correct


@pytest.mark.parametrize(
    ("precision", "sentence"),
    [
        (FOUR, "Round your answer to 4 significant figures, or give it exactly."),
        (Precision(decimals=1), "Round your answer to 1 decimal place, or give it exactly."),
        (Precision(decimals=0), "Round your answer to a whole number, or give it exactly."),
    ],
)
def test_the_prompt_sentence(precision: Precision, sentence: str) -> None:
    assert precision.instruction() == sentence
    assert precision.instruction(components=True).startswith("Round each component to")


def test_a_tolerance_implies_the_precision_it_grants() -> None:
    assert implied_precision(1e-4, 1e-9) == Precision(significant=5)
    assert implied_precision(5e-4, 0) == FOUR
    assert implied_precision(0, 0.005) == TWO_PLACES
    assert implied_precision(0, 0) is None


# -- near misses --------------------------------------------------------------------------

NEAR = [
    # (expected, typed, precision): rounded too early, within ten tolerances
    ("3 + cos(2)", "2.58", None),
    ("cos(1)", "0.540", None),
    ("2*cos(4)", "-1.31", None),
    ("8*sqrt(2)", "11.3", None),
    ("pi", "3.14", None),
    ("1 + cos(3)", "0.01", FOUR),
    ("0.123456", "0.12", Precision(decimals=3)),
]


@pytest.mark.parametrize(("expected", "typed", "precision"), NEAR)
def test_an_answer_rounded_too_early_is_not_counted(
    expected: str, typed: str, precision: Precision | None
) -> None:
    result = grade("number", expected, typed, precision=precision)
    wanted = (precision or FOUR).phrase()
    assert not result.correct and not result.counts and result.error is None
    assert result.feedback == f"Close — give {wanted} (rounded, not cut off)."


WRONG = [
    # merely wrong: counted, and never told to give more figures
    ("110", "109"),  # 3 figures, but 110 rounded to units is 110
    ("3 + cos(2)", "2.59"),  # not a rounding of 2.58385
    ("3 + cos(2)", "2.5"),  # a rounding, but 3 % off
    ("3 + cos(2)", "1/3"),  # an exact form is not rounded
    ("3 + cos(2)", "25.8"),
]


@pytest.mark.parametrize(("expected", "typed"), WRONG)
def test_a_wrong_answer_is_counted(expected: str, typed: str) -> None:
    result = grade("number", expected, typed)
    assert not result.correct and result.counts
    assert result.feedback == "Not correct."


def test_a_named_mistake_is_never_excused_as_rounding() -> None:
    result = grade("number", "2.58", "-2.58")
    assert result.mistake == "sign-error" and result.counts


def test_a_vector_whose_wrong_components_are_near_misses_is_not_counted() -> None:
    result = grade("vector", "(3 + cos(2), 1)", "(2.58, 1)")
    assert not result.counts and "give 4 significant figures" in result.feedback
    assert result.component_correct == (False, True)
    counted = grade("vector", "(3 + cos(2), 1)", "(2.58, 2)")
    assert counted.counts and counted.score == 0.0


def test_a_request_with_tolerances_is_told_what_they_grant() -> None:
    result = grade("number", "1.00049", "1.000", rtol=1e-4)
    assert result.feedback == "Close — give 5 significant figures (rounded, not cut off)."
    exact = grade("number", "1/3", "0.333", rtol=0, atol=0)  # no tolerance: no near miss
    assert exact.feedback == "Not correct." and exact.counts


# -- degrees ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["90", "90°", "90 °", "90 degrees", "90 Degrees", "90deg", "90º"])
def test_degrees_are_read_where_asked(typed: str) -> None:
    assert grade("number", "90", typed, degrees=True).correct


def test_radians_for_degrees_are_not_counted() -> None:
    result = grade("number", "90", "pi/2", degrees=True)
    assert not result.counts and "in radians" in result.feedback
    assert grade("number", "90", "1.5708", degrees=True).feedback == result.feedback


def test_elsewhere_a_degree_sign_is_refused_and_radians_are_right() -> None:
    refused = grade("number", "pi/2", "90°")
    assert refused.error is not None and "write pi/2" in refused.feedback
    assert grade("number", "pi/2", "pi/2").correct  # what the message asks for is taken
