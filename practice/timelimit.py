"""A hard time limit for a block of plain-Python work, on any thread.

The reader bounds sizes before sympy computes anything, but sympy also asks itself
questions while it builds an expression (is this argument real? zero?), and for nested
functions of variables such as ``1/log2(sinh(1/csc(…)))`` those questions multiply into
minutes. No size bound predicts that, so the work itself must be stoppable.

On the main thread (the command line) a SIGALRM timer raises ``Overtime``. Streamlit
runs each session's script on a thread of its own, where signals never arrive, so there
a timer thread raises ``Overtime`` in the worker through CPython's
``PyThreadState_SetAsyncExc``, the documented way to interrupt another thread's Python
code (no well-kept library offers this for threads; ``stopit`` and ``func_timeout`` are
unmaintained). Either way the exception lands between two bytecodes, so it stops
sympy's Python loops but not one long call into C, which the size bounds keep short.

Inside the block the stop travels as ``Overtime``, a BaseException that no ``except
Exception`` on the way swallows; at the boundary of the limit that expired it becomes
``TimeUp``, an ordinary exception for the caller to handle. Limits do not nest: inside
a block that already has one, an inner ``time_limit`` leaves the outer in charge, and
the outer's stop passes through the inner boundary untouched (``validate``'s budget for
a whole problem covers the grading inside it, and is not mistaken for the grader's own).
"""

from __future__ import annotations

import ctypes
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
    """The block under ``time_limit`` ran out of time."""


_active = threading.local()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the block once ``seconds`` of wall time have passed; raises ``TimeUp``."""
    if getattr(_active, "limited", False):
        yield
        return
    expired: type[Overtime] = type("Overtime", (Overtime,), {})
    _active.limited = True
    try:
        on_main = threading.current_thread() is threading.main_thread()
        stop = _alarm if on_main and hasattr(signal, "setitimer") else _timer
        with stop(seconds, expired):
            yield
    except expired:
        raise TimeUp(f"took longer than {seconds:g} s") from None
    finally:
        _active.limited = False


@contextmanager
def _alarm(seconds: float, expired: type[Overtime]) -> Iterator[None]:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise expired

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _timer(seconds: float, expired: type[Overtime]) -> Iterator[None]:
    """Raise ``expired`` in this thread from a timer thread. The lock makes "the
    block is over" and "raise now" exclusive, and an exception raised but not yet
    delivered when the block ends is withdrawn, so it never escapes into later code."""
    worker = threading.get_ident()
    lock = threading.Lock()
    state = {"open": True, "raised": False}

    def expire() -> None:
        with lock:
            if state["open"]:
                _raise_in(worker, expired)
                state["raised"] = True

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["open"] = False
            if state["raised"]:
                _raise_in(worker, None)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule ``exception`` in ``thread_id`` (None withdraws a scheduled one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
