"""Variants: determinism, constraints and exclusions, redraws, bounds, the authoring guide."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practice.banks import Catalog, load_catalog
from practice.variants import VariantError, grade_variant, make_variant
from practice.variants.check import check_problem
from tests.banks.bank_helpers import Load, one_problem, variant_of


def test_derived_values_and_placeholders(write_bank: Callable[..., Path], load: Load) -> None:
    variant = variant_of(
        write_bank,
        load,
        """
        - id: d
          level: A
          kind: number
          params: {a: {choice: [3]}}
          derived: {b: 2*a, c: b/4}
          answer: {value: a + b}
          prompt: 'a={{a}} b={{ b }} c={{c}} $x^{{{a}}}$'
          hints: ['answer is {{answer}}']
    """,
    )
    assert variant.prompt == "a=3 b=6 c=1.5 $x^{3}$"
    assert variant.hints == ("answer is 9",)


def test_decimal_parameters_stay_exact(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: d
          level: A
          kind: number
          params: {c: {decimal: [0.1, 0.3], step: 0.1}}
          answer: {value: 3*c}
          prompt: '{{c}}'
          hints: [h]
    """,
    )
    seen = {
        (make_variant(problem, seed).prompt, make_variant(problem, seed).answer)
        for seed in range(40)
    }
    assert seen == {("0.1", "0.3"), ("0.2", "0.6"), ("0.3", "0.9")}


def test_constraints_and_exclusions_hold_in_every_variant(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
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
    """,
    )
    pairs = {
        tuple(int(v) for v in make_variant(problem, seed).prompt.split()) for seed in range(200)
    }
    assert pairs and all(a != 0 and a != b and 0 < a + b <= 4 for a, b in pairs)
    assert len(pairs) > 5  # draws vary


def test_undefined_draws_are_redrawn(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 2]}, b: {int: [1, 2]}}
          answer: {value: 1/(a - b)}
          prompt: p
          hints: [h]
    """,
    )
    answers = {make_variant(problem, seed).answer for seed in range(30)}
    assert answers == {"1", "-1"}


def test_answers_undefined_for_every_draw(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 5]}}
          answer: {value: sqrt(-a)}
          prompt: p
          hints: [h]
    """,
    )
    with pytest.raises(VariantError, match="undefined, infinite or complex for every draw"):
        make_variant(problem, 0)
    [message] = check_problem(problem)
    assert "undefined" in message


def test_unsatisfiable_constraints(write_bank: Callable[..., Path], load: Load) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: u
          level: A
          kind: number
          params: {a: {int: [1, 3]}}
          constraints: [a > 5]
          answer: {value: a}
          prompt: p
          hints: [h]
    """,
    )
    with pytest.raises(VariantError, match="no parameter draw satisfies"):
        make_variant(problem, 0)


def test_huge_parameter_exponents_are_refused_not_computed(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: big
          level: A
          kind: number
          variables: [x]
          params: {n: {int: [1000000, 2000000000]}}
          function: x^n
          answer: {partial: {wrt: x, at: [2]}}
          prompt: p
          hints: [h]
    """,
    )
    with pytest.raises(VariantError):
        make_variant(problem, 0)


def test_variants_are_deterministic_and_vary_with_the_seed(
    write_bank: Callable[..., Path], load: Load
) -> None:
    problem = one_problem(
        write_bank,
        load,
        """
        - id: det
          level: A
          kind: vector
          variables: [x, y]
          params: {a: {int: [1, 9]}, x0: {int: [-5, 5]}, y0: {int: [-5, 5]}}
          function: a*x^2*y + y^3
          answer: {gradient: {at: [x0, y0]}}
          prompt: 'f = {{f}} at {{point}}'
          hints: [h]
    """,
    )
    assert make_variant(problem, 7) == make_variant(problem, 7)
    prompts = {make_variant(problem, seed).prompt for seed in range(20)}
    assert len(prompts) > 10


@functools.cache
def authoring_examples() -> Catalog:
    """The complete examples of docs/authoring.md, loaded as a bank: the guide must work."""
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = guide.index("```yaml", guide.index("## Complete examples")) + len("```yaml")
    folder = Path(tempfile.mkdtemp(prefix="authoring-"))
    (folder / "examples.yaml").write_text(
        guide[start : guide.index("```", start)], encoding="utf-8"
    )
    return load_catalog([folder])


def test_the_authoring_guide_examples_are_valid() -> None:
    catalog = authoring_examples()
    assert catalog.issues == []
    assert {p.kind for p in catalog.problems.values()} == {
        "expression",
        "number",
        "vector",
        "choice",
        "self-check",
    }
    assert {p.answer.form for p in catalog.problems.values()} == {
        "partial",
        "gradient",
        "descent",
        "value",
        "choice",
        "model_answer",
    }
    for problem in catalog.problems.values():
        assert check_problem(problem, 5) == [], problem.id


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_reference_answers_grade_correct_for_any_seed(seed: int) -> None:
    for problem in authoring_examples().problems.values():
        variant = make_variant(problem, seed)
        assert grade_variant(variant, variant.answer).correct, (problem.id, seed, variant.answer)


def test_deep_check_points_at_the_part_at_fault(
    write_bank: Callable[..., Path], load: Load
) -> None:
    from practice.variants.check import check_findings

    write_bank("""
        - id: never-defined
          level: A
          kind: number
          params: {a: {int: [1, 5]}}
          prompt: p
          hints: [h]
          answer: {value: ln(-a)}
        - id: never-drawn
          level: A
          kind: number
          params: {a: {int: [1, 3]}}
          constraints: [a > 5]
          answer: {value: a}
          prompt: p
          hints: [h]
    """)
    catalog = load()
    undefined, undrawn = catalog.problems["never-defined"], catalog.problems["never-drawn"]
    [(key, _message)] = check_findings(undefined)
    assert key == "answer" and undefined.line_of(key) == 10
    [(key, _message)] = check_findings(undrawn)
    assert key == "constraints" and undrawn.line_of(key) == 15


def test_power_towers_are_refused_not_computed(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank("""
        - id: tower
          level: A
          kind: number
          variables: [x]
          params: {a: {int: [3, 4]}}
          function: x^x^x^x
          answer: {partial: {wrt: x, at: [a]}}
          prompt: p
          hints: [h]
        - id: nested-params
          level: A
          kind: number
          params: {b: {int: [5, 9]}}
          derived: {c: 2^(2^(2^b))}
          answer: {value: c}
          prompt: p
          hints: [h]
    """)
    catalog = load()
    assert catalog.issues == []
    for problem in catalog.problems.values():
        with pytest.raises(VariantError):
            make_variant(problem, 0)
