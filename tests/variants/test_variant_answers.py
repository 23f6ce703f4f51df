"""Every derived answer kind: the reference answer, its LaTeX, the generated worked
solution, and the mistakes grading recognises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sympy

from practice.mathread import read_expression, read_number, read_vector
from practice.variants import grade_variant, make_variant
from practice.variants.check import check_problem
from tests.banks.bank_helpers import Load, one_problem, variant_of


def test_partial_as_an_expression(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: expression
          variables: [x, y]
          params: {a: {choice: [3]}}
          function: a*x^2*y^3 + 2*y
          answer: {partial: {wrt: x}}
          prompt: 'Let $f(x, y) = {{f}}$.'
          hints: [Hold y.]
    """,
    )
    x, y = sympy.symbols("x y", real=True)
    assert read_expression(variant.answer, ["x", "y"]) == 6 * x * y**3
    assert variant.prompt == "Let $f(x, y) = 3 x^{2} y^{3} + 2 y$."
    assert variant.variables == ("x", "y")
    assert "treating $y$ as a constant" in variant.solution
    assert "no $x$ in it, so it is a constant" in variant.solution


def test_bank_text_is_read_as_learners_write_it(
    write_bank: Callable[..., Path], load: Load
) -> None:
    """The bank's function goes through the learners' reader: `ax^2y^3` with a parameter
    `a` is a·x²·y³, and the learner may answer the way the prompt writes it."""
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: expression
          variables: [x, y]
          params: {a: {choice: [3]}}
          function: ax^2y^3 + 2ycos(xy)
          answer: {partial: {wrt: x}}
          prompt: 'Let $f(x, y) = {{f}}$.'
          hints: [Hold y.]
    """,
    )
    x, y = sympy.symbols("x y", real=True)
    assert read_expression(variant.answer, ["x", "y"]) == 6 * x * y**3 - 2 * y**2 * sympy.sin(x * y)
    assert grade_variant(variant, "6xy^3 - 2y^2sin(xy)").correct


def test_partial_at_a_point_is_exact(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: number
          variables: [x, y]
          function: x*y + sin(x)
          answer: {partial: {wrt: x, at: [2, 3]}}
          prompt: 'At {{point}}'
          hints: [h]
    """,
    )
    assert read_number(variant.answer) == 3 + sympy.cos(2)
    assert abs(float(read_number(variant.answer)) - 2.5839) < 1e-4
    assert variant.prompt == "At (2, 3)"
    assert grade_variant(variant, "2.5839").correct
    assert "At $x = 2, y = 3$" in variant.solution


def test_mixed_partial(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: C
          kind: expression
          variables: [x, y]
          function: x^2*y^3
          answer: {partial: {wrt: [x, y]}}
          prompt: p
          hints: [h]
    """,
    )
    x, y = sympy.symbols("x y", real=True)
    assert read_expression(variant.answer, ["x", "y"]) == 6 * x * y**2
    assert "Now differentiate that result with respect to $y$" in variant.solution


def test_gradient_as_expressions_with_the_chain_rule(
    write_bank: Callable[..., Path], load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: vector
          variables: [x, y, z]
          function: x^2 + sin(y*z)
          answer: {gradient: {}}
          prompt: p
          hints: [h]
    """,
    )
    x, y, z = sympy.symbols("x y z", real=True)
    assert read_vector(variant.answer, ["x", "y", "z"]) == (
        2 * x,
        z * sympy.cos(y * z),
        y * sympy.cos(y * z),
    )


def test_gradient_at_a_point(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: vector
          variables: [w1, w2]
          function: w1^2 + w2^2
          answer: {gradient: {at: [1, 2]}}
          prompt: p
          hints: [h]
    """,
    )
    assert variant.answer == "(2, 4)"
    assert grade_variant(variant, "[2, 4]").correct
    assert grade_variant(variant, "(4, 2)").mistake == "swapped-components"


def test_descent_from_a_function(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: C
          kind: vector
          variables: [x, y]
          function: x^2 + 2*y^2
          answer: {descent: {start: [2, -2], rate: 0.1, steps: 2}}
          prompt: '{{steps}} steps from {{start}} with {{rate}}'
          hints: [h]
    """,
    )
    assert variant.answer == "(1.28, -0.72)"
    assert variant.prompt == "2 steps from (2, -2) with 0.1"
    assert "Step 2: $\\nabla f(1.6, -1.2) = (3.2, -4.8)$" in variant.solution
    assert grade_variant(variant, "(2.88, -3.92)").mistake == "descent-sign"


def test_descent_with_a_given_gradient(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: A
          kind: vector
          variables: [w1, w2]
          answer: {descent: {start: [3, -1], rate: 0.1, gradient: [4, -2]}}
          prompt: 'w = {{start}}, grad = {{gradient}}'
          hints: [h]
    """,
    )
    assert variant.answer == "(2.6, -0.8)"
    assert variant.prompt == "w = (3, -1), grad = (4, -2)"
    assert grade_variant(variant, "(3.4, -1.2)").mistake == "descent-sign"
    assert grade_variant(variant, "(-1, 1)").mistake == "missing-learning-rate"


def test_descent_with_a_gradient_in_the_variables(
    write_bank: Callable[..., Path], load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: B
          kind: vector
          variables: [w1, w2]
          answer: {descent: {start: [1, 2], rate: 0.25, gradient: [2*w1, 2*w2], steps: 2}}
          prompt: p
          hints: [h]
    """,
    )
    assert variant.answer == "(0.25, 0.5)"


def test_descent_in_one_variable_diverges_with_a_large_rate(
    write_bank: Callable[..., Path], load: Load
) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: p
          level: B
          kind: number
          variables: [x]
          function: x^2
          answer: {descent: {start: [1], rate: 1.1, steps: 3}}
          prompt: p
          hints: [h]
    """,
    )
    assert variant.answer == "-1.728"


def test_literal_values_of_every_graded_kind(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank("""
        - id: n
          level: B
          kind: number
          params: {p: {choice: [10]}}
          answer: {value: p^2 / 4}
          prompt: p
          hints: [h]
        - id: v
          level: B
          kind: vector
          params: {p: {choice: [3]}}
          answer: {value: [p, -p, 1/p]}
          prompt: p
          hints: [h]
        - id: e
          level: B
          kind: expression
          variables: [x]
          params: {p: {choice: [3]}}
          answer: {value: p*x^2}
          prompt: p
          hints: [h]
    """)
    catalog = load()
    assert catalog.issues == []
    answers = {pid: make_variant(problem, 0).answer for pid, problem in catalog.problems.items()}
    assert answers == {"n": "25", "v": "(3, -3, 1/3)", "e": "3*x^2"}


def test_choice_with_several_correct_labels(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: c
          level: B
          kind: choice
          prompt: Which are true?
          shuffle: false
          fixed: true
          choices:
            - {text: 'one', feedback: 'Yes, one.'}
            - {text: 'two', feedback: 'No, not two.'}
            - {text: 'three'}
          answer: {choice: [A, C]}
          hints: [h]
    """,
    )
    assert variant.answer == "A,C"
    assert variant.choices == (("A", "one"), ("B", "two"), ("C", "three"))
    assert grade_variant(variant, "c, a").correct
    wrong = grade_variant(variant, "B")
    assert not wrong.correct and "No, not two." in wrong.feedback
    assert "**A.** one — Yes, one." in variant.solution
    [problem] = load().problems.values()
    assert check_problem(problem) == []


def test_self_check_shows_the_model_answer_and_is_not_graded(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: s
          level: D
          kind: self-check
          prompt: Why?
          answer: {model_answer: Because.}
          hints: [h]
    """,
    )
    variant = make_variant(problem, 0)
    assert variant.model_answer == "Because." and variant.solution == "Because."
    assert variant.answer == "right" and grade_variant(variant, "right").correct
    partly = grade_variant(variant, "partly")
    assert not partly.correct and partly.score == 0.5
    assert grade_variant(variant, "anything").error is not None


def test_held_variable_zero_is_named(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: h
          level: A
          kind: expression
          variables: [x, y]
          function: x*y + x^2
          answer: {partial: {wrt: x}}
          prompt: p
          hints: [h]
    """,
    )
    assert grade_variant(variant, "2x").mistake == "held-variable-zero"
    assert grade_variant(variant, "x").mistake == "wrong-variable"


def test_long_descent_stays_small_and_fast(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank("""
        - id: quartic
          level: C
          kind: number
          variables: [x]
          function: x^4 / 4
          answer: {descent: {start: [0.9], rate: 0.1, steps: 50}}
          prompt: p
          hints: [h]
        - id: transcendental
          level: C
          kind: vector
          variables: [x, y]
          function: exp(x) + sin(y)
          answer: {descent: {start: [1, 2], rate: 0.1, steps: 20}}
          prompt: p
          hints: [h]
    """)
    catalog = load()
    assert catalog.issues == []
    for problem in catalog.problems.values():
        variant = make_variant(problem, 0)
        assert len(variant.answer) < 60 and len(variant.solution) < 20_000
        assert grade_variant(variant, variant.answer).correct
    x = 0.9
    for _ in range(50):
        x -= 0.1 * x**3
    assert abs(float(read_number(make_variant(catalog.problems["quartic"], 0).answer)) - x) < 1e-9
