"""Ordinary runs: what a learner's file gets inside, and what comes back out."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from practice.sandbox import Call, SandboxUnavailable, array, function, learner, run_function
from practice.sandbox.compare import Expected
from practice.sandbox.settings import UNSAFE_SETTING
from tests.sandbox.helpers import F_SOURCE, RIGHT, Grade, alive_with, expected_gradient


def test_bubblewrap_is_installed() -> None:
    """CI and the app need it: the project's scripts install Debian's bubblewrap."""
    assert shutil.which("bwrap"), (
        "bwrap missing: run scripts/test.sh as root or apt-get install bubblewrap"
    )


def test_a_right_function_passes_every_test(grade: Grade) -> None:
    report, checks = grade(RIGHT)
    assert [c.passed for c in checks] == [True, True]
    assert checks[0].message.startswith("got (")
    assert report.stopped is None and report.load_error is None


def test_forward_differences_are_close_but_not_close_enough(grade: Grade) -> None:
    forward = RIGHT.replace("(f(v + step) - f(v - step)) / (2 * h)", "(f(v + step) - f(v)) / h")
    report, checks = grade(forward)
    assert not any(c.passed for c in checks)
    assert checks[0].message.startswith("expected (")


def test_one_failing_test_leaves_the_others(grade: Grade) -> None:
    source = RIGHT.replace(
        "    v = np.asarray", "    if v[0] < 0:\n        1 / 0\n    v = np.asarray"
    )
    report, checks = grade(source)
    assert [c.passed for c in checks] == [True, False]
    assert "ZeroDivisionError: division by zero (solution.py, line 5)" in checks[1].message


def test_prints_are_kept_and_a_main_block_does_not_run(grade: Grade) -> None:
    source = RIGHT + "\nprint('loaded')\nif __name__ == '__main__':\n    print('main ran')\n"
    report, checks = grade(source)
    assert report.stdout == "loaded\n"
    assert all(c.passed for c in checks)


def test_arguments_are_rebuilt_for_every_test(grade: Grade) -> None:
    """A function that edits ``v`` or swaps ``f``'s code changes only its own test."""
    spoil = "def spoil(f, v):\n    v[0] = 99.0\n    f.__code__ = (lambda v: 0.0).__code__\n    return 1\n"
    point = [1.2, -0.4]
    calls = [
        Call((function("f", F_SOURCE), array(point)), target=learner("spoil")),
        Call((function("f", F_SOURCE), array(point))),
    ]
    expected = [Expected(1), Expected(expected_gradient(point))]
    report, checks = grade(spoil + RIGHT, calls, expected)
    assert [c.passed for c in checks] == [True, True], checks


def test_keyword_arguments_and_an_instructors_probe(grade: Grade) -> None:
    """An instructor's probe receives the learner's function and reports data: here,
    how many times ``f`` was called for a 3-vector (central differences: 6)."""
    probe = (
        "def calls_made(numerical_gradient):\n"
        "    count = [0]\n"
        "    def f(v):\n"
        "        count[0] += 1\n"
        "        return float(np.sum(v ** 2))\n"
        "    numerical_gradient(f, np.array([1.0, 2.0, 3.0]), h=1e-4)\n"
        "    return count[0]\n"
    )
    calls = [
        Call((learner("numerical_gradient"),), target=function("calls_made", probe)),
        Call((function("f", F_SOURCE), array([1.2, -0.4])), {"h": 1e-3}),
    ]
    expected = [Expected(6), Expected(expected_gradient((1.2, -0.4)), rtol=1e-5)]
    report, checks = grade(RIGHT, calls, expected)
    assert [c.passed for c in checks] == [True, True], checks


def test_what_the_function_returns_comes_back_as_data(grade: Grade) -> None:
    source = (
        "import numpy as np\n"
        "class Thing: pass\n"
        "def numerical_gradient(f, v, h=1e-5):\n"
        "    return {'a': np.float32(1.5), 'b': (True, None, 'w'), 'c': Thing(), 'd': 1j,\n"
        "            'e': np.eye(2), 'f': 10**400, 'g': np.zeros(200_000)}\n"
    )
    report, _ = grade(source, expected=[Expected(0)] * 2)
    value = report.outcomes[0].value
    assert value["a"] == 1.5 and value["b"] == [True, None, "w"]
    assert value["c"] == {"$object": "a Thing object"}
    assert value["d"] == {"$object": "a complex number"}
    assert value["e"] == [[1.0, 0.0], [0.0, 1.0]]
    assert value["f"] == {"$object": "a very large integer"}
    assert value["g"] == {"$object": "a value too large to report"}


def test_a_file_too_long_is_not_run(grade: Grade) -> None:
    report, checks = grade("#" * 70_000)
    assert report.run_id == "" and not report.loaded
    assert all("longer than 64 KiB" in c.message for c in checks)


def test_without_bubblewrap_grading_fails_closed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no bwrap, no setpriv
    monkeypatch.delenv(UNSAFE_SETTING, raising=False)
    with pytest.raises(SandboxUnavailable, match="`bwrap` is not installed"):
        run_function(RIGHT, "numerical_gradient", [])


def test_the_unsandboxed_setting_is_refused_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv(UNSAFE_SETTING, "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(SandboxUnavailable, match="refused when CI is set"):
        run_function(RIGHT, "numerical_gradient", [])


def test_the_unsandboxed_setting_runs_a_plain_subprocess(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A developer's machine without bubblewrap: only with the exact setting, and only
    benign code here (this path does not contain hostile code)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv(UNSAFE_SETTING, "yes")
    with pytest.raises(SandboxUnavailable):
        run_function(RIGHT, "numerical_gradient", [])
    monkeypatch.setenv(UNSAFE_SETTING, "1")
    call = Call((function("f", F_SOURCE), array([1.2, -0.4])))
    report = run_function(RIGHT + "import os\nprint(os.getcwd())\n", "numerical_gradient", [call])
    assert not report.sandboxed
    assert report.outcomes[0].returned and len(report.outcomes[0].value) == 2
    assert report.stdout.startswith("/tmp/practice-unsandboxed-")
    assert not Path(report.stdout.strip()).exists()  # its scratch folder is gone
    assert alive_with(report.run_id) == []


def test_the_sandbox_user_is_not_root_outside(grade: Grade) -> None:
    """As root, the sandbox drops to an unprivileged user before its user namespace,
    so the process limit holds; its uid map shows where it lands."""
    source = RIGHT + "\nprint(open('/proc/self/uid_map').read().split())\n"
    report, _ = grade(source)
    inside, outside, _count = ast.literal_eval(report.stdout.strip().splitlines()[-1])
    assert inside == "65534"
    assert outside != "0"
