"""practice/workers/admission.py: who gets the next free worker (no processes here)."""

from __future__ import annotations

import threading
import time

import pytest

from practice.workers.admission import Admission, NoWorkerInTime


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_empty_slots_are_handed_out_then_requests_wait() -> None:
    admission: Admission[str] = Admission(2)
    first, second = admission.acquire(None, 0), admission.acquire(None, 0)
    assert first.worker is None and second.worker is None  # holders start the workers
    with pytest.raises(NoWorkerInTime):
        admission.acquire(None, 0.01)
    admission.release(first, "w1", overran=False)
    assert admission.acquire(None, 0).worker == "w1"


def test_a_lost_worker_leaves_its_slot_empty_for_the_next_holder() -> None:
    admission: Admission[str] = Admission(1)
    lease = admission.acquire(None, 0)
    admission.release(lease, None, overran=True)  # killed: no worker to give back
    again = admission.acquire(None, 0)
    assert again.worker is None


def test_a_tenant_that_overran_never_takes_the_last_free_worker() -> None:
    clock = Clock()
    admission: Admission[str] = Admission(2, set_back_seconds=30, clock=clock)
    a, b = admission.acquire("hostile", 0), admission.acquire("hostile", 0)
    admission.release(a, "w1", overran=True)
    admission.release(b, "w2", overran=True)
    held = admission.acquire("hostile", 0)  # one of two: allowed
    assert held.set_back
    with pytest.raises(NoWorkerInTime):
        admission.acquire("hostile", 0.01)  # the last one stays free ...
    assert admission.acquire("learner", 0).worker is not None  # ... for everyone else


def test_others_go_first_and_the_set_back_tenant_gets_the_spare_later() -> None:
    clock = Clock()
    admission: Admission[str] = Admission(2, clock=clock)
    lease = admission.acquire("hostile", 0)
    admission.release(lease, "w1", overran=True)
    busy = admission.acquire("learner", 0)  # w1
    spare = admission.acquire("other", 0)  # empty slot
    got: list[str] = []

    def wait(tenant: str) -> None:
        admission.acquire(tenant, 5)
        got.append(tenant)

    hostile = threading.Thread(target=wait, args=("hostile",))
    learner = threading.Thread(target=wait, args=("learner",))
    for queued, thread in enumerate((hostile, learner), start=1):
        thread.start()
        while len(admission._waiting) < queued:  # the hostile one queues first
            time.sleep(0.001)
    admission.release(busy, "w1", overran=False)
    learner.join(5)
    assert got == ["learner"]  # arrived later, served first
    admission.release(spare, "w2", overran=False)
    hostile.join(5)
    assert got == ["learner", "hostile"]


def test_being_set_back_wears_off() -> None:
    clock = Clock()
    admission: Admission[str] = Admission(2, set_back_seconds=30, clock=clock)
    lease = admission.acquire("t", 0)
    admission.release(lease, "w", overran=True)
    assert admission.acquire("t", 0).set_back
    clock.now = 31
    assert not admission.acquire("t", 0).set_back


def test_one_worker_serves_everyone_even_the_set_back() -> None:
    admission: Admission[str] = Admission(1)
    lease = admission.acquire("hostile", 0)
    admission.release(lease, "w", overran=True)
    assert admission.acquire("hostile", 0).worker == "w"
