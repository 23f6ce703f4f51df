"""Every schema error a bank can have is reported as FILE:LINE: PROBLEM_ID: message,
with the line of the offending YAML node, and never stops the rest from loading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.banks import Catalog, load_catalog
from practice.banks.yamlsource import MAX_FILE_BYTES
from tests.banks.bank_helpers import BANK_HEADER, bank_text, issue_lines

# Lines 1-3 are the header; the problem starts on line 4.
VALID = """
- id: p1
  level: A
  kind: number
  prompt: What is 1 + 1?
  hints: [Add.]
  answer: {value: 2}
"""

Load = Callable[[], Catalog]


def test_a_valid_problem_loads_without_issues(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID)
    catalog = load()
    assert catalog.issues == []
    assert list(catalog.problems) == ["p1"]
    assert catalog.banks[0].topic == "test-topic"
    assert catalog.banks[0].problem_ids == ("p1",)


def test_unknown_key_names_its_line_and_the_likely_key(
    write_bank: Callable[..., Path], load: Load
) -> None:
    write_bank(VALID.replace("hints: [Add.]", "hints: [Add.]\n  hint: [Twice.]"))
    assert issue_lines(load()) == ["bank.yaml:9: p1: unknown key `hint` (did you mean `hints`?)"]


def test_unknown_key_in_a_nested_mapping(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace("answer: {value: 2}", "answer:\n    partial: {wrt: x, att: [1]}")
    text = text.replace("kind: number", "kind: number\n  variables: [x]\n  function: x^2")
    write_bank(text)
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:12: p1: ")
    assert "unknown key `att` (did you mean `at`?)" in line


def test_wrong_type_points_at_the_value(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("level: A", "level: E"))
    assert issue_lines(load()) == ["bank.yaml:5: p1: level: Input should be 'A', 'B', 'C' or 'D'"]


def test_missing_key_points_at_the_problem(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("  answer: {value: 2}\n", ""))
    assert issue_lines(load()) == ["bank.yaml:4: p1: missing key `answer`"]


def test_text_with_colon_space_explains_the_yaml_trap(
    write_bank: Callable[..., Path], load: Load
) -> None:
    write_bank(VALID.replace("hints: [Add.]", "hints:\n    - Note: add them."))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:9: p1: hints[0]: ")
    assert "quote the whole text" in line


def test_yaml_syntax_error_has_its_line(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("hints: [Add.]", "hints: [Add.\n  tags: [a]"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:") and ": -: YAML syntax error" in line
    assert int(line.split(":")[1]) in (8, 9, 10)


def test_duplicate_key_is_an_error(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("kind: number", "kind: number\n  level: B"))
    assert issue_lines(load()) == [
        "bank.yaml:7: p1: key `level` appears twice in one mapping (first on line 5)"
    ]


def test_duplicate_ids_across_banks(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID, "a.yaml")
    write_bank(VALID.replace("What is", "Tell me"), "b.yaml")
    catalog = load()
    assert len(catalog.problems) == 1
    [line] = issue_lines(catalog)
    assert line.startswith("b.yaml:4: p1: id `p1` is already used at ")
    assert line.endswith("a.yaml:4; ids must be unique across banks")
    assert "b.yaml" in catalog.issues[0].file


def test_empty_int_range(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("kind: number", "kind: number\n  params:\n    a: {int: [5, 2]}"))
    assert issue_lines(load()) == ["bank.yaml:8: p1: params.a: empty range: int [5, 2]"]


def test_every_value_excluded(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(
        VALID.replace(
            "kind: number", "kind: number\n  params:\n    a: {choice: [1, 2], not: [1, 2.0]}"
        )
    )
    assert issue_lines(load()) == [
        "bank.yaml:8: p1: params.a: `a` has no value left once `not` is applied"
    ]


def test_param_needs_exactly_one_source(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(
        VALID.replace("kind: number", "kind: number\n  params:\n    a: {int: [1, 2], choice: [3]}")
    )
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:8: p1: params.a: a parameter needs exactly one of")


def test_unknown_placeholder(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace("kind: number", "kind: number\n  params:\n    a: {int: [1, 3]}")
    write_bank(text.replace("What is 1 + 1?", "What is {{a}} + {{b}}?"))
    [line] = issue_lines(load())
    assert line == "bank.yaml:9: p1: prompt: unknown placeholder `{{b}}` (known here: a, precision)"


def test_answer_is_not_a_placeholder_in_the_prompt(
    write_bank: Callable[..., Path], load: Load
) -> None:
    write_bank(VALID.replace("What is 1 + 1?", "Show {{answer}}"))
    [line] = issue_lines(load())
    assert "unknown placeholder `{{answer}}`" in line


def test_expression_in_placeholder_is_reported(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("hints: [Add.]", "hints:\n    - Add.\n    - 'Twice {{ 1+1 }}'"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:10: p1: hints.1: `{{ 1+1 }}` is not a placeholder")


def test_unreadable_function_names_the_reason(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace(
        "kind: number", "kind: expression\n  variables: [x, y]\n  function: x^2 + z"
    )
    write_bank(text.replace("answer: {value: 2}", "answer: {partial: {wrt: x}}"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:8: p1: function: cannot read `x^2 + z`: unknown name `z`")


def test_bank_expressions_are_never_executed(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace(
        "answer: {value: 2}", "answer: {value: \"__import__('os').system('true')\"}"
    )
    write_bank(text)
    [line] = issue_lines(load())
    assert "answer.value: cannot read" in line


def test_constraint_without_comparison(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace(
        "kind: number", "kind: number\n  params:\n    a: {int: [1, 3]}\n  constraints: [a + 1]"
    )
    write_bank(text)
    assert issue_lines(load()) == [
        "bank.yaml:9: p1: constraints.0: `a + 1` compares nothing: write e.g. `a != b` or `a + b > 0`"
    ]


def test_kind_and_answer_must_agree(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace("kind: number", "kind: number\n  variables: [x]\n  function: x^2")
    write_bank(text.replace("answer: {value: 2}", "answer: {partial: {wrt: x}}"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:4: p1: this `partial` answer is a expression, not a number")


def test_double_quoted_latex_loses_its_backslash(
    write_bank: Callable[..., Path], load: Load
) -> None:
    write_bank(VALID.replace("hints: [Add.]", 'hints: ["\\\\nabla f"]'.replace("\\\\", "\\")))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:8: p1: in double quotes a backslash is a YAML escape")


def test_one_bad_problem_leaves_the_others(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID + VALID.replace("id: p1", "id: p2").replace("level: A", "level: Z"))
    catalog = load()
    assert list(catalog.problems) == ["p1"]
    assert issue_lines(catalog) == ["bank.yaml:12: p2: level: Input should be 'A', 'B', 'C' or 'D'"]


def test_a_broken_bank_never_stops_the_others(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID, "good.yaml")
    write_bank("topic: [unclosed\n", "broken.yaml", raw=True)
    catalog = load()
    assert list(catalog.problems) == ["p1"]
    assert len(catalog.issues) == 1 and catalog.issues[0].file.endswith("broken.yaml")


def test_header_errors_are_reported_above_any_problem(
    write_bank: Callable[..., Path], load: Load
) -> None:
    write_bank(
        "topic: Bad Topic\ntitle: T\nproblems:\n" + bank_text(VALID)[len(BANK_HEADER) :], raw=True
    )
    catalog = load()
    assert issue_lines(catalog)[0].startswith(
        "bank.yaml:1: -: topic: `Bad Topic` is not a valid slug"
    )
    assert list(catalog.problems) == ["p1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"- just\n- a list\n", "a bank is a mapping"),
        (b"topic: t\ntitle: caf\xe9\n", "not UTF-8 text"),
        (b"topic: t\x00\n", "NUL byte"),
        (b"topic: t\ntitle: T\n", "missing key `problems`"),
        (b"topic: t\ntitle: T\nproblems: []\n", "`problems` must be a list"),
        (b"[" * 5000 + b"]" * 5000, "nested too deeply"),
        (b"topic: !!python/object/apply:os.system [echo hacked]\n", "is not allowed in a bank"),
        (b"topic: a\n---\ntopic: b\n", "YAML syntax error"),
    ],
)
def test_files_that_are_not_banks(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "x.yaml").write_bytes(content)
    catalog = load_catalog([tmp_path])
    assert any(message in issue.message for issue in catalog.issues), catalog.issues
    assert catalog.problems == {}


def test_yaml_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert [issue.message for issue in catalog.issues] == [
        "YAML expands to more than 200000 nodes (aliases?)"
    ]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    [issue] = load_catalog([tmp_path]).issues
    assert "larger than" in issue.message


def test_folder_given_as_a_file_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    catalog = load_catalog([tmp_path / "folder.yaml" / "..", tmp_path / "nope.yaml"])
    messages = sorted(issue.message for issue in catalog.issues)
    assert messages == ["no such file or folder"]
    catalog = load_catalog([tmp_path])  # a folder that ends in .yaml is walked, not read
    assert catalog.issues == []


def test_aliases_within_bounds_are_fine(write_bank: Callable[..., Path], load: Load) -> None:
    text = VALID.replace("hints: [Add.]", "hints: &h [Add.]") + VALID.replace(
        "id: p1", "id: p2"
    ).replace("hints: [Add.]", "hints: *h")
    write_bank(text)
    catalog = load()
    assert catalog.issues == [] and sorted(catalog.problems) == ["p1", "p2"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("{choice: ['1e999999']}", "is outside"),
        ("{decimal: [0, 1], step: 1.000000001}", "more than 8 decimal places"),
        ("{int: [0, 10000000000000]}", "less than or equal to 1000000000000"),
    ],
)
def test_parameters_are_bounded(
    write_bank: Callable[..., Path], load: Load, params: str, message: str
) -> None:
    write_bank(VALID.replace("kind: number", f"kind: number\n  params:\n    a: {params}"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:8: p1: params.a") and message in line


@pytest.mark.parametrize(
    ("name", "message"), [("sin", "function or constant"), ("f", "built-in placeholder")]
)
def test_names_that_would_shadow_are_refused(
    write_bank: Callable[..., Path], load: Load, name: str, message: str
) -> None:
    write_bank(
        VALID.replace("kind: number", f"kind: number\n  params:\n    {name}: {{int: [1, 2]}}")
    )
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:4: p1: ") and message in line


def test_yes_and_no_are_not_text_in_yaml(write_bank: Callable[..., Path], load: Load) -> None:
    write_bank(VALID.replace("hints: [Add.]", "hints: [yes]"))
    [line] = issue_lines(load())
    assert line.startswith("bank.yaml:8: p1: hints[0]: Input should be a valid string — YAML reads")
