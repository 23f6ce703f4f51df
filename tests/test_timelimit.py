"""practice/timelimit.py: the hard stop that keeps one hostile answer from holding a
thread. The app grades on Streamlit's script threads, where no signal arrives, so the
thread path matters as much as the command line's alarm."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest

from practice.banks import load_catalog
from practice.grading import grade, preview
from practice.limits import LIMITS
from practice.timelimit import TimeUp, time_limit
from practice.variants import VariantError, make_variant
from practice.variants import variant as variant_module

# sympy's own questions about this answer's arguments take minutes without the stop
NESTED = "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
T = TypeVar("T")


def on_a_thread(work: Callable[[], T], timeout: float = 30.0) -> T:
    """Run ``work`` on a worker thread, as Streamlit runs a page, and return its result."""
    box: dict[str, T | BaseException] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 — handed back to the test
            box["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "the worker never came back"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def test_a_busy_block_on_a_worker_thread_is_stopped() -> None:
    def limited() -> str:
        with time_limit(0.2):
            return spin(10)

    start = time.monotonic()
    with pytest.raises(TimeUp):
        on_a_thread(limited)
    assert time.monotonic() - start < 2


def test_a_block_that_ends_in_time_is_never_interrupted_later() -> None:
    def limited_then_more_work() -> str:
        with time_limit(0.2):
            spin(0.05)
        return spin(0.5)  # well past the first deadline: nothing may arrive here

    assert on_a_thread(limited_then_more_work) == "finished"


def test_an_inner_limit_leaves_the_outer_one_in_charge() -> None:
    def nested() -> str:
        with time_limit(2.0):
            with time_limit(0.05):
                spin(0.3)  # past the inner limit, within the outer one
            return "outer kept"

    assert on_a_thread(nested) == "outer kept"


@pytest.mark.parametrize("where", ["main", "worker"])
def test_an_outer_limit_is_not_mistaken_for_an_inner_one(where: str) -> None:
    """validate's budget for a problem expires while the grader (an inner limit) runs:
    the grader must not turn it into its own "too long" result and carry on."""
    caught_inside: list[str] = []

    def budgeted() -> str:
        try:
            with time_limit(0.2):
                try:
                    with time_limit(5.0):
                        spin(10)
                except TimeUp:
                    caught_inside.append("the inner boundary took the outer's stop")
                return spin(10)
        except TimeUp:
            return "outer"

    start = time.monotonic()
    assert (budgeted() if where == "main" else on_a_thread(budgeted)) == "outer"
    assert caught_inside == [] and time.monotonic() - start < 2


@pytest.mark.parametrize("where", ["main", "worker"])
def test_a_hostile_nested_answer_is_answered_within_a_second(where: str) -> None:
    def both() -> tuple[object, object]:
        return (
            preview("expression", NESTED, ["x", "y"]),
            grade("expression", "x^2", NESTED, variables=["x", "y"]),
        )

    start = time.monotonic()
    reading, result = both() if where == "main" else on_a_thread(both)
    assert time.monotonic() - start < 2 * 1.0 + 0.5  # two requests, each within a second
    assert reading.error == "this answer takes too long to read; write it more simply"  # type: ignore[attr-defined]
    assert result.error == "the answer took too long to check"  # type: ignore[attr-defined]
    assert not result.correct  # type: ignore[attr-defined]


def test_a_decimal_to_a_tiny_decimal_power_is_read_at_once() -> None:
    """0.001^2 is the exact 1/10^6: sympy looked for an exact millionth root."""
    start = time.monotonic()
    assert grade("number", "0.99449375", "0.004^0.001").correct
    assert grade("number", "-0.99999448", "-(0.004)^((0.001)^(2))").correct
    assert preview("number", "-(0.004)^((0.001)^(2))").ok
    assert time.monotonic() - start < 1


HEAVY_BANK = """topic: heavy
title: Heavy
problems:
  - id: heavy-partial
    level: A
    kind: expression
    variables: [x, y]
    params: {a: {int: [2, 4]}}
    function: 'sin(x*y)^a/(1+x^2+y^2)^3*exp(cos(x+y))*ln(2+x^2)'
    answer: {partial: {wrt: [x, y, x, y, x, y, x, y]}}
    prompt: 'Let $f = {{f}}$.'
    hints: [Hold y.]
"""


def test_a_variant_sympy_cannot_finish_is_an_error_not_a_hung_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An 8th mixed partial of a messy function: the Practice page makes variants on a
    Streamlit thread, and must say "cannot be shown" rather than hang."""
    (tmp_path / "heavy.yaml").write_text(HEAVY_BANK, encoding="utf-8")
    [problem] = load_catalog([tmp_path]).problems.values()
    quick = replace(LIMITS, time=replace(LIMITS.time, variant=0.5))
    monkeypatch.setattr(variant_module, "LIMITS", quick)
    start = time.monotonic()
    with pytest.raises(VariantError, match="took longer than 0.5 s"):
        on_a_thread(lambda: make_variant(problem, 0))
    assert time.monotonic() - start < 5
