"""The command line's contract for problems in parts (../shared/contracts.md, "Problems
in parts"): `list --json` counts the parts, `preview --json` lists them, `--given`
re-derives the later ones, `check -- A1 A2 …` grades one answer per part."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.banks.bank_helpers import bank_text
from tests.conftest import CliRun
from tests.variants.chain_bank import CARRIED, CHAIN, LOSS, RIGHT

Run = Callable[..., CliRun]
ONE_PART = """
- id: one-part
  level: A
  kind: number
  prompt: What is 1 + 1?
  answer: {value: 2}
  hints: [Add.]
  fixed: true
"""


@pytest.fixture
def run(cli: Run, tmp_path: Path) -> Run:
    (tmp_path / "chains.yaml").write_text(bank_text(CHAIN + LOSS + ONE_PART), encoding="utf-8")

    def in_this_process(*args: str) -> CliRun:
        return cli(*args, PRACTICE_BANKS=str(tmp_path))

    return in_this_process


def test_list_counts_the_parts(run: Run) -> None:
    done = run("list", "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert rows["chain-two-steps"]["parts"] == 5
    assert rows["chain-loss"]["parts"] == 3
    assert "parts" not in rows["one-part"]


def test_preview_lists_every_part(run: Run) -> None:
    done = run("preview", "chain-two-steps", "--seed", "3", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"id", "seed", "kind", "prompt", "answer", "hints", "solution"} <= set(data)
    parts = data["parts"]
    assert [part["answer"] for part in parts] == [
        "3*y + 4*x",
        "2*y + 3*x",
        "(-2, -2)",
        "(-1.8, 2.2)",
        "(-1.74, 2.3)",
    ]
    assert [part["depends_on"] for part in parts] == [[], [], [1, 2], [3], [1, 2, 4]]
    for part in parts:
        assert {"kind", "prompt", "answer", "depends_on", "hints", "solution"} <= set(part)
        assert isinstance(part["hints"], list) and part["hints"]
    assert parts[0]["kind"] == "expression" and parts[0]["variables"] == ["x", "y"]
    assert data["answer"] == parts[-1]["answer"]
    assert run("preview", "chain-two-steps", "--seed", "3", "--json").stdout == done.stdout


def test_preview_text_shows_the_parts(run: Run) -> None:
    done = run("preview", "chain-two-steps", "--seed", "3")
    assert done.returncode == 0
    assert "## Part 3 — vector (uses the answers of parts 1, 2)" in done.stdout
    assert "Answer: (-1.74, 2.3)" in done.stdout


def test_given_re_derives_the_later_parts(run: Run) -> None:
    done = run("preview", "chain-two-steps", "--seed", "3", "--json", "--given", "1=4x")
    assert done.returncode == 0, done.stderr
    answers = [part["answer"] for part in json.loads(done.stdout)["parts"]]
    assert answers[2:] == ["(-8, -2)", "(-1.2, 2.2)", "(-0.72, 2.12)"]
    both = run("preview", "chain-two-steps", "--json", "--given", "1=4x", "--given", "4=(1, 0)")
    assert json.loads(both.stdout)["parts"][4]["answer"] == "(0.6, -0.3)"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("--given", "x"), 2, "expected PART=ANSWER"),
        (("--given", "5=(1, 2)"), 1, "a part before the last, from 1 to 4"),
        (("--given", "1=4x +"), 1, "--given 1: could not read `4x +`"),
    ],
)
def test_bad_given(run: Run, args: tuple[str, ...], status: int, message: str) -> None:
    done = run("preview", "chain-two-steps", *args)
    assert done.returncode == status
    assert message in done.stderr and "Traceback" not in done.stderr


def test_given_on_a_one_part_problem(run: Run) -> None:
    done = run("preview", "one-part", "--given", "1=2")
    assert done.returncode == 1 and "`--given` is for problems in parts" in done.stderr


def test_check_grades_one_answer_per_part(run: Run) -> None:
    done = run("check", "chain-two-steps", "--seed", "3", "--", *RIGHT)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"parts", "score", "correct"}
    assert data["correct"] is True and data["score"] == 1.0
    for part in data["parts"]:
        assert set(part) == {"correct", "score", "follow_through", "mistake", "feedback", "error"}


def test_check_credits_a_consistent_chain(run: Run) -> None:
    data = json.loads(run("check", "chain-two-steps", "--seed", "3", "--", *CARRIED).stdout)
    assert [(p["correct"], p["follow_through"]) for p in data["parts"]] == [
        (False, False),
        (True, False),
        (True, True),
        (True, True),
        (True, True),
    ]
    assert data["parts"][0]["mistake"] == "held-variable-zero"
    assert [p["mistake"] for p in data["parts"][1:]] == [None] * 4
    assert data["score"] == pytest.approx(0.8) and data["correct"] is False


def test_check_with_parts_left_out_grades_them_as_empty(run: Run) -> None:
    data = json.loads(run("check", "chain-loss", "--", "(-4, -4)").stdout)
    assert [p["correct"] for p in data["parts"]] == [True, False, False]
    assert data["parts"][2]["error"] is not None


def test_check_refuses_more_answers_than_parts(run: Run) -> None:
    done = run("check", "chain-loss", "--", "1", "2", "3", "4")
    assert done.returncode == 2
    assert "takes 3 answer(s), got 4" in done.stderr
    done = run("check", "one-part", "2", "3")
    assert done.returncode == 2


def test_check_of_a_one_part_problem_keeps_its_output(run: Run) -> None:
    data = json.loads(run("check", "one-part", "--", "2").stdout)
    assert data["correct"] is True and "parts" not in data


def test_validate_counts_problems_in_parts(run: Run) -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout
    assert "in parts 2" in done.stdout
