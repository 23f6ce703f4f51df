"""practice/workers/pool.py with real worker processes: a task that overruns or crashes
costs that one request, its worker is replaced, and the pool goes on serving."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from practice.workers import (
    Budget,
    OverBudget,
    PoolBusy,
    TaskError,
    WorkerCrashed,
    WorkerPool,
)
from tests.workers import sample_tasks as tasks

QUICK = Budget(cpu=2.0, wall=20.0)


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, result_types=(tasks.Point,)) as started:
        started.start()
        yield started


def test_a_task_runs_in_a_worker_and_returns_plain_data(pool: WorkerPool) -> None:
    assert pool.run(tasks.echo, {"answer": "2x y", "seed": 3}, budget=QUICK) == {
        "answer": "2x y",
        "seed": 3,
    }
    assert pool.run(tasks.pid, budget=QUICK) in pool.pids()
    assert pool.run(tasks.point, budget=QUICK) == tasks.Point(1, 2)


def test_a_task_over_its_cpu_budget_is_stopped_and_the_worker_kept(pool: WorkerPool) -> None:
    before = set(pool.pids())
    with pytest.raises(OverBudget) as stopped:
        pool.run(tasks.spin, 60.0, budget=Budget(cpu=0.3, wall=60.0))
    assert stopped.value.resource == "cpu"
    assert set(pool.pids()) == before  # stopped inside the worker, nobody killed
    assert pool.run(tasks.echo, "next", budget=QUICK) == "next"


def test_a_task_past_its_wall_deadline_costs_its_worker_which_is_replaced(
    pool: WorkerPool,
) -> None:
    before = set(pool.pids())
    with pytest.raises(OverBudget) as stopped:
        pool.run(tasks.sleep, 60.0, budget=Budget(cpu=1.0, wall=0.3))
    assert stopped.value.resource == "wall"
    assert len(set(pool.pids()) & before) == 1  # the sleeper is gone
    served = {pool.run(tasks.pid, budget=QUICK) for _ in range(20)}
    assert served <= set(pool.pids())
    assert len(pool.pids()) <= 2


@pytest.mark.parametrize("crash", [tasks.exit_abruptly, tasks.kill_self])
def test_a_crash_costs_one_request(pool: WorkerPool, crash: Callable[[], None]) -> None:
    with pytest.raises(WorkerCrashed):
        pool.run(crash, budget=QUICK)
    assert pool.run(tasks.echo, "after", budget=QUICK) == "after"


def test_a_worker_killed_from_outside_is_replaced(pool: WorkerPool) -> None:
    victim = pool.run(tasks.pid, budget=QUICK)
    subprocess.run(["kill", "-9", str(victim)], check=True)
    results = [_outcome(pool) for _ in range(6)]
    assert results.count("crashed") <= 1  # at most the request that found it dead
    assert results[-1] != "crashed"
    assert victim not in pool.pids()


def _outcome(pool: WorkerPool) -> object:
    try:
        return pool.run(tasks.pid, budget=QUICK)
    except WorkerCrashed:
        return "crashed"


def test_an_exception_in_a_task_is_one_failed_request(pool: WorkerPool) -> None:
    with pytest.raises(TaskError, match="ValueError: a bug in a task"):
        pool.run(tasks.fail, budget=QUICK)
    assert pool.run(tasks.echo, 1, budget=QUICK) == 1


def test_the_server_rebuilds_only_the_classes_it_expects(pool: WorkerPool) -> None:
    with pytest.raises(TaskError, match="not allowed"):
        pool.run(tasks.not_allowed, budget=QUICK)
    assert pool.run(tasks.echo, 2, budget=QUICK) == 2


def test_tasks_run_side_by_side_one_per_worker(pool: WorkerPool) -> None:
    pids: list[int] = []
    barrier = threading.Barrier(2)

    def both() -> None:
        barrier.wait()
        pids.append(pool.run(tasks.pid_after_spin, budget=QUICK))

    threads = [threading.Thread(target=both) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(pids)) == 2


def test_a_closed_pool_refuses_and_leaves_no_process() -> None:
    pool = WorkerPool(1)
    pool.start()
    [worker] = pool.pids()
    pool.close()
    with pytest.raises(PoolBusy):
        pool.run(tasks.echo, 1, budget=QUICK)
    assert subprocess.run(["kill", "-0", str(worker)], capture_output=True).returncode != 0


def test_learners_find_a_worker_while_others_keep_overrunning() -> None:
    """Two workers, three sessions each submitting a task that needs its whole CPU
    budget, in a loop: another session's cheap task is still served within a waiting
    time shorter than one such budget (admission keeps a worker for it)."""
    hostile = Budget(cpu=0.8, wall=60.0)
    stop = threading.Event()
    overran: list[str] = []
    with WorkerPool(2, wait_seconds=60.0) as shared:
        shared.start()

        def submit_forever(tenant: str) -> None:
            while not stop.is_set():
                try:
                    shared.run(tasks.spin, 60.0, budget=hostile, tenant=tenant)
                except OverBudget:
                    overran.append(tenant)
                except PoolBusy:
                    pass

        loops = [threading.Thread(target=submit_forever, args=(f"h{i}",)) for i in range(3)]
        for loop in loops:
            loop.start()
        try:
            while len(set(overran)) < 3:  # each hostile session has been caught once
                stop.wait(0.05)
            shared._wait_seconds = 0.5  # less than one hostile budget
            for _ in range(10):
                assert shared.run(tasks.echo, "ok", budget=QUICK, tenant="learner") == "ok"
        finally:
            stop.set()
            shared._wait_seconds = 0.0
            for loop in loops:
                loop.join(30)


def test_a_cheap_task_is_not_refused_on_a_loaded_machine(pool: WorkerPool) -> None:
    """Budgets count the worker's CPU time: with the cores kept busy by spinning
    processes, a task needing 0.1 s of CPU takes several times that in wall time, and
    still fits its 0.25 s budget every time."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    try:
        for _ in range(5):
            assert pool.run(tasks.spin, 0.1, budget=Budget(cpu=0.25, wall=30.0)) > 0
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
