"""What learners read in generated text: term order, signs, one-variable solutions,
and the template filters that write a random coefficient the way it sits in a formula."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.banks.templates import (
    coef,
    paren,
    placeholder_problems,
    power,
    render,
    signed,
    signed_coef,
)
from practice.variants import make_variant
from practice.variants.check import check_findings
from tests.banks.bank_helpers import Load, issue_lines, one_problem, variant_of

WriteBank = Callable[..., Path]


# --- filters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "as_coef", "as_signed", "as_signed_coef", "as_paren"),
    [
        ("3", "3", "+ 3", "+ 3", "3"),
        ("-3", "-3", "- 3", "- 3", "(-3)"),
        ("1", "", "+ 1", "+", "1"),
        ("-1", "-", "- 1", "-", "(-1)"),
        ("0.25", "0.25", "+ 0.25", "+ 0.25", "0.25"),
        ("-0.5", "-0.5", "- 0.5", "- 0.5", "(-0.5)"),
        (
            r"- \frac{1}{3}",
            r"- \frac{1}{3}",
            r"- \frac{1}{3}",
            r"- \frac{1}{3}",
            r"(- \frac{1}{3})",
        ),
        ("x - 3", "(x - 3)", "+ (x - 3)", "+ (x - 3)", "(x - 3)"),
        (
            r"3 \cdot 10^{-5}",
            r"3 \cdot 10^{-5}",
            r"+ 3 \cdot 10^{-5}",
            r"+ 3 \cdot 10^{-5}",
            r"3 \cdot 10^{-5}",
        ),
    ],
)
def test_filters_write_a_number_as_it_sits_in_a_formula(
    value: str, as_coef: str, as_signed: str, as_signed_coef: str, as_paren: str
) -> None:
    assert (coef(value), signed(value), signed_coef(value), paren(value)) == (
        as_coef,
        as_signed,
        as_signed_coef,
        as_paren,
    )


def test_power_hides_an_exponent_of_one() -> None:
    assert (power("1"), power("3"), power("-1"), power(r"\frac{1}{2}")) == (
        "",
        "^{3}",
        "^{-1}",
        r"^{\frac{1}{2}}",
    )
    assert render("$y{{n|power}}$", {"n": "1"}) == "$y$"


def test_render_applies_filters_and_keeps_plain_placeholders() -> None:
    text = "${{a|coef}}x {{b|signed_coef}}y {{c|signed}}$, $x^2 \\cdot {{b|paren}}$, ${{b}}$"
    assert render(text, {"a": "1", "b": "-3", "c": "-1"}) == "$x - 3y - 1$, $x^2 \\cdot (-3)$, $-3$"
    assert render("{{ a | coef }}x", {"a": "-1"}) == "-x"


def test_an_unknown_filter_is_reported_with_the_known_ones() -> None:
    [message] = placeholder_problems("{{a|sign}}", frozenset({"a"}))
    assert "unknown filter `sign`" in message and "signed_coef" in message
    assert placeholder_problems("{{a|signed}} {{ a | coef }}", frozenset({"a"})) == []
    [message] = placeholder_problems("{{a+1|coef}}", frozenset({"a"}))
    assert "not a placeholder" in message


@pytest.mark.parametrize("text", ["What is ${{a$?", "What is ${{a}$?", "${{ a |coef}x$", "{{a"])
def test_a_placeholder_left_open_is_reported(text: str) -> None:
    [message] = placeholder_problems(text, frozenset({"a"}))
    assert message == "`{{a` is not closed: write `{{a}}`"


def test_latex_that_opens_two_braces_is_not_a_placeholder() -> None:
    assert placeholder_problems(r"$e^{{x}^2} + {{a}}$", frozenset({"a"})) == []
    assert placeholder_problems(r"$\frac{{a}}{2}$", frozenset({"a"})) == []


def test_validate_reports_an_unknown_filter_at_its_line(write_bank: WriteBank, load: Load) -> None:
    write_bank("""
        - id: typo-filter
          level: A
          kind: number
          params: {a: {int: [1, 3]}}
          answer: {value: a}
          prompt: What is ${{a|sgned}}$?
          hints: [h]
    """)
    [line] = issue_lines(load())
    assert "typo-filter" in line and "unknown filter `sgned`" in line


def test_validate_reports_a_coefficient_that_can_be_zero(write_bank: WriteBank, load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: zero-coefficient
          level: A
          kind: number
          params: {b: {int: [-2, 2]}}
          answer: {value: b}
          prompt: What is the coefficient of $y$ in $x {{b|signed_coef}}y$?
          hints: [h]
    """,
    )
    [(key, message)] = check_findings(problem, 20)
    assert key == "params" and "{{b|signed_coef}}" in message and "not: [0]" in message


def test_validate_reports_a_signed_term_that_can_be_zero(write_bank: WriteBank, load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: zero-term
          level: A
          kind: number
          params: {c: {int: [0, 2]}}
          answer: {value: c}
          prompt: What is the constant term of $x^2 {{c|signed}}$?
          hints: [h]
    """,
    )
    [(key, message)] = check_findings(problem, 20)
    assert key == "params" and "{{c|signed}}" in message and "+ 0" in message


def test_a_filtered_prompt_never_shows_one_or_a_doubled_sign(
    write_bank: WriteBank, load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: linear-prompt
          level: A
          kind: vector
          variables: [x, y]
          params:
            a: {int: [-2, 2], not: [0]}
            b: {int: [-2, 2], not: [0]}
          answer: {value: [a, b]}
          prompt: What is $\\nabla f$ for $f(x, y) = {{a|coef}}x {{b|signed_coef}}y$?
          hints: [h]
    """,
    )
    prompts = {make_variant(problem, seed).prompt for seed in range(40)}
    assert "What is $\\nabla f$ for $f(x, y) = -x +y$?" in prompts  # LaTeX ignores the space
    assert "What is $\\nabla f$ for $f(x, y) = 2x - 2y$?" in prompts
    for prompt in prompts:
        assert (
            "1x" not in prompt
            and "1y" not in prompt
            and "+ -" not in prompt
            and "- -" not in prompt
        )


# --- generated text ------------------------------------------------------------------


def test_terms_are_in_textbook_order_with_single_spaces(write_bank: WriteBank, load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: cubic-slope
          level: A
          kind: number
          variables: [x]
          params: {a: {choice: [7]}}
          function: x^3 - a*x - 2*x^2
          answer: {partial: {wrt: x, at: [2]}}
          prompt: Slope of $f(x) = {{f}}$ at $x = 2$?
          hints: [h]
    """,
    )
    assert variant.prompt == "Slope of $f(x) = x^{3} - 2 x^{2} - 7 x$ at $x = 2$?"
    assert "So $f'(x) = 3 x^{2} - 4 x - 7$." in variant.solution
    assert "At $x = 2$: $f'(2) = -3$." in variant.solution
    assert "\\dfrac{d}{dx}\\left(x^{3}\\right) = 3 x^{2}" in variant.solution
    assert "  " not in variant.prompt + variant.solution


def test_one_variable_descent_uses_a_derivative_and_plain_numbers(
    write_bank: WriteBank, load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: descent-1d
          level: A
          kind: number
          variables: [w]
          params: {c: {choice: [2]}}
          function: (w - c)^2
          answer: {descent: {start: [1], rate: 0.25, steps: 2}}
          prompt: Minimise $L(w) = {{f}}$ from $w_0 = 1$.
          hints: [h]
    """,
    )
    assert "First the derivative: $L'(w) = 2 w - 4$." in variant.solution
    assert "Step 1: $L'(1) = -2$, so $w_{1} = 1 - 0.25 \\cdot (-2) = 1.5$." in variant.solution
    assert "\\nabla" not in variant.solution and "= (1.5)" not in variant.solution


def test_the_solution_names_the_function_as_the_prompt_does(
    write_bank: WriteBank, load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: loss-gradient
          level: A
          kind: vector
          variables: [w, b]
          function: (w + b - 1)^2
          answer: {gradient: {at: [1, 1]}}
          prompt: For $L(w, b) = {{f}}$, compute $\\nabla L(1, 1)$.
          hints: [h]
    """,
    )
    assert "So $\\nabla L = " in variant.solution
    assert "\\dfrac{\\partial L}{\\partial w}" in variant.solution
    assert "\\nabla f" not in variant.solution


def test_descent_iterates_are_theta_when_a_coordinate_is_called_w(
    write_bank: WriteBank, load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: model-step
          level: A
          kind: vector
          variables: [w, b]
          function: (2*w + b - 1)^2
          answer: {descent: {start: [0, 0], rate: 0.1, steps: 1}}
          prompt: One step on $L(w, b) = {{f}}$ from $(0, 0)$.
          hints: [h]
    """,
    )
    assert "$\\theta_{t+1} = \\theta_{t} - \\eta\\, \\nabla L(\\theta_{t})$" in variant.solution
    assert "so $\\theta_{1} = (0, 0) - 0.1 \\cdot (-4, -2) = (0.4, 0.2)$" in variant.solution
    assert "w_{1}" not in variant.solution


def test_descent_iterates_are_superscripts_when_the_coordinates_are_w1_w2(
    write_bank: WriteBank, load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: given-step
          level: A
          kind: vector
          variables: [w1, w2]
          answer: {descent: {start: [1, 2], rate: 0.5, gradient: [2, -2], steps: 1}}
          prompt: With $\\nabla L(w) = {{gradient}}$, step from ${{start}}$.
          hints: [h]
    """,
    )
    assert "so $w^{(1)} = (1, 2) - 0.5 \\cdot (2, -2) = (0, 3)$" in variant.solution
    assert "\\nabla L(w^{(t)})" in variant.solution
