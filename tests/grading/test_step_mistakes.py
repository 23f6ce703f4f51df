"""Mistakes at each step of a derivation (practice.grading.step_mistakes), as pure
functions, and the new tags through grade()."""

from __future__ import annotations

import sympy

from practice.grading import grade
from practice.grading.step_mistakes import (
    gradient_slips,
    length_slip,
    one_step_only,
    partial_slips,
    rate_slips,
    shrinks_with_rate,
    stale_gradient,
    update_variable,
)
from practice.mathread import symbol
from practice.vocabulary import MISTAKES, Mistake

x, y, eta = symbol("x"), symbol("y"), symbol("eta")
XY = (x, y)
HALF = sympy.Rational(1, 2)


def test_every_new_tag_has_a_name_and_a_sentence() -> None:
    for tag in ("dropped-coupling-term", "stale-gradient", "one-step-only", "squared-norm"):
        mistake = MISTAKES[tag]
        assert mistake.display_name and mistake.sentence.endswith(".")


def test_gradient_slips_in_the_order_a_learner_meets_them() -> None:
    f = x**2 + 3 * x * y + sympy.sin(2 * y)
    slips = dict(gradient_slips(f, XY))
    assert slips[Mistake.DROPPED_COUPLING_TERM] == (2 * x, 2 * sympy.cos(2 * y))
    assert slips[Mistake.POWER_RULE_FACTOR] == (x + 3 * y, 3 * x + 2 * sympy.cos(2 * y))
    assert slips[Mistake.MISSING_CHAIN_FACTOR] == (2 * x + 3 * y, 3 * x + sympy.cos(2 * y))
    assert slips[Mistake.SWAPPED_COMPONENTS] == (3 * x + 2 * sympy.cos(2 * y), 2 * x + 3 * y)
    assert [tag for tag, _ in gradient_slips(f, XY)][-2:] == [
        Mistake.DROPPED_COUPLING_TERM,
        Mistake.SWAPPED_COMPONENTS,
    ]


def test_partial_slips_include_the_other_variable() -> None:
    slips = partial_slips(x**2 + 3 * x * y, x, XY)
    assert (Mistake.DROPPED_COUPLING_TERM, 2 * x) in slips
    assert (Mistake.WRONG_VARIABLE, 3 * x) in slips


def test_two_steps_stopped_early_or_with_a_stale_gradient() -> None:
    start, gradient = (sympy.Integer(2),), (2 * x,)
    # right: 2 -> 1 -> 1/2; one step only: 1; stale: 2 - 2·(1/4)·4 = 0
    [one] = one_step_only(start, gradient, (x,), sympy.Rational(1, 4), 2)
    [stale] = stale_gradient(start, gradient, (x,), sympy.Rational(1, 4), 2)
    assert (one.tag, one.value) == (Mistake.ONE_STEP_ONLY, 1)
    assert (stale.tag, stale.value) == (Mistake.STALE_GRADIENT, 0)
    assert one_step_only(start, gradient, (x,), HALF, 1) == []


def test_rate_slips_and_when_the_ascent_is_offered() -> None:
    loss = (1 - 2 * eta) ** 2 * 18  # the loss after one step on w1² + w2² from (3, -3)
    tags = [m.tag for m in rate_slips(loss, eta, descent=True)]
    assert tags == [Mistake.DESCENT_SIGN, Mistake.MISSING_LEARNING_RATE]
    assert [m.tag for m in rate_slips(loss, eta, descent=False)] == [Mistake.MISSING_LEARNING_RATE]
    w0 = symbol("w0")
    assert shrinks_with_rate(w0 * (1 - 2 * eta) ** 3, eta, {w0: sympy.Integer(2)})
    assert not shrinks_with_rate(w0 * (1 + 2 * eta), eta, {w0: sympy.Integer(2)})  # the plus bug


def test_a_length_given_squared() -> None:
    [slip] = length_slip(2 * sympy.sqrt(x**2 + 4))
    assert slip.tag == Mistake.SQUARED_NORM and slip.value == 4 * x**2 + 16
    assert length_slip(x + 1) == []


def test_an_update_formula_is_recognised() -> None:
    f = x**2 + 3 * x * y + y**2
    assert update_variable(x - eta * (2 * x + 3 * y), eta, f, XY) == x
    assert update_variable(x - eta * 2 * x, eta, f, XY) is None


def test_the_new_tags_through_grade() -> None:
    candidates = one_step_only((sympy.Integer(2),), (2 * x,), (x,), sympy.Rational(1, 4), 2)
    result = grade("number", "1/2", "1", misconceptions=candidates)
    assert result.mistake == "one-step-only" and "first step" in result.feedback
    assert grade("number", "1/2", "0.75", misconceptions=candidates).mistake is None
