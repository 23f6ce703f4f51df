"""``check ID --seed N --file solution.py`` on the shipped code problems, in this process
(the grading worker it starts runs the file in the sandbox): the contract's JSON with a
verdict per test, exit 0 whenever the file was graded, whatever it holds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = "ml-implement-numerical-gradient"
RIGHT = """\
import numpy as np

def numerical_gradient(f, v, h=1e-5):
    v = np.asarray(v, dtype=float)
    g = np.zeros_like(v)
    for i in range(v.size):
        e = np.zeros_like(v)
        e[i] = h
        g[i] = (f(v + e) - f(v - e)) / (2 * h)
    return g
"""

Run = Callable[..., CliRun]


@pytest.fixture
def check(cli: Run) -> Run:
    def run(*args: str, stdin: str | bytes = "") -> CliRun:
        return cli("check", PROBLEM, "--seed", "3", *args, cwd=ROOT, stdin=stdin)

    return run


def verdict(done: CliRun) -> dict[str, object]:
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    assert {"correct", "score", "feedback", "tests"} <= set(found)
    return found


def test_a_right_file_passes_every_test(check: Run, tmp_path: Path) -> None:
    path = tmp_path / "solution.py"
    path.write_text(RIGHT, encoding="utf-8")
    found = verdict(check("--file", str(path)))
    assert found["correct"] is True and found["score"] == 1.0
    tests = found["tests"]
    assert isinstance(tests, list) and len(tests) == 6
    assert all(set(t) == {"name", "passed", "message"} and t["passed"] for t in tests)


def test_a_wrong_file_from_standard_input_gets_partial_credit(check: Run) -> None:
    forward = RIGHT.replace("(f(v + e) - f(v - e)) / (2 * h)", "(f(v + e) - f(v)) / h")
    found = verdict(check("--file", "-", stdin=forward))
    assert found["correct"] is False and 0 < float(str(found["score"])) < 1
    failing = [t for t in found["tests"] if not t["passed"]]  # type: ignore[attr-defined]
    assert failing and "expected" in failing[0]["message"] and "allowed" in failing[0]["message"]


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff\xfe junk", b"def numerical_gradient(f, v:\n", b"import os\nos._exit(3)\n", b""],
)
def test_any_file_is_graded_with_exit_0(check: Run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "solution.py"
    path.write_bytes(content)
    found = verdict(check("--file", str(path)))
    assert found["correct"] is False and found["score"] == 0.0
    assert len(found["tests"]) == 6  # type: ignore[arg-type]


def test_usage_errors_are_exit_2(check: Run, tmp_path: Path) -> None:
    missing = check("--file", str(tmp_path / "nope.py"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    both = check("--file", str(tmp_path / "nope.py"), "x")
    assert both.returncode == 2 and "not both" in both.stderr
