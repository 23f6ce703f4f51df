"""The CPU-time budget of one task, enforced inside its worker process.

A worker runs one task at a time on its only thread, so the process's CPU clock is the
task's: ``ITIMER_PROF`` counts user and system time of this process and sends SIGPROF
when the budget is spent, whose handler raises ``CpuOverBudget`` between two bytecodes.
Time the machine spends on other processes does not count, so a busy server never
refuses a cheap answer. One long call into C is not interrupted by a signal handler; the
parent's wall-clock deadline kills the worker then (``practice.workers.pool``).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from practice.timelimit import Overtime


class CpuOverBudget(Overtime):
    """The task used up its CPU time. An ``Overtime`` (a BaseException), so no
    ``except Exception`` in sympy or in our code swallows it on its way out."""


def _on_prof(signum: int, frame: FrameType | None) -> None:
    raise CpuOverBudget


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise ``CpuOverBudget`` in the block once it has used ``seconds`` of CPU time.
    Main thread only (Python runs signal handlers there), which a worker's task is on."""
    previous = signal.signal(signal.SIGPROF, _on_prof)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL if previous is None else previous)


def rearm(seconds: float) -> None:
    """Give the rest of the running task a budget of ``seconds`` from now.

    For tasks in phases with budgets of their own: grading first makes the variant it
    grades against (the variant budget), then grades (the grading budget)."""
    signal.setitimer(signal.ITIMER_PROF, seconds)
