"""``validate`` asks every problem to vary and to give nothing away: one failing bank per
check, each reported as ``FILE:LINE: PROBLEM_ID: message`` at the key to fix, and the
bank's way to accept it on purpose."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.banks.bank_helpers import bank_text
from tests.conftest import CliRun

Run = Callable[..., CliRun]

# Line numbers: the bank header takes lines 1-3, so a problem's `- id:` is on line 4.
LONGEST_KEY = """
- id: longest
  level: B
  kind: choice
  prompt: Why subtract?
  choices:
    - {text: 'Because the gradient points uphill, toward a larger loss, and we want to go down.'}
    - {text: Because eta is negative.}
    - {text: To shrink the gradient.}
  answer: {choice: A}
  hints: [Uphill or downhill?]
"""
SAME_EVERY_TIME = """
- id: same
  level: A
  kind: number
  prompt: What is 1 + 1?
  answer: {value: 2}
  hints: [Add.]
"""
EXAMPLE_IS_ANSWER = """
- id: example
  level: A
  kind: number
  params: {a: {int: [1, 3]}}
  prompt: 'What is sqrt({{a}}^2 + {{a}}^2)? Exact answers such as `2*sqrt(2)` are fine.'
  answer: {value: sqrt(2*a^2)}
  hints: [Pythagoras.]
"""
ZERO_ANSWER = """
- id: zero
  level: A
  kind: vector
  variables: [x, y]
  params: {x0: {int: [-1, 1]}, y0: {int: [0, 1]}}
  function: x^2 + 3*y^2
  answer: {gradient: {at: [x0, y0]}}
  prompt: 'Gradient of $f = {{f}}$ at ${{point}}$?'
  hints: [Partials.]
"""
MISTAKE_IS_RIGHT = """
- id: swapped-point
  level: A
  kind: number
  variables: [x, y]
  params: {x0: {int: [1, 3]}, y0: {int: [1, 3]}}
  function: x^3 + y
  answer: {partial: {wrt: x, at: [x0, y0]}}
  prompt: 'For $f = {{f}}$ find $f_x$ at ${{point}}$.'
  hints: [Hold y.]
"""
REPEATED_OPTION = """
- id: repeated
  level: A
  kind: choice
  params: {a: {int: [1, 4]}}
  derived: {double: 2*a, square: a^2}
  prompt: 'Which is $2 \\cdot {{a}}$?'
  choices:
    - {text: '${{double}}$'}
    - {text: '${{square}}$'}
    - {text: 'none of these'}
  answer: {choice: A}
  hints: [Double it.]
"""


def _validate(run: Run, tmp_path: Path, problem: str) -> tuple[int, list[str]]:
    (tmp_path / "bank.yaml").write_text(bank_text(problem), encoding="utf-8")
    done = run("validate", str(tmp_path), cwd=tmp_path)
    errors = [line for line in done.stdout.splitlines() if re.match(r"^bank\.yaml:\d+: ", line)]
    return done.returncode, errors


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (LONGEST_KEY, r"bank\.yaml:8: longest: the right option is the longest in 20 of 20"),
        (SAME_EVERY_TIME, r"bank\.yaml:7: same: only 1 different variant\(s\) in 20 seeds"),
        (
            EXAMPLE_IS_ANSWER,
            r"bank\.yaml:8: example: seed \d+: the prompt's example `2\*sqrt\(2\)`",
        ),
        (ZERO_ANSWER, r"bank\.yaml:10: zero: seed \d+: the answer is `\(0, 0\)` \(all zero\)"),
        (
            MISTAKE_IS_RIGHT,
            r"bank\.yaml:10: swapped-point: seed \d+: a learner who makes the mistake "
            r"“Evaluated at the wrong point” gets the answer right",
        ),
        (
            REPEATED_OPTION,
            r"bank\.yaml:10: repeated: seed \d+: options [A-C] and [A-C] both read `\$4\$`",
        ),
    ],
)
def test_validate_reports_what_gives_the_answer_away(
    cli: Run, tmp_path: Path, problem: str, expected: str
) -> None:
    status, errors = _validate(cli, tmp_path, problem)
    assert status == 1
    assert any(re.match(expected, line) for line in errors), errors


@pytest.mark.parametrize(
    ("problem", "old", "new"),
    [
        (SAME_EVERY_TIME, "hints: [Add.]", "hints: [Add.]\n  fixed: true"),
        (ZERO_ANSWER, "hints: [Partials.]", "hints: [Partials.]\n  allow: [zero-answer]"),
        (
            MISTAKE_IS_RIGHT,
            "hints: [Hold y.]",
            "hints: [Hold y.]\n  allow: [mistake-as-answer]",
        ),
        (MISTAKE_IS_RIGHT, "function: x^3 + y", "constraints: [x0 != y0]\n  function: x^3 + y"),
        (
            LONGEST_KEY,
            "'Because the gradient points uphill, toward a larger loss, and we want to go down.'",
            "'Because it points uphill.'",
        ),
        (EXAMPLE_IS_ANSWER, "`2*sqrt(2)`", "`5*sqrt(3)`"),
    ],
)
def test_a_bank_fixes_or_accepts_each_finding(
    cli: Run, tmp_path: Path, problem: str, old: str, new: str
) -> None:
    assert old in problem
    status, errors = _validate(cli, tmp_path, problem.replace(old, new))
    if "zero-answer" in new:  # the swapped-point and dead-component findings remain
        assert not any("all zero" in line for line in errors), errors
        return
    assert (status, errors) == (0, [])


def test_new_keys_are_checked_where_they_are_written(cli: Run, tmp_path: Path) -> None:
    status, errors = _validate(
        cli,
        tmp_path,
        SAME_EVERY_TIME.replace("hints: [Add.]", "hints: [Add.]\n  show: 2\n  allow: [zeros]"),
    )
    assert status == 1
    assert any("allow[0]" in line and "zero-answer" in line for line in errors), errors


def test_a_stem_with_an_answer_of_the_wrong_form_is_reported(cli: Run, tmp_path: Path) -> None:
    status, errors = _validate(
        cli,
        tmp_path,
        SAME_EVERY_TIME + "  stems:\n    - prompt: What is 2 + 2?\n      answer: {choice: A}\n",
    )
    assert status == 1
    assert any("stems[0]" in line and "`choice`" in line for line in errors), errors


def test_the_schema_publishes_the_new_keys(cli: Run) -> None:
    done = cli("schema")
    problem = __import__("json").loads(done.stdout)["$defs"]["ProblemSpec"]["properties"]
    assert {"stems", "show", "shuffle", "fixed", "allow"} <= set(problem)
