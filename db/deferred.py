"""Writes that may wait a moment: the latest one per key, done by a background thread.

The Practice page keeps what a learner types in their open round, so a reload shows it
again; a learner editing an answer sends an edit every pause, and writing each one cost
a third of the CPU of the rerun that carried it (docs/capacity.md). Here an edit's
write waits ``delay`` seconds, and a newer write of the same key replaces it, so a burst
of typing is written once. A write that must not wait (a new round, an attempt counted)
goes through ``now``, which drops the key's waiting write and runs in its place, so an
older write never lands after a newer one. A reader of a key calls ``flush(key)``
first and sees every write made before it. ``flush()`` runs at interpreter exit.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
_live: weakref.WeakSet[DeferredWrites] = weakref.WeakSet()


class DeferredWrites:
    """Latest-wins writes per key, run ``delay`` seconds after they were asked for."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._waiting: dict[Hashable, tuple[float, Callable[[], None]]] = {}
        self._changed = threading.Condition()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self._thread: threading.Thread | None = None
        _live.add(self)

    def later(self, key: Hashable, write: Callable[[], None]) -> None:
        """Run ``write`` in ``delay`` seconds unless a newer write of ``key`` comes first
        (the first write's time is kept, so a key edited without pause is still written
        every ``delay``)."""
        with self._changed:
            due = self._waiting.get(key, (time.monotonic() + self.delay, write))[0]
            self._waiting[key] = (due, write)
            self._start()
            self._changed.notify()

    def now(self, key: Hashable, write: Callable[[], T]) -> T:
        """Run ``write`` at once, in place of the key's waiting write."""
        with self._lock_of(key):
            with self._changed:
                self._waiting.pop(key, None)
            return write()

    def flush(self, key: Hashable | None = None) -> None:
        """Run the waiting write of ``key`` (of every key by default) now."""
        with self._changed:
            keys = list(self._waiting) if key is None else [key]
        for each in keys:
            self._run(each)

    def pending(self) -> int:
        with self._changed:
            return len(self._waiting)

    def _lock_of(self, key: Hashable) -> threading.Lock:
        """One lock per key, kept for the store's life (one per learner who typed)."""
        with self._changed:
            return self._key_locks.setdefault(key, threading.Lock())

    def _run(self, key: Hashable) -> None:
        """Take the key's waiting write and run it, under the key's lock: ``now`` on the
        same key waits for it, so the two land in the order they were asked for."""
        with self._lock_of(key):
            with self._changed:
                waiting = self._waiting.pop(key, None)
            if waiting is not None:
                try:
                    waiting[1]()
                except Exception:  # the next write of the key tries again
                    log.exception("a deferred write of %r failed", key)

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._serve, name="deferred-writes", daemon=True)
            self._thread.start()

    def _serve(self) -> None:
        """Run writes as they fall due; end after a quiet ``delay``, so an idle store
        holds no thread (the next ``later`` starts one)."""
        while True:
            with self._changed:
                if not self._waiting:
                    self._changed.wait(self.delay)
                    if not self._waiting:
                        self._thread = None
                        return
                first = min(due for due, _ in self._waiting.values())
                wait = first - time.monotonic()
                if wait > 0:
                    self._changed.wait(wait)
                    continue
                due_now = [k for k, (due, _) in self._waiting.items() if due <= time.monotonic()]
            for key in due_now:
                self._run(key)


@atexit.register
def _flush_all() -> None:
    for deferred in list(_live):
        deferred.flush()
