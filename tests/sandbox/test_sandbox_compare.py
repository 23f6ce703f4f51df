"""The verdict outside the sandbox: numbers under a tolerance, other data exactly."""

from __future__ import annotations

import math

from practice.sandbox.compare import Expected, check, describe
from practice.sandbox.report import CallOutcome


def returned(value: object) -> CallOutcome:
    return CallOutcome(True, value=value)


def test_numbers_within_the_tolerance() -> None:
    want = Expected([2.0105816577, 1.1052731927863])
    assert check(returned([2.01058165771, 1.10527319278]), want).passed
    assert not check(returned([2.0106, 1.1052731927863]), want).passed
    assert check(returned([2.0106, 1.1052731927863]), Expected(want.value, rtol=1e-4)).passed
    assert check(returned(3), Expected(3.0)).passed


def test_wrong_shapes_and_non_numbers_are_named() -> None:
    want = Expected([1.0, 2.0])
    assert (
        check(returned([1.0, 2.0, 3.0]), want).message
        == "expected (1, 2), got (1, 2, 3): 3 numbers, not 2 numbers"
    )
    assert check(returned([[1.0, 2.0]]), want).message.endswith(
        "an array of shape 1×2, not 2 numbers"
    )
    assert (
        check(returned("ok"), want).message == "expected (1, 2), got 'ok', which is not 2 numbers"
    )
    assert check(returned({"$object": "a Foo object"}), want).message.endswith(
        "got a Foo object, which is not 2 numbers"
    )
    assert not check(returned([1.0, [2.0]]), want).passed


def test_nan_and_infinity_are_never_right() -> None:
    assert not check(returned(math.nan), Expected(math.nan)).passed
    assert not check(returned([math.inf, 2.0]), Expected([math.inf, 2.0])).passed


def test_exact_data_type_for_type() -> None:
    flags = Expected([True, False, True], numeric=False)
    assert check(returned([True, False, True]), flags).passed
    assert not check(returned([1, 0, 1]), flags).passed
    assert not check(returned([True, False]), flags).passed
    assert check(returned({"rate": 0.1}), Expected({"rate": 0.1}, numeric=False)).passed


def test_a_failed_call_says_why() -> None:
    failed = CallOutcome(False, error="took more than 1 s of CPU time", kind="timeout")
    result = check(failed, Expected([1.0, 2.0]))
    assert not result.passed
    assert result.message == "expected (1, 2), but took more than 1 s of CPU time"


def test_describe_reads_like_the_lesson() -> None:
    assert describe([2.58385316, 2.0]) == "(2.58385, 2)"
    assert describe(list(range(20))).endswith(", …)")
    assert describe(None) == "None"
