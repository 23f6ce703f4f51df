"""Every misconception tag is recognised through grade(), with its sentence."""

from __future__ import annotations

import pytest
import sympy

from practice.grading import Misconception, grade
from practice.grading.misconception_generators import (
    descent_misconceptions,
    descent_step_misconceptions,
    gradient_misconceptions,
    partial_misconceptions,
)
from practice.mathread import symbol
from practice.vocabulary import MISTAKES

x, y = symbol("x"), symbol("y")
XY = [x, y]
NAMES = ["x", "y"]


def test_the_contract_tags_all_have_sentences() -> None:
    assert set(MISTAKES) >= {
        "descent-sign",
        "missing-learning-rate",
        "swapped-components",
        "held-variable-zero",
        "sign-error",
        "missing-chain-factor",
        "wrong-variable",
        "power-rule-factor",
        "wrong-point",
    }
    assert all(MISTAKES[tag].sentence.endswith(".") for tag in MISTAKES)


def grade_partial(
    f: sympy.Expr, answer: str, at: list[int] | None = None
) -> tuple[str | None, str]:
    expected = sympy.diff(f, x)
    kind = "expression"
    if at is not None:
        expected, kind = expected.xreplace(dict(zip(XY, at, strict=True))), "number"
    result = grade(
        kind,
        expected,
        answer,
        variables=NAMES,
        misconceptions=partial_misconceptions(f, x, XY, at=at),
    )
    assert not result.correct
    return result.mistake, result.feedback


@pytest.mark.parametrize(
    ("f", "answer", "tag"),
    [
        (x**2 * y + 3 * x, "3", "held-variable-zero"),
        (x**2 * y + 3 * x, "x^2", "wrong-variable"),
        (sympy.sin(x**2 * y), "cos(x^2 y)", "missing-chain-factor"),
        (sympy.exp(3 * x) * y, "e^(3x) y", "missing-chain-factor"),
        (x**3 * y + y, "x^2 y", "power-rule-factor"),
        (sympy.cos(x) * y, "sin(x) y", "sign-error"),
        (x**2 * y, "-2 x y", "sign-error"),
    ],
)
def test_partial_derivative_mistakes(f: sympy.Expr, answer: str, tag: str) -> None:
    mistake, feedback = grade_partial(f, answer)
    assert mistake == tag
    assert feedback.split(".")[0] in MISTAKES[tag].sentence or tag == "wrong-variable"


def test_wrong_variable_names_the_variables() -> None:
    _, feedback = grade_partial(x**2 * y, "x^2")
    assert feedback == "This is the partial derivative with respect to y, not x."


def test_partial_at_a_point_and_the_wrong_point() -> None:
    f = x**2 * y**3
    # ∂f/∂x = 2 x y^3: at (1, 2) it is 16; at the swapped point (2, 1) it is 4
    assert grade("number", "16", "16").correct
    assert grade_partial(f, "4", at=[1, 2])[0] == "wrong-point"
    assert grade_partial(f, "0", at=[1, 2])[0] == "held-variable-zero"


def test_gradient_mistakes() -> None:
    f = x**2 * y + sympy.sin(3 * x)
    candidates = gradient_misconceptions(f, XY)
    expected = tuple(sympy.diff(f, v) for v in XY)

    def mistake(answer: str) -> str | None:
        result = grade("vector", expected, answer, variables=NAMES, misconceptions=candidates)
        assert not result.correct
        return result.mistake

    assert mistake("(x^2, 2 x y + 3 cos(3x))") == "swapped-components"
    assert mistake("(2 x y + cos(3x), x^2)") == "missing-chain-factor"
    assert mistake("(3 cos(3x), x^2)") == "held-variable-zero"
    assert mistake("(-2 x y - 3 cos(3x), -x^2)") == "sign-error"


def test_gradient_with_one_slipped_component_gets_partial_credit_and_the_tag() -> None:
    f = x**3 + x * y**2
    candidates = gradient_misconceptions(f, XY)
    result = grade(
        "vector",
        tuple(sympy.diff(f, v) for v in XY),
        "(x^2 + y^2, 2 x y)",
        variables=NAMES,
        misconceptions=candidates,
    )
    assert result.mistake == "power-rule-factor"
    assert result.score == 0.5 and result.component_correct == (False, True)


def test_gradient_at_the_swapped_point() -> None:
    f = x**2 * y
    candidates = gradient_misconceptions(f, XY, at=[1, 2])  # ∇f(1, 2) = (4, 1)
    result = grade("vector", "(4, 1)", "(4, 4)", misconceptions=candidates)
    assert result.mistake == "wrong-point"
    assert (
        grade("vector", "(4, 1)", "(1, 4)", misconceptions=candidates).mistake
        == "swapped-components"
    )


def test_descent_mistakes() -> None:
    rate = sympy.Rational(1, 10)
    candidates = descent_misconceptions([1, 2], [2 * x, 4 * y], XY, rate)
    # w1 = (1, 2) - 0.1 (2, 8) = (0.8, 1.2)
    assert grade("vector", "(0.8, 1.2)", "(0.8, 1.2)", misconceptions=candidates).correct
    ascent = grade("vector", "(0.8, 1.2)", "(1.2, 2.8)", misconceptions=candidates)
    assert ascent.mistake == "descent-sign" and "ascent" in ascent.feedback
    no_rate = grade("vector", "(0.8, 1.2)", "(-1, -6)", misconceptions=candidates)
    assert no_rate.mistake == "missing-learning-rate"


def test_descent_several_steps() -> None:
    candidates = descent_misconceptions([1], [2 * x], [x], sympy.Rational(1, 4), steps=2)
    # descent: 1 -> 0.5 -> 0.25; ascent: 1 -> 1.5 -> 2.25; no rate: 1 -> -1 -> 1
    assert grade("number", "0.25", "2.25", misconceptions=candidates).mistake == "descent-sign"


def test_descent_one_step_with_a_known_gradient_value() -> None:
    candidates = descent_step_misconceptions(
        sympy.Integer(3), sympy.Integer(2), sympy.Rational(1, 10)
    )
    assert grade("number", "2.8", "3.2", misconceptions=candidates).mistake == "descent-sign"
    assert grade("number", "2.8", "1", misconceptions=candidates).mistake == "missing-learning-rate"


def test_generic_mistakes_need_no_candidates() -> None:
    assert grade("vector", "(1, 2)", "(2, 1)").mistake == "swapped-components"
    assert grade("vector", "(1, 2)", "(-1, -2)").mistake == "sign-error"
    assert grade("number", "2.5", "-2.5").mistake == "sign-error"
    assert grade("expression", "x - y", "y - x", variables=NAMES).mistake == "sign-error"


def test_a_candidate_equal_to_the_reference_is_never_reported() -> None:
    fake = [
        Misconception("power-rule-factor", 2 * x, "wrong"),
        Misconception("held-variable-zero", sympy.Integer(7), "seven"),
    ]
    right = grade("expression", "2x", "2x", variables=["x"], misconceptions=fake)
    assert right.correct and right.mistake is None
    wrong = grade("expression", "2x", "7", variables=["x"], misconceptions=fake)
    assert wrong.mistake == "held-variable-zero"
    # x^1: the power rule's factor is 1, so dropping it is no mistake at all
    candidates = partial_misconceptions(x * y, x, XY)
    assert (
        grade("expression", "y", "y + 1", variables=NAMES, misconceptions=candidates).mistake
        is None
    )
    # a symmetric vector swapped is the same vector: correct, not "swapped"
    assert grade("vector", "(3, 3)", "(3, 3)").mistake is None


def test_choice_distractor_mistakes() -> None:
    candidates = [Misconception("descent-sign", "B", "B adds the gradient.")]
    result = grade("choice", "A", "b", misconceptions=candidates)
    assert result.mistake == "descent-sign" and result.feedback == "B adds the gradient."


def test_unrecognised_wrong_answers_have_no_tag() -> None:
    result = grade(
        "expression",
        "2 x y",
        "17 x",
        variables=NAMES,
        misconceptions=partial_misconceptions(x**2 * y, x, XY),
    )
    assert result.mistake is None and result.feedback == "Not correct."


@pytest.mark.parametrize(
    ("expected", "answer", "tag"),
    [
        # found by the QA pass: (-6, -6) shares one component with the swapped (6, -6) and was
        # told "the components are in the wrong order"; its slip is the sign of component 2
        ("(-6, 6)", "(-6, -6)", "sign-error"),
        ("(-6, 6)", "(6, 6)", "sign-error"),
        ("(1, 2, 3)", "(1, 3, 3)", None),
        ("(1, 2, 3)", "(2, 1, 3)", "swapped-components"),
        ("(1, 2)", "(2, 1)", "swapped-components"),
    ],
)
def test_a_swap_is_named_only_for_the_whole_vector(
    expected: str, answer: str, tag: str | None
) -> None:
    assert grade("vector", expected, answer).mistake == tag


@pytest.mark.parametrize(
    ("expected", "answer"),
    [
        ("2.5", "2.6"),
        ("2.5", "25"),
        ("2.5", "0"),
        ("(1, 2)", "(5, 7)"),
        ("(1, 2)", "(1, 5)"),
    ],
)
def test_unrelated_wrong_answers_get_no_generic_tag(expected: str, answer: str) -> None:
    kind = "vector" if "," in expected else "number"
    assert grade(kind, expected, answer).mistake is None
