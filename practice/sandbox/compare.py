"""The verdict on one test, computed outside the sandbox.

The expected value comes from the reference (sympy, in the server's process) and
never enters the sandbox; what the learner's function returned arrives as JSON data.
Numbers are compared elementwise as ``|got − expected| ≤ atol + rtol·|expected|``; a
NaN or an infinity is never right; anything that is not numbers (a list of flags, a
word) must be equal, type for type. Messages say what was expected and what came.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from practice.sandbox.report import CallOutcome

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-9


@dataclass(frozen=True)
class Expected:
    value: Any  # a number, nested lists of numbers, or exact data (flags, words)
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    numeric: bool = True


@dataclass(frozen=True)
class Check:
    passed: bool
    message: str


def check(outcome: CallOutcome, expected: Expected) -> Check:
    want = describe(expected.value)
    if not outcome.returned:
        return Check(False, f"expected {want}, but {outcome.error or 'it failed'}")
    if expected.numeric:
        return _check_numbers(outcome.value, expected, want)
    if _same(outcome.value, expected.value):
        return Check(True, f"got {want}")
    return Check(False, f"expected {want}, got {describe(outcome.value)}")


def _check_numbers(value: Any, expected: Expected, want: str) -> Check:
    got_words = describe(value)
    target = np.asarray(expected.value, dtype=float)
    try:
        got = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return Check(False, f"expected {want}, got {got_words}, which is not {_shape(target)}")
    if got.shape != target.shape:
        return Check(
            False, f"expected {want}, got {got_words}: {_shape(got)}, not {_shape(target)}"
        )
    if not np.all(np.isfinite(got)):
        return Check(False, f"expected {want}, got {got_words}")
    allowed = expected.atol + expected.rtol * np.abs(target)
    off = np.abs(got - target)
    if bool(np.all(off <= allowed)):
        return Check(True, f"got {got_words}")
    want, got_words = _distinguished(expected.value, value)
    worst = int(np.argmax(off - allowed))
    return Check(
        False,
        f"expected {want}, got {got_words}: off by {float(off.flat[worst]):.2g} "
        f"where {float(allowed.flat[worst]):.2g} is allowed",
    )


def _distinguished(want: Any, got: Any) -> tuple[str, str]:
    """Both values with enough digits that they read differently."""
    for digits in range(6, 17):
        pair = describe(want, digits=digits), describe(got, digits=digits)
        if pair[0] != pair[1]:
            return pair
    return pair


def _shape(array: np.ndarray) -> str:
    if array.ndim == 0:
        return "one number"
    if array.ndim == 1:
        return f"{array.shape[0]} numbers" if array.shape[0] != 1 else "1 number"
    return "an array of shape " + "×".join(str(n) for n in array.shape)


def _same(got: Any, want: Any) -> bool:
    if type(got) is not type(want) and not (_is_number(got) and _is_number(want)):
        return False
    if isinstance(want, list):
        return len(got) == len(want) and all(_same(a, b) for a, b in zip(got, want, strict=True))
    if isinstance(want, dict):
        return got.keys() == want.keys() and all(_same(got[k], want[k]) for k in want)
    return bool(got == want)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def describe(value: Any, depth: int = 0, *, digits: int = 6) -> str:
    """A value as a learner reads it: ``(2.58385, 2)``, ``nan``, ``True``."""
    if depth > 3:
        return "…"
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return f"{value:.{digits}g}"
    if isinstance(value, str):
        return repr(value[:80])
    if isinstance(value, list):
        items = [describe(item, depth + 1, digits=digits) for item in value[:8]]
        return "(" + ", ".join(items + (["…"] if len(value) > 8 else [])) + ")"
    if isinstance(value, dict) and set(value) == {"$object"}:
        return str(value["$object"])[:100]
    if isinstance(value, dict):
        return "a dict"
    return type(value).__name__
