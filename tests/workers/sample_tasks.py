"""Tasks for the pool tests: module-level, so a worker imports them by name."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: int
    y: int


class NotAllowed:
    """A result class the pool was not told about."""


def echo(value: object) -> object:
    return value


def pid() -> int:
    return os.getpid()


def spin(seconds: float) -> int:
    """Pure-Python work for ``seconds`` of this process's CPU time."""
    end = time.process_time() + seconds
    count = 0
    while time.process_time() < end:
        count += 1
    return count


def sleep(seconds: float) -> str:
    """Wall time without CPU time: only the wall deadline can stop it."""
    time.sleep(seconds)
    return "slept"


def exit_abruptly() -> None:
    os._exit(3)


def kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def fail() -> None:
    raise ValueError("a bug in a task")


def point() -> Point:
    return Point(1, 2)


def not_allowed() -> NotAllowed:
    return NotAllowed()


def pid_after_spin() -> int:
    """Busy long enough that two of these overlap."""
    spin(0.2)
    return os.getpid()
