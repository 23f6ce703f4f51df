"""Which waiting request gets the next free worker.

Requests wait in arrival order, with one exception that keeps a few hostile learners
from stalling everyone: a *tenant* (a learner's session) whose request overran its
budget or crashed its worker is set back for a while, and set-back tenants together
never hold the last free worker while there are two or more. So with two workers and
four sessions submitting answers that each need a full budget, the other learners
still find a worker free; the set-back sessions wait for the one they share.

Pure bookkeeping under one lock: no processes here, so it is tested on its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

W = TypeVar("W")

SET_BACK_SECONDS = 30.0


class NoWorkerInTime(Exception):
    """No worker was free for this request within its waiting time."""


@dataclass(eq=False)
class Lease(Generic[W]):
    """A claim on one worker slot: ``worker`` is an idle worker, or None when the slot
    is empty and the holder is to start a worker in it."""

    tenant: str | None
    set_back: bool = False
    worker: W | None = None
    granted: threading.Event = field(default_factory=threading.Event)


class Admission(Generic[W]):
    def __init__(
        self,
        slots: int,
        *,
        set_back_seconds: float = SET_BACK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if slots < 1:
            raise ValueError("a pool needs at least one worker")
        self.slots = slots
        self._set_back_seconds = set_back_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._idle: list[W] = []
        self._empty = slots  # slots with no worker process: the next holder starts one
        self._waiting: list[Lease[W]] = []
        self._running_set_back = 0
        self._set_back_until: dict[str, float] = {}

    def acquire(self, tenant: str | None, wait_seconds: float) -> Lease[W]:
        """A slot for one request; raises ``NoWorkerInTime`` after ``wait_seconds``."""
        lease: Lease[W] = Lease(tenant)
        with self._lock:
            self._waiting.append(lease)
            self._dispatch()
        if lease.granted.wait(wait_seconds):
            return lease
        with self._lock:
            if lease.granted.is_set():  # granted between the timeout and the lock
                return lease
            self._waiting.remove(lease)
        raise NoWorkerInTime

    def release(self, lease: Lease[W], worker: W | None, *, overran: bool) -> None:
        """Give the slot back: with its worker, still usable, or None when the worker
        is gone (killed or crashed), which leaves the slot empty for the next holder."""
        with self._lock:
            if lease.set_back:
                self._running_set_back -= 1
            if overran and lease.tenant is not None:
                self._set_back_until[lease.tenant] = self._clock() + self._set_back_seconds
            if worker is None:
                self._empty += 1
            else:
                self._idle.append(worker)
            self._dispatch()

    def take_idle(self) -> list[W]:
        """Remove and return every idle worker, leaving their slots empty."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._empty += len(idle)
            return idle

    def _dispatch(self) -> None:
        while self._waiting and (self._idle or self._empty):
            lease = self._next()
            if lease is None:
                return
            self._waiting.remove(lease)
            lease.set_back = self._is_set_back(lease.tenant)
            if lease.set_back:
                self._running_set_back += 1
            if self._idle:
                lease.worker = self._idle.pop()
            else:
                self._empty -= 1
            lease.granted.set()

    def _next(self) -> Lease[W] | None:
        for lease in self._waiting:
            if not self._is_set_back(lease.tenant):
                return lease
        if self.slots == 1 or self._running_set_back < self.slots - 1:
            return self._waiting[0]
        return None

    def _is_set_back(self, tenant: str | None) -> bool:
        if tenant is None:
            return False
        until = self._set_back_until.get(tenant)
        if until is None:
            return False
        if until <= self._clock():
            del self._set_back_until[tenant]
            return False
        return True
