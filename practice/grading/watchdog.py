"""A hard time limit for one request in the command-line grader.

The reader bounds sizes before sympy computes anything, and comparing has its own budget,
but sympy also asks itself questions while it builds an expression (is this argument
real? algebraic? zero?), and for nested functions of variables such as
`sec(cot(acos(…(x/3))))` those questions multiply: some 500-character answers took
minutes. That work is plain Python, so a timer signal can stop it. Signals reach only the
main thread of a process, so this is for the command line (`grade --jsonl`); elsewhere
the limit is a no-op and the size bounds are what protects.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Overtime(BaseException):
    """The request ran out of time. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` inside sympy or our code swallows it on the way out."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Overtime("the request took too long")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Overtime in the block after `seconds` of wall time (main thread, POSIX)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
