"""The bank format of problems in parts: what loads, and every fault on its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.banks.bank_file import BankFile
from practice.variants.check import check_problem
from tests.banks.bank_helpers import Load, issue_lines
from tests.variants.chain_bank import CHAIN

HEAD = """
- id: p
  level: A
  variables: [x, y]
  params: {a: {int: [1, 3]}, x0: {int: [1, 2]}, y0: {int: [1, 2]}}
  function: a*x^2*y
  prompt: 'Let $f = {{f}}$.'
  parts:
"""


def parts(body: str) -> str:
    """A problem ``p`` whose parts are ``body`` (written at the column of `parts:`)."""
    return HEAD + "\n".join("    " + line for line in body.strip("\n").splitlines()) + "\n"


def issues(write_bank: Callable[..., Path], load: Load, text: str) -> list[str]:
    write_bank(text)
    return issue_lines(load())


def test_a_chain_loads_with_its_dependencies(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(CHAIN)
    catalog = load()
    assert catalog.issues == []
    problem = catalog.problems["chain-two-steps"]
    assert [part.depends_on for part in problem.parts] == [(), (), (1, 2), (3,), (1, 2, 4)]
    assert [part.symbolic for part in problem.parts] == [True, True, False, False, False]
    assert problem.kind == "vector" and problem.level == "B"
    assert check_problem(problem, 3) == []


GRADIENT = """
- name: [g1, g2]
  kind: vector
  prompt: Gradient at the point.
  answer: {gradient: {at: [x0, y0]}}
  hints: [h]
"""


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (  # a forward reference
            """
- kind: vector
  prompt: Step.
  answer: {descent: {start: [x0, y0], rate: 0.1, gradient: [g1, g2]}}
  hints: [h]"""
            + GRADIENT,
            13,
            "parts.0.answer: uses `g1`, the answer of part 2, which comes later",
        ),
        (  # a circular one
            """
- name: [g1, g2]
  kind: vector
  prompt: Itself.
  answer: {value: [g1, 1]}
  hints: [h]
- kind: number
  prompt: More.
  answer: {value: g1}
  hints: [h]""",
            14,
            "parts.0.answer: uses `g1`, this part's own answer: a circular reference",
        ),
        (  # a name nobody gave
            GRADIENT
            + """
- kind: number
  prompt: Sum.
  answer: {value: g1 + g3}
  hints: [h]""",
            19,
            "parts.1.answer.value: cannot read `g1 + g3`: unknown name `g3`",
        ),
        (  # an earlier answer shown in a later prompt
            GRADIENT
            + """
- kind: vector
  prompt: 'Step from the point with gradient {{gradient}}.'
  answer: {descent: {start: [x0, y0], rate: 0.1, gradient: [g1, g2]}}
  hints: [h]""",
            18,
            "parts.1.prompt: `{{gradient}}` would show an earlier part's answer",
        ),
        (  # or in a hint, by its name
            GRADIENT
            + """
- kind: number
  prompt: First component.
  answer: {value: g1}
  hints: ['It is {{g1}}.']""",
            20,
            "parts.1.hints.0: `{{g1}}` would show an earlier part's answer",
        ),
    ],
)
def test_references_are_checked(
    write_bank: Callable[..., Path], load: Load, body: str, line: int, message: str
) -> None:
    [found] = issues(write_bank, load, parts(body))
    assert found.startswith(f"bank.yaml:{line}: p: "), found
    assert message in found, found


def test_earlier_answers_may_be_shown_in_a_solution(
    write_bank: Callable[..., Path], load: Load
) -> None:
    body = (
        GRADIENT
        + """
- kind: number
  prompt: First component.
  answer: {value: g1}
  hints: [Read it off.]
  solution: 'It is {{g1}}; the gradient was ({{g1}}, {{g2}}).'"""
    )
    assert issues(write_bank, load, parts(body)) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            """
- name: g
  kind: vector
  prompt: P.
  answer: {gradient: {}}
  hints: [h]
- {kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "a vector part takes one name per component",
        ),
        (
            """
- name: [g1]
  kind: vector
  prompt: P.
  answer: {gradient: {}}
  hints: [h]
- {kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "part 1: `name` has 1 names for 2 components",
        ),
        (
            """
- {name: a, kind: number, prompt: P., answer: {value: 1}, hints: [h]}
- {kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "part 1: `a` is already a variable or parameter",
        ),
        (
            """
- {name: u, kind: number, prompt: P., answer: {value: 1}, hints: [h]}
- {name: u, kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "part 2: `u` already names the answer of part 1",
        ),
        (
            """
- {kind: number, prompt: P., answer: {value: 1}, at: [1, 2], hints: [h]}
- {kind: number, prompt: Q., answer: {partial: {wrt: x}}, hints: [h]}""",
            "bank.yaml:12: p: parts[1]: this `partial` answer is a expression, not a number",
        ),
        (
            """
- {kind: number, prompt: P., answer: {value: x}, at: [1], hints: [h]}
- {kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "part 1: `at` has 1 coordinates but there are 2 variables",
        ),
        (
            """
- {kind: self-check, prompt: P., answer: {model_answer: M}, hints: [h]}
- {kind: number, prompt: Q., answer: {value: 1}, hints: [h]}""",
            "a part is one of `number`, `expression`, `vector`, `choice`, not `self-check`",
        ),
        (
            """
- {kind: number, prompt: P., answer: {value: 1}, hints: [h]}""",
            "parts: List should have at least 2 items",
        ),
    ],
)
def test_part_shapes_are_checked(
    write_bank: Callable[..., Path], load: Load, body: str, message: str
) -> None:
    found = issues(write_bank, load, parts(body))
    assert found and message in found[0], found


def test_a_part_key_on_the_problem_says_where_it_belongs(
    write_bank: Callable[..., Path], load: Load
) -> None:
    text = parts(
        """
- {kind: number, prompt: P., answer: {value: 1}, hints: [h]}
- {kind: number, prompt: Q., answer: {value: 2}, hints: [h]}"""
    ).replace("  parts:\n", "  kind: number\n  parts:\n")
    [found] = issues(write_bank, load, text)
    assert "`kind` belongs to each part of a problem with `parts`" in found


def test_validate_points_at_the_part_at_fault(write_bank: Callable[..., Path], load: Load) -> None:
    body = """
- name: u
  kind: number
  prompt: P.
  answer: {value: a - 2}
  hints: [h]
- kind: number
  prompt: Q.
  answer: {value: 1/u}
  hints: [h]"""
    write_bank(parts(body).replace("a: {int: [1, 3]}", "a: {choice: [2]}"))
    catalog = load()
    assert catalog.issues == []
    [problem] = catalog.problems.values()
    [finding] = check_problem(problem, 2)
    assert "undefined" in finding


def test_the_json_schema_describes_parts() -> None:
    schema = BankFile.model_json_schema()
    assert {"ProblemSpec", "MultiPartSpec", "PartSpec"} <= set(schema["$defs"])
    part = schema["$defs"]["PartSpec"]["properties"]
    assert {"name", "kind", "prompt", "answer", "at", "hints", "credit"} <= set(part)
