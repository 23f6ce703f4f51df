"""Deferred writes: a burst of edits is written once, the newest wins, a write that
must not wait lands after every older one, and a reader sees everything asked before."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

from db.deferred import DeferredWrites


def _wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_a_burst_is_written_once_with_the_newest_value() -> None:
    written: list[str] = []
    deferred = DeferredWrites(delay=0.2)
    for text in ("a", "a + b", "a + b/c"):
        deferred.later("ana", partial(written.append, text))
    assert _wait_until(lambda: bool(written))
    time.sleep(0.3)  # nothing else comes after the one write
    assert written == ["a + b/c"]
    assert deferred.pending() == 0


def test_keys_are_written_apart() -> None:
    written: dict[str, str] = {}
    deferred = DeferredWrites(delay=60)
    deferred.later("ana", lambda: written.__setitem__("ana", "1"))
    deferred.later("ben", lambda: written.__setitem__("ben", "2"))
    deferred.flush("ana")
    assert written == {"ana": "1"} and deferred.pending() == 1
    deferred.flush()
    assert written == {"ana": "1", "ben": "2"} and deferred.pending() == 0


def test_a_write_now_replaces_the_waiting_one() -> None:
    written: list[str] = []
    deferred = DeferredWrites(delay=0.05)
    deferred.later("ana", lambda: written.append("typed"))
    deferred.now("ana", lambda: written.append("checked"))
    time.sleep(0.2)
    assert written == ["checked"]


def test_a_write_now_waits_for_the_write_under_way() -> None:
    """The older write, already running in the thread, lands first; never after."""
    written: list[str] = []
    started, release = threading.Event(), threading.Event()

    def slow_old_write() -> None:
        started.set()
        release.wait(10)
        written.append("old")

    deferred = DeferredWrites(delay=0.01)
    deferred.later("ana", slow_old_write)
    assert started.wait(10)
    newer = threading.Thread(target=deferred.now, args=("ana", lambda: written.append("new")))
    newer.start()
    time.sleep(0.1)
    assert written == []  # the newer write is waiting for the older one
    release.set()
    newer.join(10)
    assert written == ["old", "new"]


def test_a_failed_write_is_logged_and_the_next_one_runs(caplog) -> None:  # type: ignore[no-untyped-def]
    written: list[str] = []
    deferred = DeferredWrites(delay=60)

    def broken() -> None:
        raise RuntimeError("database gone")

    deferred.later("ana", broken)
    deferred.flush()
    deferred.later("ana", lambda: written.append("again"))
    deferred.flush()
    assert written == ["again"]
    assert "deferred write" in caplog.text and "database gone" in caplog.text


def test_the_thread_ends_when_idle_and_comes_back() -> None:
    written: list[int] = []
    deferred = DeferredWrites(delay=0.05)
    deferred.later(1, lambda: written.append(1))
    assert _wait_until(lambda: written == [1])
    assert _wait_until(lambda: deferred._thread is None)
    deferred.later(2, lambda: written.append(2))
    assert _wait_until(lambda: written == [1, 2])
