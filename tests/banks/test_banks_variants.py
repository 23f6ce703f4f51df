"""Variants: every derived answer kind, determinism, constraints, redraws and mistakes."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from practice.banks import Catalog, Problem, load_catalog
from practice.mathread import read_expression, read_number, read_vector
from practice.variants import Variant, VariantError, grade_variant, make_variant
from practice.variants.check import check_problem

Load = Callable[[], Catalog]


def one_problem(write_bank: Callable[..., Path], load: Load, yaml_text: str) -> Problem:
    write_bank(yaml_text)
    catalog = load()
    assert catalog.issues == [], [str(issue) for issue in catalog.issues]
    [problem] = catalog.problems.values()
    return problem


def variant_of(write_bank: Callable[..., Path], load: Load, yaml_text: str, seed: int = 0) -> Variant:
    variant = make_variant(one_problem(write_bank, load, yaml_text), seed)
    assert grade_variant(variant, variant.answer).correct, variant.answer
    return variant


def test_partial_as_an_expression(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: A
          kind: expression
          variables: [x, y]
          params: {a: {choice: [3]}}
          function: a*x^2*y^3 + 2*y
          answer: {partial: {wrt: x}}
          prompt: 'Let $f(x, y) = {{f}}$.'
          hints: [Hold y.]
    """)
    x, y = sympy.symbols("x y", real=True)
    assert read_expression(variant.answer, ["x", "y"]) == 6 * x * y**3
    assert variant.prompt == "Let $f(x, y) = 3 x^{2} y^{3} + 2 y$."
    assert variant.variables == ("x", "y")
    assert "treating $y$ as a constant" in variant.solution
    assert "no $x$ in it, so it is a constant" in variant.solution


def test_partial_at_a_point_is_exact(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: A
          kind: number
          variables: [x, y]
          function: x*y + sin(x)
          answer: {partial: {wrt: x, at: [2, 3]}}
          prompt: 'At {{point}}'
          hints: [h]
    """)
    assert read_number(variant.answer) == 3 + sympy.cos(2)
    assert abs(float(read_number(variant.answer)) - 2.5839) < 1e-4
    assert variant.prompt == "At (2, 3)"
    assert grade_variant(variant, "2.5839").correct
    assert "At $x = 2, y = 3$" in variant.solution


def test_mixed_partial(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: C
          kind: expression
          variables: [x, y]
          function: x^2*y^3
          answer: {partial: {wrt: [x, y]}}
          prompt: p
          hints: [h]
    """)
    x, y = sympy.symbols("x y", real=True)
    assert read_expression(variant.answer, ["x", "y"]) == 6 * x * y**2
    assert "Now differentiate that result with respect to $y$" in variant.solution


def test_gradient_as_expressions_with_the_chain_rule(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: A
          kind: vector
          variables: [x, y, z]
          function: x^2 + sin(y*z)
          answer: {gradient: {}}
          prompt: p
          hints: [h]
    """)
    x, y, z = sympy.symbols("x y z", real=True)
    assert read_vector(variant.answer, ["x", "y", "z"]) == (2 * x, z * sympy.cos(y * z), y * sympy.cos(y * z))


def test_gradient_at_a_point(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: A
          kind: vector
          variables: [w1, w2]
          function: w1^2 + w2^2
          answer: {gradient: {at: [1, 2]}}
          prompt: p
          hints: [h]
    """)
    assert variant.answer == "(2, 4)"
    assert grade_variant(variant, "[2, 4]").correct
    assert grade_variant(variant, "(4, 2)").mistake == "swapped-components"


def test_descent_from_a_function(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: C
          kind: vector
          variables: [x, y]
          function: x^2 + 2*y^2
          answer: {descent: {start: [2, -2], rate: 0.1, steps: 2}}
          prompt: '{{steps}} steps from {{start}} with {{rate}}'
          hints: [h]
    """)
    assert variant.answer == "(1.28, -0.72)"
    assert variant.prompt == "2 steps from (2, -2) with 0.1"
    assert "Step 2: $\\nabla f(1.6, -1.2) = (3.2, -4.8)$" in variant.solution
    assert grade_variant(variant, "(2.88, -3.92)").mistake == "descent-sign"


def test_descent_with_a_given_gradient(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: A
          kind: vector
          variables: [w1, w2]
          answer: {descent: {start: [3, -1], rate: 0.1, gradient: [4, -2]}}
          prompt: 'w = {{start}}, grad = {{gradient}}'
          hints: [h]
    """)
    assert variant.answer == "(2.6, -0.8)"
    assert variant.prompt == "w = (3, -1), grad = (4, -2)"
    assert grade_variant(variant, "(3.4, -1.2)").mistake == "descent-sign"
    assert grade_variant(variant, "(-1, 1)").mistake == "missing-learning-rate"


def test_descent_with_a_gradient_in_the_variables(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: B
          kind: vector
          variables: [w1, w2]
          answer: {descent: {start: [1, 2], rate: 0.25, gradient: [2*w1, 2*w2], steps: 2}}
          prompt: p
          hints: [h]
    """)
    assert variant.answer == "(0.25, 0.5)"


def test_descent_in_one_variable_diverges_with_a_large_rate(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: p
          level: B
          kind: number
          variables: [x]
          function: x^2
          answer: {descent: {start: [1], rate: 1.1, steps: 3}}
          prompt: p
          hints: [h]
    """)
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
    assert answers == {"n": "25", "v": "(3, -3, 1/3)", "e": "3*x**2"}


def test_choice_with_several_correct_labels(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: c
          level: B
          kind: choice
          prompt: Which are true?
          choices:
            - {text: 'one', feedback: 'Yes, one.'}
            - {text: 'two', feedback: 'No, not two.'}
            - {text: 'three'}
          answer: {choice: [A, C]}
          hints: [h]
    """)
    assert variant.answer == "A,C"
    assert variant.choices == (("A", "one"), ("B", "two"), ("C", "three"))
    assert grade_variant(variant, "c, a").correct
    wrong = grade_variant(variant, "B")
    assert not wrong.correct and "No, not two." in wrong.feedback
    assert "**A.** one — Yes, one." in variant.solution
    [problem] = load().problems.values()
    assert check_problem(problem) == []


def test_self_check_shows_the_model_answer_and_is_not_graded(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: s
          level: D
          kind: self-check
          prompt: Why?
          answer: {model_answer: Because.}
          hints: [h]
    """)
    variant = make_variant(problem, 0)
    assert variant.model_answer == "Because." and variant.solution == "Because."
    assert variant.answer == "right" and grade_variant(variant, "right").correct
    partly = grade_variant(variant, "partly")
    assert not partly.correct and partly.score == 0.5
    assert grade_variant(variant, "anything").error is not None


def test_derived_values_and_placeholders(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: d
          level: A
          kind: number
          params: {a: {choice: [3]}}
          derived: {b: 2*a, c: b/4}
          answer: {value: a + b}
          prompt: 'a={{a}} b={{ b }} c={{c}} $x^{{{a}}}$'
          hints: ['answer is {{answer}}']
    """)
    assert variant.prompt == "a=3 b=6 c=1.5 $x^{3}$"
    assert variant.hints == ("answer is 9",)


def test_decimal_parameters_stay_exact(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: d
          level: A
          kind: number
          params: {c: {decimal: [0.1, 0.3], step: 0.1}}
          answer: {value: 3*c}
          prompt: '{{c}}'
          hints: [h]
    """)
    seen = {(make_variant(problem, seed).prompt, make_variant(problem, seed).answer) for seed in range(40)}
    assert seen == {("0.1", "0.3"), ("0.2", "0.6"), ("0.3", "0.9")}


def test_constraints_and_exclusions_hold_in_every_variant(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: c
          level: A
          kind: number
          params:
            a: {int: [-3, 3], not: [0]}
            b: {int: [-3, 3]}
          constraints: [a != b, 0 < a + b <= 4]
          answer: {value: a*b}
          prompt: '{{a}} {{b}}'
          hints: [h]
    """)
    pairs = {tuple(int(v) for v in make_variant(problem, seed).prompt.split()) for seed in range(200)}
    assert pairs and all(a != 0 and a != b and 0 < a + b <= 4 for a, b in pairs)
    assert len(pairs) > 5  # draws vary


def test_undefined_draws_are_redrawn(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 2]}, b: {int: [1, 2]}}
          answer: {value: 1/(a - b)}
          prompt: p
          hints: [h]
    """)
    answers = {make_variant(problem, seed).answer for seed in range(30)}
    assert answers == {"1", "-1"}


def test_answers_undefined_for_every_draw(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 5]}}
          answer: {value: sqrt(-a)}
          prompt: p
          hints: [h]
    """)
    with pytest.raises(VariantError, match="undefined, infinite or complex for every draw"):
        make_variant(problem, 0)
    [message] = check_problem(problem)
    assert "undefined" in message


def test_unsatisfiable_constraints(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 3]}}
          constraints: [a > 5]
          answer: {value: a}
          prompt: p
          hints: [h]
    """)
    with pytest.raises(VariantError, match="no parameter draw satisfies"):
        make_variant(problem, 0)


def test_huge_parameter_exponents_are_refused_not_computed(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: big
          level: A
          kind: number
          variables: [x]
          params: {n: {int: [1000000, 2000000000]}}
          function: x^n
          answer: {partial: {wrt: x, at: [2]}}
          prompt: p
          hints: [h]
    """)
    with pytest.raises(VariantError):
        make_variant(problem, 0)


def test_variants_are_deterministic_and_vary_with_the_seed(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(write_bank, load, """
        - id: det
          level: A
          kind: vector
          variables: [x, y]
          params: {a: {int: [1, 9]}, x0: {int: [-5, 5]}, y0: {int: [-5, 5]}}
          function: a*x^2*y + y^3
          answer: {gradient: {at: [x0, y0]}}
          prompt: 'f = {{f}} at {{point}}'
          hints: [h]
    """)
    assert make_variant(problem, 7) == make_variant(problem, 7)
    prompts = {make_variant(problem, seed).prompt for seed in range(20)}
    assert len(prompts) > 10


def test_held_variable_zero_is_named(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(write_bank, load, """
        - id: h
          level: A
          kind: expression
          variables: [x, y]
          function: x*y + x^2
          answer: {partial: {wrt: x}}
          prompt: p
          hints: [h]
    """)
    assert grade_variant(variant, "2x").mistake == "held-variable-zero"
    assert grade_variant(variant, "x").mistake == "wrong-variable"


@functools.cache
def authoring_examples() -> Catalog:
    """The complete examples of docs/authoring.md, loaded as a bank: the guide must work."""
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = guide.index("```yaml", guide.index("## Complete examples")) + len("```yaml")
    folder = Path(tempfile.mkdtemp(prefix="authoring-"))
    (folder / "examples.yaml").write_text(guide[start : guide.index("```", start)], encoding="utf-8")
    return load_catalog([folder])


def test_the_authoring_guide_examples_are_valid() -> None:
    catalog = authoring_examples()
    assert catalog.issues == []
    assert {p.kind for p in catalog.problems.values()} == {"expression", "number", "vector", "choice", "self-check"}
    assert {p.answer.form for p in catalog.problems.values()} == {
        "partial", "gradient", "descent", "value", "choice", "model_answer"
    }
    for problem in catalog.problems.values():
        assert check_problem(problem, 5) == [], problem.id


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_reference_answers_grade_correct_for_any_seed(seed: int) -> None:
    for problem in authoring_examples().problems.values():
        variant = make_variant(problem, seed)
        assert grade_variant(variant, variant.answer).correct, (problem.id, seed, variant.answer)


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
