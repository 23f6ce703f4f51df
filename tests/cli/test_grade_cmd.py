"""`python -m practice grade --jsonl` as instructors use it: most requests run in this
process (``cli``, standard input given as text or bytes); the tests about the pipe
itself (an answer flushed per line, each within a second) drive a real process."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"correct", "score", "feedback", "error"}


Results = list[dict[str, object]]


@pytest.fixture
def run_grade(cli: Callable[..., CliRun]) -> Callable[[list[str]], tuple[Results, int]]:
    def grade_lines(lines: list[str]) -> tuple[Results, int]:
        done = cli("grade", "--jsonl", stdin="".join(line + "\n" for line in lines))
        assert done.stderr == ""
        return [json.loads(line) for line in done.stdout.splitlines()], done.returncode

    return grade_lines


RunGrade = Callable[[list[str]], tuple[Results, int]]


def test_one_result_per_request_in_order(run_grade: RunGrade) -> None:
    requests = [
        {"kind": "number", "expected": "3 + cos(2)", "answer": "2.5839"},
        {
            "kind": "expression",
            "expected": "sin(2x)",
            "answer": "2 sin(x) cos(x)",
            "variables": ["x"],
        },
        {"kind": "expression", "expected": "x^2 y", "answer": "x y^2", "variables": ["x", "y"]},
        {"kind": "vector", "expected": "(1, 2, 3)", "answer": "<1, 5, 3>"},
        {"kind": "choice", "expected": "A,C", "answer": "c a", "extra": "ignored"},
        {"kind": "number", "expected": "pi", "answer": "3.14", "rtol": 1e-3, "atol": 0},
    ]
    results, status = run_grade([json.dumps(r) for r in requests])
    assert status == 0
    assert [r["correct"] for r in results] == [True, True, False, False, True, True]
    assert results[3]["score"] == 2 / 3
    assert all(set(r) == KEYS for r in results)
    assert all(r["error"] is None for r in results)


def test_malformed_requests_get_their_line_and_processing_goes_on(run_grade: RunGrade) -> None:
    lines = [
        "not json",
        "",
        "[1, 2]",
        json.dumps({"kind": "bogus", "expected": "1", "answer": "1"}),
        json.dumps({"kind": "number", "expected": "1/0", "answer": "1"}),
        json.dumps({"kind": "number", "answer": "1"}),
        json.dumps({"kind": "number", "expected": "1", "answer": "1", "rtol": "big"}),
        json.dumps({"kind": "expression", "expected": "x", "answer": "x", "variables": "x"}),
        "[" * 100_000,
        json.dumps({"kind": "number", "expected": "2", "answer": "2"}),
    ]
    results, status = run_grade(lines)
    assert status == 0
    assert len(results) == len(lines)
    for result in results[:-1]:
        assert result["correct"] is False and result["score"] == 0
        assert isinstance(result["error"], str) and result["error"]
    assert results[-1]["correct"] is True


def test_unreadable_answers_say_why_with_a_caret(run_grade: RunGrade) -> None:
    results, _ = run_grade(
        [
            json.dumps(
                {"kind": "expression", "expected": "x*y", "answer": "2xq", "variables": ["x", "y"]}
            )
        ]
    )
    assert results[0]["error"] == (
        "unknown name `xq`: no variable `q` here — the variables here are x, y\n2xq\n  ^"
    )


def test_hostile_requests_are_answered_and_nothing_runs(
    tmp_path: Path, run_grade: RunGrade
) -> None:
    sentinel = tmp_path / "pwned"
    answers = [
        f"__import__('os').system('touch {sentinel}')",
        "9^9^9^9",
        "10**10**10",
        "2^(10^6)",
        "(" * 400 + "x",
        "x" * 10_000,
        "exp(exp(exp(exp(10))))",
        "lambda: 1",
        "\u0000\ud800",
    ]
    lines = [
        json.dumps({"kind": kind, "expected": "2", "answer": a})
        for a in answers
        for kind in ("number", "vector")
    ]
    results, status = run_grade(lines)
    assert status == 0 and len(results) == len(lines)
    assert not any(r["correct"] for r in results)
    assert not sentinel.exists()


def test_results_are_flushed_line_by_line() -> None:
    """An instructor's script can send a request and wait for its answer."""
    process = subprocess.Popen(
        [sys.executable, "-m", "practice", "grade", "--jsonl"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for answer, correct in (("0.5", True), ("0.6", False)):
            process.stdin.write(
                json.dumps({"kind": "number", "expected": "1/2", "answer": answer}) + "\n"
            )
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 60)
            assert ready, "no answer line before the next request"
            assert json.loads(process.stdout.readline())["correct"] is correct
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()


def test_help_and_bad_usage(cli: Callable[..., CliRun]) -> None:
    help_run = cli("grade", "--help")
    assert help_run.returncode == 0 and "--jsonl" in help_run.stdout
    bad = cli("grade")
    assert bad.returncode == 2


def test_odd_request_fields_get_a_clear_error_not_an_internal_one(run_grade: RunGrade) -> None:
    """Found by the QA pass: an integer tolerance too big for a float crashed the request
    with `internal error (OverflowError)`, and a JSON 1e999 answer read as `inf`."""
    lines = [
        '{"kind": "number", "expected": "1", "answer": "1", "rtol": ' + "1" + "0" * 400 + "}",
        '{"kind": "number", "expected": "1", "answer": "1", "atol": 1e999}',
        '{"kind": "number", "expected": "1", "answer": 1e999}',
        '{"kind": "number", "expected": "1", "answer": NaN}',
    ]
    results, status = run_grade(lines)
    assert status == 0 and len(results) == len(lines)
    for result in results:
        assert result["correct"] is False
        assert isinstance(result["error"], str) and result["error"].startswith("bad request: `")
        assert "internal" not in result["error"]


def test_a_byte_order_mark_and_crlf_do_not_spoil_a_line(cli: Callable[..., CliRun]) -> None:
    done = cli(
        "grade",
        "--jsonl",
        stdin=b'\xef\xbb\xbf{"kind": "number", "expected": "1", "answer": "1"}\r\n'
        b'{"kind": "number", "expected": "2", "answer": "2"}\r\n',
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["correct"] for r in results] == [True, True]


def test_expression_variables_are_optional(run_grade: RunGrade) -> None:
    """The contract marks `variables` optional: without them the expected answer's own
    names are the variables, and other names in the answer are still refused."""
    requests = [
        {"kind": "expression", "expected": "2*x*y^3 + 4*y", "answer": "2x y^3 + 4y"},
        {"kind": "expression", "expected": "2*x*y^3 + 4*y", "answer": "2x y^3 + 4z"},
        {"kind": "expression", "expected": "exp(x) + pi", "answer": "e^x + π", "variables": None},
        {"kind": "vector", "expected": "(2*x, 1)", "answer": "<2x, 1>"},
    ]
    results, _ = run_grade([json.dumps(r) for r in requests])
    assert [r["correct"] for r in results] == [True, False, True, True]
    assert "unknown name `z`" in str(results[1]["error"])


def test_a_reference_written_as_students_write_it_names_its_letters(run_grade: RunGrade) -> None:
    """`2xy` as the expected text, with no `variables`, is read in x and y (not in a
    variable `xy`), so `2*x*y` and `2 y x` are right; `eta` and `w1` stay one name each."""
    requests = [
        {"kind": "expression", "expected": "2xy", "answer": "2*x*y"},
        {"kind": "expression", "expected": "2xy", "answer": "2 y x"},
        {"kind": "expression", "expected": "ye^(xy)", "answer": "y exp(x y)"},
        {"kind": "expression", "expected": "w1 - eta*g", "answer": "w1 - eta g"},
        {"kind": "expression", "expected": "2xy", "answer": "2x"},
    ]
    results, _ = run_grade([json.dumps(r) for r in requests])
    assert [r["correct"] for r in results] == [True, True, True, True, False]
    assert all(r["error"] is None for r in results)


def _hostile_lines() -> list[str]:
    number = [
        "9^9^9^9",
        "10**10**10",
        "factorial(1000000)",
        "!",
        "tan(pi/2)",
        "0/0",
        "1/0",
        "ln(0)",
        "sqrt(-1)",
        "e^(e^(e^9))",
        "sin(10^100)",
        "exp(100000)",
        "0.1^1000",
        "1e-999",
        "(" * 39 + "1" + ")" * 39,
        "sin(" * 40 + "1" + ")" * 40,
        "|" * 100,
        "1" * 499,
        "\u200f1\u200e",
        "1\u0301",
        "\ud800",
        "\x00",
        "\U0001f600",
        "\u202e1",
        "\ufdfd",
    ]
    expression = [
        # nested functions of variables: sympy's own questions while building them (is the
        # argument real? algebraic?) multiply; these took from seconds to many minutes
        "sinh(sec(acos(sinh(csc(csc(acos(asin(x^2))))))))",
        "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2",
        "log2(log2(atan(sinh(asinh(ln(asinh(atanh(asin(asinh(acosh(sinh(ln(acosh(sec(acos(acosh(log2(cot(asin(tanh(asinh(atanh(acos(cot(acosh(log2(sinh(log2(log10(ln(csc(log2(acos(asinh(sec(tanh(cot(x-2))))))))))))))))))))))))))))))))))))",
        "x^(10^6)",
        "x^1000",
        "exp(x^1000)",
        "x^x^x^x^x^x",
        "sin(10^100 x)",
        "x^0.5^0.5^0.5^0.5^0.5^0.5^0.5^0.5^0.5^0.5",
        "log(log(log(log(log(x)))))",
        "exp(exp(x))^exp(exp(x))",
        "*".join(["(x+1.0001)^999"] * 9),
        "x+x" * 120,
    ]
    requests: list[object] = [{"kind": "number", "expected": "2", "answer": a} for a in number]
    requests += [
        {"kind": "expression", "expected": "x^2", "answer": a, "variables": ["x", "y"]}
        for a in expression
    ]
    requests += [
        {"kind": "vector", "expected": "(" + "1," * 25 + "1)", "answer": "1"},
        {"kind": "choice", "expected": "A," * 20_000, "answer": "B"},
        {"kind": "number", "expected": "1", "answer": [1]},
        {"kind": "number", "expected": "1", "answer": "1", "rtol": -1},
        {"kind": "expression", "expected": "x", "answer": "x", "variables": ["x"] * 1000},
    ]
    raw = [
        "",
        "not json",
        "[" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        '{"kind": "number", "expected": "1", "answer": "' + "x" * 200_000 + '"}',
    ]
    return [json.dumps(r) for r in requests] + raw


def test_every_hostile_request_is_answered_within_a_second_in_order() -> None:
    """One process, one request at a time, as a driver would: each hostile line is
    followed by a plain request, so a missing, extra or misordered line shows at once."""
    process = subprocess.Popen(
        [sys.executable, "-m", "practice", "grade", "--jsonl"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="surrogatepass",
    )
    assert process.stdin is not None and process.stdout is not None
    marker = json.dumps({"kind": "number", "expected": "7", "answer": "7"})

    def ask(line: str, seconds: float) -> dict[str, object]:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(line + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], seconds)
        assert ready, f"no answer within {seconds} s to {line[:80]!r}"
        result: dict[str, object] = json.loads(process.stdout.readline())
        assert set(result) == KEYS
        return result

    try:
        ask(marker, 60)  # start-up and imports are not the grader's time
        for line in _hostile_lines():
            result = ask(line, 1.0)
            assert result["correct"] is False, line[:80]
            assert ask(marker, 1.0)["correct"] is True
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()


def test_an_endless_line_is_skipped_without_reading_it_whole(cli: Callable[..., CliRun]) -> None:
    """A line far over the limit is answered "too long" and the next one still graded;
    the last line may lack its newline."""
    huge = '{"kind": "number", "expected": "1", "answer": "' + "\U0001f600" * 3_000_000 + '"}\n'
    done = cli(
        "grade",
        "--jsonl",
        stdin=(huge + '{"kind": "number", "expected": "1", "answer": "1"}').encode(),
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["correct"] for r in results] == [False, True]
    assert "too long" in str(results[0]["error"])
