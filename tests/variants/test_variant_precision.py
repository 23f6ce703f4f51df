"""A problem's precision: written once, said by the prompt, applied by the grader, and
checked by `validate` against every promise the prompt's words make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.variants import grade_variant
from practice.variants.check import check_problem
from tests.banks.bank_helpers import Load, issue_lines, one_problem, variant_of

COS = """
- id: p
  level: A
  kind: number
  params: {k: {int: [1, 3]}}
  answer: {value: cos(k)}
  prompt: 'Compute $\\cos {{k}}$. {{precision}}'
  hints: [h]
"""


def test_the_prompt_says_the_precision_the_grader_applies(
    write_bank: Callable[..., Path], load: Load
) -> None:
    variant = variant_of(
        write_bank, load, COS.replace("  hints", "  precision: {decimals: 2}\n  hints")
    )
    assert variant.prompt.endswith("Round your answer to 2 decimal places, or give it exactly.")
    value = float(variant.expected)  # type: ignore[arg-type]
    assert grade_variant(variant, f"{value:.2f}").correct
    close = grade_variant(variant, f"{value:.1f}")
    assert not close.counts and "give 2 decimal places" in close.feedback


def test_the_default_precision_is_four_significant_figures(
    write_bank: Callable[..., Path], load: Load
) -> None:
    variant = variant_of(write_bank, load, COS)
    assert "4 significant figures" in variant.prompt
    assert check_problem(one_problem(write_bank, load, COS)) == []


@pytest.mark.parametrize(
    ("wording", "tolerance", "promise"),
    [
        ("A decimal to 4 places is fine.", "{rtol: 1.0e-6, atol: 0}", "4 decimal places"),
        ("Give three significant figures.", "{rtol: 1.0e-4}", "3 significant figures"),
        ("Decimals are fine.", "{rtol: 1.0e-5}", "4 significant figures"),
        ("{{precision}}", "{rtol: 1.0e-5}", "4 significant figures"),
    ],
)
def test_validate_fails_a_promise_the_tolerance_does_not_keep(
    write_bank: Callable[..., Path], load: Load, wording: str, tolerance: str, promise: str
) -> None:
    text = COS.replace("{{precision}}", wording).replace(
        "  hints", f"  tolerance: {tolerance}\n  hints"
    )
    [message] = check_problem(one_problem(write_bank, load, text))
    assert f"the prompt promises {promise}, but `" in message
    assert "is graded wrong" in message


def test_a_kept_promise_passes(write_bank: Callable[..., Path], load: Load) -> None:
    text = COS.replace("{{precision}}", "A decimal to 4 places is fine.")
    assert check_problem(one_problem(write_bank, load, text)) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("precision: {significant: 3, decimals: 2}", "exactly one of `significant` or `decimals`"),
        ("precision: {significant: 0}", "greater than or equal to 1"),
        ("unit: radians", "Input should be 'degrees'"),
    ],
)
def test_a_bad_precision_is_a_bank_error(
    write_bank: Callable[..., Path], load: Load, extra: str, message: str
) -> None:
    write_bank(COS.replace("  hints", f"  {extra}\n  hints"))
    [line] = issue_lines(load())
    assert message in line, line


def test_precision_and_unit_go_with_numbers(write_bank: Callable[..., Path], load: Load) -> None:
    expression = """
    - id: e
      level: A
      kind: expression
      variables: [x]
      answer: {value: 2*x}
      precision: {significant: 3}
      prompt: p
      hints: [h]
    """
    write_bank(expression)
    [line] = issue_lines(load())
    assert "`precision` goes with `number` and `vector` problems" in line


def test_a_degrees_problem_takes_the_degree_sign(
    write_bank: Callable[..., Path], load: Load
) -> None:
    angle = """
    - id: angle
      level: A
      kind: number
      answer: {value: 90}
      unit: degrees
      prompt: The angle, in degrees?
      hints: [h]
    """
    variant = variant_of(write_bank, load, angle)
    assert grade_variant(variant, "90°").correct
    assert grade_variant(variant, "90 degrees").correct
    assert not grade_variant(variant, "pi/2").counts
