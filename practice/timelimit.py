"""A hard CPU-time limit for a block of plain-Python work, on the main thread.

The reader bounds sizes before sympy computes anything, but sympy also asks itself
questions while it builds an expression (is this argument real? zero?), and for nested
functions of variables such as ``1/log2(sinh(1/csc(…)))`` those questions multiply into
minutes. No size bound predicts that, so the work itself must be stoppable.

The limit counts CPU time, not wall time: ``ITIMER_PROF`` measures this process's user
and system time and sends SIGPROF when the budget is spent, so time the machine gives
to other learners or programs never counts against an answer (a busy server used to
refuse cheap answers). It is meant for a process doing one piece of work at a time on
its main thread: a worker of ``practice.workers`` (where every learner-facing reading,
grading and variant runs) or the command line. Signal handlers run on the main thread
only, and the server's threads never run learner work (they hand it to the pool), so a
limit asked for on any other thread is a mistake and raises ``RuntimeError``. The stop
lands between two bytecodes: it stops sympy's Python loops but not one long call into
C, which the size bounds keep short and the pool's wall deadline ends.

A stop can be lost where Python ignores exceptions (a finalizer, a weakref or garbage
collector callback), so once the budget is spent the stop comes again every
``AGAIN_EVERY`` seconds of CPU until it is out of the block.

Inside the block the stop travels as ``Overtime``, a BaseException that no ``except
Exception`` on the way swallows; at the boundary of the limit that expired it becomes
``TimeUp``, an ordinary exception for the caller to handle. Limits do not nest: inside
a block that already has one, an inner ``time_limit`` leaves the outer in charge, and
the outer's stop passes through the inner boundary untouched (a worker's budget for a
request covers the grader's own limit, and is not mistaken for it).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Overtime(BaseException):
    """The stop on its way out of the block. A BaseException, like KeyboardInterrupt,
    so that no ``except Exception`` inside sympy or our code swallows it. Each limit
    raises a subclass of its own, so its boundary knows the stop is its."""


class TimeUp(Exception):
    """The block under ``time_limit`` used up its CPU time."""


_limited = False  # a limit is in force (main thread only, so a plain global)
# Once the budget is spent the stop comes again every AGAIN_EVERY seconds of CPU until
# it reaches the block's boundary: Python runs a signal handler wherever the main
# thread is, and a stop raised inside a finalizer, a weakref callback or a garbage
# collector callback is printed and dropped, not propagated. A single stop landing
# there left the block running without a limit (a CI run hung 300 s in sympy, the stop
# swallowed by a gc callback another library had installed).
AGAIN_EVERY = 0.02


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the block once it has used ``seconds`` of CPU time; raises ``TimeUp``."""
    global _limited
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError(
            "a time limit works on the main thread only: run this work in a worker "
            "process (practice.workers)"
        )
    if _limited:
        yield
        return
    expired: type[Overtime] = type("Overtime", (Overtime,), {})

    def on_prof(signum: int, frame: FrameType | None) -> None:
        raise expired

    previous = signal.signal(signal.SIGPROF, on_prof)
    signal.setitimer(signal.ITIMER_PROF, seconds, AGAIN_EVERY)
    _limited = True
    try:
        yield
    except expired:
        signal.setitimer(signal.ITIMER_PROF, 0)  # first: no second stop in this clause
        raise TimeUp(f"used more than {seconds:g} s of CPU time") from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL if previous is None else previous)
        _limited = False


def rearm(seconds: float) -> None:
    """Give the rest of the block under the limit in force ``seconds`` of CPU time from
    now (nothing happens without one). For work in phases with budgets of their own:
    grading a variant that must first be made (the variant budget), then graded."""
    if _limited:
        signal.setitimer(signal.ITIMER_PROF, seconds, AGAIN_EVERY)
