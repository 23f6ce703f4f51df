"""``python -m practice grade --jsonl``: grade JSON Lines requests from stdin, one
answer line per request line, flushed as it goes (../shared/contracts.md, section 1).

A line that is not a valid request still gets its answer line, with ``correct: false``
and an ``error``: instructors pipe whole files through this, and one bad line must not
cost them the rest.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from typing import IO, Any

from practice.grading import BadRequest
from practice.limits import LIMITS
from practice.workers import CLI_BUDGETS, Grading, open_grading

MAX_LINE = LIMITS.lengths.request_line  # characters; answers are far shorter (ReadLimits)
MAX_VARIABLES = LIMITS.lengths.request_variables
_KEYS = ("correct", "score", "feedback", "error")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "grade",
        help="grade answers given as JSON Lines on stdin",
        description="Read one JSON request per line on stdin, write one JSON result per "
        "line on stdout: {kind, expected, answer, variables?, rtol?, atol?} -> "
        "{correct, score, feedback, error}.",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        required=True,
        help="requests and results are JSON Lines (the only format)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # One worker, as the app grades (practice/workers): what this prints is what the app
    # says, and a request whose worker must be killed costs that request only.
    with open_grading(1, budgets=CLI_BUDGETS) as grading:
        answer_lines(_lines(sys.stdin.buffer), sys.stdout, grading)
    return 0


_MAX_BYTES = MAX_LINE * 4 + 8  # UTF-8 takes at most 4 bytes a character


def _lines(stream: IO[bytes]) -> Iterable[str]:
    """Lines of at most _MAX_BYTES: the rest of a longer one is skipped, not held in
    memory (a 1 GB line would otherwise be read whole), and what was read is still more
    than MAX_LINE characters, so the line gets its "too long" answer."""
    while raw := stream.readline(_MAX_BYTES):
        if len(raw) == _MAX_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(_MAX_BYTES)) and not rest.endswith(b"\n"):
                pass
        # a byte-order mark (Windows editors and PowerShell write one) is not part of the JSON
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n").lstrip("\ufeff")


def answer_lines(lines: Iterable[str], out: IO[str], grading: Grading) -> None:
    for line in lines:
        out.write(json.dumps(answer_line(line, grading)) + "\n")
        out.flush()


def answer_line(line: str, grading: Grading) -> dict[str, Any]:
    """The result object for one request line; never raises. It comes back within the
    contract's second: the worker stops a grading after ``LIMITS.time.grading`` of CPU
    time and the pool kills it at ``CLI_BUDGETS``' wall ceiling; parsing the line is
    bounded by its length."""
    try:
        request = _parse(line)
        result = grading.grade_request(
            request["kind"],
            request["expected"],
            request["answer"],
            variables=request["variables"],
            rtol=request["rtol"],
            atol=request["atol"],
        )
    except BadRequest as problem:
        return _failure(f"bad request: {problem}")
    except Exception as unexpected:  # noqa: BLE001 — one broken request must not end the stream
        return _failure(f"internal error while grading ({type(unexpected).__name__})")
    return {key: value for key, value in result.to_json().items() if key in _KEYS}


def _failure(error: str) -> dict[str, Any]:
    return {
        "correct": False,
        "score": 0.0,
        "feedback": "This request could not be graded.",
        "error": error,
    }


def _parse(line: str) -> dict[str, Any]:
    if len(line) > MAX_LINE:
        raise BadRequest(f"the line is too long (at most {MAX_LINE} characters)")
    try:
        request = json.loads(line)
    except (ValueError, RecursionError) as error:
        raise BadRequest("the line is not JSON") from error
    if not isinstance(request, dict):
        raise BadRequest("the request must be a JSON object")
    return {
        "kind": _text(request, "kind"),
        "expected": _text(request, "expected", numbers=True),
        "answer": _text(request, "answer", numbers=True),
        "variables": _variables(request.get("variables")),
        "rtol": _tolerance(request, "rtol"),
        "atol": _tolerance(request, "atol"),
    }


def _text(request: dict[str, Any], key: str, *, numbers: bool = False) -> str:
    value = request.get(key)
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if numbers and isinstance(value, float):
        if not math.isfinite(value):
            raise BadRequest(f"`{key}` must be a finite number or a string")
        return repr(value)
    raise BadRequest(f"`{key}` is missing or not a string")


def _variables(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise BadRequest("`variables` must be a list of names")
    if len(value) > MAX_VARIABLES:
        raise BadRequest(f"too many variables (at most {MAX_VARIABLES})")
    return value


def _tolerance(request: dict[str, Any], key: str) -> float | None:
    value = request.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"`{key}` must be a number")
    try:
        number = float(value)  # an integer like 10**400 does not fit: OverflowError
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise BadRequest(f"`{key}` must be a finite number")
    return number
