"""A small pool of worker processes: every task with a CPU budget and a wall deadline.

Why hand-written rather than ``pebble.ProcessPool`` (measured in bench/workers.py's
notes): pebble notices a timeout or a dead worker by polling every 0.1 s, and stops a
worker with SIGTERM and a 3 s grace while holding the one pipe all its workers share,
so a task stuck in one long C call could delay every other result; and its workers
take tasks first come, first served from that shared pipe, where we must choose which
request gets a free worker (``practice.workers.admission``). Here each worker has a
pipe of its own; the thread that submits a task waits on that pipe until the task's
wall deadline, and a worker past it is killed at once (SIGKILL: it holds nothing worth
cleaning up) and its slot started afresh by the next request. No threads of our own.

Workers start from a ``forkserver`` (never ``fork`` from a server with threads) that
has imported sympy and the grader once, so a replacement is ready in milliseconds.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from practice.workers import messages
from practice.workers.admission import Admission, NoWorkerInTime
from practice.workers.spawning import WorkerProcess
from practice.workers.worker import serve

log = logging.getLogger(__name__)

WAIT_SECONDS = 10.0  # longest a request waits for a free worker before "busy"


@dataclass(frozen=True)
class Budget:
    """What one task may spend: ``cpu`` seconds of its worker's CPU time (counted in the
    worker, so a busy machine does not eat into it), and ``wall`` seconds of real time
    from the moment a worker takes it, after which the worker is killed."""

    cpu: float
    wall: float


class TaskFailed(Exception):
    """The task gave no result; ``str(error)`` says why, for the server log."""


class OverBudget(TaskFailed):
    def __init__(self, resource: Literal["cpu", "wall"], budget: Budget) -> None:
        seconds = budget.cpu if resource == "cpu" else budget.wall
        what = "CPU time" if resource == "cpu" else "wall-clock time"
        super().__init__(f"the task used more than {seconds:g} s of {what}")
        self.resource = resource
        self.seconds = seconds


class WorkerCrashed(TaskFailed):
    """The worker died while running the task (or could not be started)."""


class PoolBusy(TaskFailed):
    """No worker was free for the task within its waiting time."""


class TaskError(TaskFailed):
    """The task raised; ``type_name`` and ``message`` are the worker's exception's."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message


class _Deadline(Exception):
    pass


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def call(self, request: messages.Request, wall: float) -> bytes:
        self.conn.send(request)
        if not self.conn.poll(wall):
            raise _Deadline
        return self.conn.recv_bytes()

    def kill(self) -> None:
        """SIGKILL, without waiting for the exit to be reported: the forkserver reaps its
        child, and the request that cost the worker is answered at once."""
        self.conn.close()
        if self.process.pid is not None:
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def stop(self) -> None:
        """Ask an idle worker to end (it ends when its pipe closes)."""
        self.conn.close()
        self.process.join(1.0)
        if self.process.is_alive():
            self.kill()


class WorkerPool:
    """``size`` worker processes; ``run`` one task in one of them.

    ``result_types`` are the classes a task may return (besides plain data);
    ``preload`` the modules the forkserver imports once for every worker (there is one
    forkserver per server process: the first pool to start it decides). Safe to call
    from many threads at once: each caller waits for its own task.
    """

    def __init__(
        self,
        size: int,
        *,
        result_types: Collection[type] = (),
        preload: Sequence[str] = (),
        wait_seconds: float = WAIT_SECONDS,
    ) -> None:
        self.size = size
        self._admission: Admission[_Worker] = Admission(size)
        self._result_types = tuple(result_types)
        self._wait_seconds = wait_seconds
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([serve.__module__, *preload])
        self._workers: set[_Worker] = set()
        self._closed = False

    def start(self) -> None:
        """Start every worker now rather than on first use."""
        leases = [self._admission.acquire(None, self._wait_seconds) for _ in range(self.size)]
        for lease in leases:
            worker = lease.worker
            try:
                worker = worker or self._spawn()
            finally:
                self._admission.release(lease, worker, overran=False)

    def run(
        self, task: messages.Task, *args: Any, budget: Budget, tenant: str | None = None
    ) -> Any:
        """``task(*args)`` in a worker: its return value, or ``TaskFailed``.

        ``task`` must be a module-level function; ``args`` and the value plain data.
        ``tenant`` names who asked (a learner's session), so that one whose tasks
        overrun waits behind the others for a while (``practice.workers.admission``).
        """
        if self._closed:
            raise PoolBusy("the worker pool is closed")
        try:
            lease = self._admission.acquire(tenant, self._wait_seconds)
        except NoWorkerInTime:
            raise PoolBusy(f"no worker was free within {self._wait_seconds:g} s") from None
        kept: _Worker | None = None  # the worker, if it may serve again
        overran = False
        try:
            worker = lease.worker or self._spawn()
            reply = self._call(worker, messages.Request(task, args, budget.cpu), budget)
            kept = worker
            overran = reply[0] == messages.CPU
            return self._value(reply, budget)
        except (OverBudget, WorkerCrashed):
            overran = True
            raise
        finally:
            self._admission.release(lease, kept, overran=overran)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and the server log)."""
        return [w.process.pid for w in list(self._workers) if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker; later ``run`` calls raise ``PoolBusy``."""
        self._closed = True
        for worker in self._admission.take_idle():
            worker.stop()
            self._workers.discard(worker)
        for worker in list(self._workers):  # busy ones: their callers see a crash
            worker.kill()
        self._workers.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = WorkerProcess(target=serve, args=(theirs,), daemon=True)
        try:
            process.start()
        except Exception as error:
            ours.close()
            raise WorkerCrashed(f"a worker could not be started ({error})") from error
        finally:
            theirs.close()
        worker = _Worker(process, ours)
        self._workers.add(worker)
        return worker

    def _call(self, worker: _Worker, request: messages.Request, budget: Budget) -> tuple[Any, ...]:
        """The worker's reply; a worker past its deadline, dead, or talking nonsense is
        killed and the failure raised."""
        try:
            data = worker.call(request, budget.wall)
        except _Deadline:
            self._discard(worker)
            raise OverBudget("wall", budget) from None
        except (EOFError, OSError) as error:
            worker.process.join(0.5)  # it is gone already: only its exit code is awaited
            self._discard(worker)
            raise WorkerCrashed(f"the worker died (exit code {worker.process.exitcode})") from error
        try:
            return messages.safe_loads(data, self._result_types)
        except (pickle.UnpicklingError, EOFError, ValueError) as error:
            self._discard(worker)
            raise TaskError("UnreadableReply", str(error)) from None

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        self._workers.discard(worker)

    def _value(self, reply: tuple[Any, ...], budget: Budget) -> Any:
        if reply[0] == messages.OK:
            return reply[1]
        if reply[0] == messages.CPU:
            raise OverBudget("cpu", budget)
        _raised, type_name, message, trace = reply
        log.error("a task raised in its worker:\n%s", trace)
        raise TaskError(type_name, message)
