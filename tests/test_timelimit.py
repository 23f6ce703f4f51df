"""practice/timelimit.py: the CPU-time stop that keeps one hostile answer from holding a
worker (or the command line) for minutes."""

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
from practice.timelimit import TimeUp, rearm, time_limit
from practice.variants import VariantError, make_variant
from practice.variants import variant as variant_module

# sympy's own questions about this answer's arguments take minutes without the stop
NESTED = "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
T = TypeVar("T")


def on_a_thread(work: Callable[[], T], timeout: float = 30.0) -> T:
    """Run ``work`` on another thread, as Streamlit runs a page, and return its result."""
    box: dict[str, T | BaseException] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # noqa: BLE001 — handed back to the test
            box["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "the thread never came back"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def spin(seconds: float) -> str:
    """Busy for ``seconds`` of this process's CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "finished"


def test_a_busy_block_is_stopped() -> None:
    start = time.process_time()
    with pytest.raises(TimeUp, match="CPU time"), time_limit(0.2):
        spin(10)
    assert time.process_time() - start < 2


class _SlowToFinalize:
    """An object whose finalizer computes: Python drops an exception raised in it."""

    def __del__(self) -> None:
        spin(0.5)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_stop_dropped_in_a_finalizer_comes_again() -> None:
    """The budget runs out inside a finalizer, where the stop the signal handler raises
    is printed and dropped; the block must still be stopped once it is out of it, not
    run to the end of its 5 s."""
    start = time.process_time()
    with pytest.raises(TimeUp), time_limit(0.2):
        _SlowToFinalize()  # dropped at once: its __del__ spends the budget and more
        spin(5)
    assert time.process_time() - start < 2


def test_waiting_is_not_computing() -> None:
    """Wall time the block spends not computing (as when other processes have the
    cores) does not count against it."""
    with time_limit(0.1):
        time.sleep(0.4)
        spin(0.05)


def test_a_block_that_ends_in_time_is_never_interrupted_later() -> None:
    with time_limit(0.2):
        spin(0.05)
    assert spin(0.5) == "finished"  # well past the first budget: nothing may arrive here


def test_an_inner_limit_leaves_the_outer_one_in_charge() -> None:
    with time_limit(2.0):
        with time_limit(0.05):
            spin(0.3)  # past the inner limit, within the outer one


def test_an_outer_limit_is_not_mistaken_for_an_inner_one() -> None:
    """A worker's budget for a request expires while the grader (an inner limit) runs:
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

    assert budgeted() == "outer"
    assert caught_inside == []


def test_rearm_gives_the_rest_of_the_block_a_budget_of_its_own() -> None:
    with pytest.raises(TimeUp), time_limit(5.0):
        spin(0.05)
        rearm(0.1)
        spin(10)
    rearm(0.01)  # without a limit in force: nothing
    spin(0.05)


def test_no_limit_off_the_main_thread() -> None:
    """Signals reach the main thread only; the server hands learner work to the worker
    pool instead of limiting its own threads (no asynchronous exceptions any more)."""

    def limited() -> None:
        with time_limit(1.0):
            pass

    with pytest.raises(RuntimeError, match="main thread"):
        on_a_thread(limited)


def test_a_hostile_nested_answer_is_answered_within_its_budget() -> None:
    start = time.process_time()
    reading = preview("expression", NESTED, ["x", "y"])
    result = grade("expression", "x^2", NESTED, variables=["x", "y"])
    assert time.process_time() - start < 2 * 1.0 + 0.5  # two requests, each within budget
    assert reading.error is not None and "0.8 s of computing" in reading.error
    assert (
        result.error == "the answer took too long to check (it needs more than 0.8 s of computing)"
    )
    assert not result.correct


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
    """An 8th mixed partial of a messy function: the page that asked for the variant
    must say "cannot be shown" rather than hang."""
    (tmp_path / "heavy.yaml").write_text(HEAVY_BANK, encoding="utf-8")
    [problem] = load_catalog([tmp_path]).problems.values()
    quick = replace(LIMITS, time=replace(LIMITS.time, variant=0.5))
    monkeypatch.setattr(variant_module, "LIMITS", quick)
    start = time.monotonic()
    with pytest.raises(VariantError, match="needs more than 0.5 s of computing"):
        make_variant(problem, 0)
    assert time.monotonic() - start < 5
