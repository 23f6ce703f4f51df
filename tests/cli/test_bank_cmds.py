"""The bank subcommands as a user runs them: real files, the contract's output formats and
exit statuses. They run in this process (``cli``); one test starts real processes, to
see that two of them print the same bytes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.banks.bank_helpers import bank_text
from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[2]
ISSUE_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<id>\S+): (?P<message>.+)$")

BANK = """
- id: cli-descent
  level: A
  kind: vector
  variables: [w1, w2]
  params: {a: {int: [3, 5]}, eta: {choice: [0.1, 0.5]}}
  answer: {descent: {start: [a, -1], rate: eta, gradient: [4, -2]}}
  prompt: 'From $w = {{start}}$ with $\\nabla L = {{gradient}}$ and $\\eta = {{rate}}$.'
  hints: [Subtract.]
- id: cli-partial
  level: A
  kind: expression
  variables: [x, y]
  params: {a: {int: [2, 4]}}
  function: a*x^2*y^3
  answer: {partial: {wrt: x}}
  prompt: 'Let $f = {{f}}$.'
  hints: [Hold y.]
- id: cli-choice
  level: B
  kind: choice
  prompt: Which way does the gradient point?
  choices:
    - {text: Uphill, feedback: Steepest ascent.}
    - {text: Downhill, feedback: That is minus the gradient.}
  answer: {choice: A}
  hints: [Think of ascent.]
  shuffle: false
  fixed: true
"""


Run = Callable[..., CliRun]


@pytest.fixture
def run(cli: Run) -> Run:
    def in_this_process(*args: str, banks: Path | None = None) -> CliRun:
        env = {"PRACTICE_BANKS": str(banks)} if banks is not None else {}
        return cli(*args, cwd=ROOT, **env)

    return in_this_process


def in_a_process(
    *args: str, banks: Path | None = None, hash_seed: str = "0"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    if banks is not None:
        env["PRACTICE_BANKS"] = str(banks)
    return subprocess.run(
        [sys.executable, "-m", "practice", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    (tmp_path / "cli.yaml").write_text(bank_text(BANK), encoding="utf-8")
    return tmp_path


def test_validate_a_good_bank(banks: Path, run: Run) -> None:
    done = run("validate", str(banks))
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        "1 bank, 3 problems, no errors",
        "  by kind:  expression 1, number 0, vector 1, choice 1, self-check 0, code 0, in parts 0",
        "  by level: A 2, B 1, C 0, D 0",
    ]
    assert done.stderr == ""


def test_validate_reports_each_error_on_its_line(banks: Path, run: Run) -> None:
    (banks / "bad.yaml").write_text(
        bank_text(BANK.replace("cli-", "bad-").replace("hints: [Hold y.]", "hint: [Hold y.]")),
        encoding="utf-8",
    )
    (banks / "broken.yaml").write_bytes(b"topic: \xff\n")
    done = run("validate", str(banks), "--variants", "3")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    errors = [line for line in lines if ISSUE_LINE.match(line)]
    assert len(errors) == 3, lines
    parsed = [ISSUE_LINE.match(line).groupdict() for line in errors]  # type: ignore[union-attr]
    by_file = {Path(p["file"]).name: p for p in parsed if p["id"] != "bad-partial"}
    assert by_file["broken.yaml"]["message"] == "not UTF-8 text"
    partial = [(p["line"], p["message"]) for p in parsed if p["id"] == "bad-partial"]
    assert partial == [
        ("12", "missing key `hints`"),
        ("20", "unknown key `hint` (did you mean `hints`?)"),
    ]
    assert lines[-3].startswith("2 banks, 5 problems, 3 errors")
    assert "Traceback" not in done.stderr


def test_validate_the_shipped_banks(run: Run) -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout
    assert "no errors" in done.stdout


def test_list_json(banks: Path, run: Run) -> None:
    done = run("list", "--json", banks=banks)
    assert done.returncode == 0
    rows = json.loads(done.stdout)
    assert [row["id"] for row in rows] == ["cli-descent", "cli-partial", "cli-choice"]
    assert {"id", "bank", "topic", "kind", "level"} <= set(rows[0])
    assert rows[2]["kind"] == "choice" and rows[2]["topic"] == "test-topic"


def test_preview_json_is_byte_identical_across_processes(banks: Path, run: Run) -> None:
    first = in_a_process(
        "preview", "cli-partial", "--seed", "5", "--json", banks=banks, hash_seed="1"
    )
    second = in_a_process(
        "preview", "cli-partial", "--seed", "5", "--json", banks=banks, hash_seed="2"
    )
    assert first.returncode == 0 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert {"id", "seed", "kind", "prompt", "answer", "hints", "solution", "variables"} <= set(data)
    assert data["variables"] == ["x", "y"] and data["seed"] == 5
    assert re.fullmatch(r"Let \$f = \d x\^\{2\} y\^\{3\}\$\.", data["prompt"])
    graded = run("check", "cli-partial", "--seed", "5", data["answer"], banks=banks)
    assert json.loads(graded.stdout)["correct"] is True


def test_preview_text_and_choices(banks: Path, run: Run) -> None:
    done = run("preview", "cli-choice", banks=banks)
    assert done.returncode == 0
    assert "## Choices\n\nA. Uphill\nB. Downhill" in done.stdout
    data = json.loads(run("preview", "cli-choice", "--json", banks=banks).stdout)
    assert data["choices"] == [{"label": "A", "text": "Uphill"}, {"label": "B", "text": "Downhill"}]
    assert data["answer"] == "A"


def test_check_names_the_mistake(banks: Path, run: Run) -> None:
    preview = run("preview", "cli-descent", "--seed", "2", "--json", banks=banks).stdout
    answer = json.loads(preview)["answer"]
    start, rate = _descent_inputs(preview)
    ascent = f"({start + rate * 4}, {-1 - rate * 2})"
    done = run("check", "cli-descent", "--seed", "2", ascent, banks=banks)
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert set(result) == {"correct", "score", "feedback", "error", "mistake"}
    assert result["correct"] is False and result["mistake"] == "descent-sign"
    assert json.loads(run("check", "cli-descent", "--seed", "2", answer, banks=banks).stdout)[
        "correct"
    ]


def _descent_inputs(preview_json: str) -> tuple[float, float]:
    prompt = json.loads(preview_json)["prompt"]
    start = float(re.search(r"w = \((-?[\d.]+),", prompt).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"\\eta = ([\d.]+)", prompt).group(1))  # type: ignore[union-attr]
    return start, rate


def test_check_takes_answers_that_start_with_a_minus(banks: Path, run: Run) -> None:
    done = run("check", "cli-partial", "--seed", "0", "-2x y^3", banks=banks)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["correct"] is False


def test_unknown_problem_is_one_line_and_exit_1(banks: Path, run: Run) -> None:
    done = run("preview", "cli-partail", banks=banks)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "unknown problem `cli-partail` (did you mean `cli-partial`?); "
        "`python -m practice list` shows them all"
    )
    assert run("check", "nope", "--seed", "1", "3", banks=banks).returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ("preview",),
        ("preview", "x", "--seed", "abc"),
        ("check", "x"),
        ("validate", "--variants", "0"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...], run: Run) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_schema_is_json_schema_for_bank_files(run: Run) -> None:
    done = run("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"topic", "title", "problems"} <= set(schema["properties"])
    problem = schema["$defs"]["ProblemSpec"]
    assert problem["additionalProperties"] is False
    assert {"id", "level", "kind", "prompt", "answer", "hints"} <= set(problem["required"])
    assert set(schema["$defs"]["ParamSpec"]["properties"]) == {
        "int",
        "decimal",
        "step",
        "choice",
        "not",
    }
