"""Run a process with a deadline, feed it its job and read its three outputs, capped.

One loop with ``selectors`` writes the job to stdin and reads stdout, stderr and the
report pipe as they come, so no pipe fills up and blocks the other side. Each output
keeps at most its cap; past it our end is closed (the writer gets EPIPE, which the
harness turns into silence for ``print``). At the deadline, or as soon as the process
has exited, its process group is killed with SIGKILL; in the sandbox the PID
namespace takes every process inside along with it. A pidfd tells when the process
has exited without reaping it, so its group id cannot have been reused by the time we
kill it. The pipes are our own (``os.pipe``), not Popen's file objects, so each end is
closed exactly once.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

CHUNK = 65536
GRACE_SECONDS = 1.0  # after the end, for the pipes to close as the processes die
REPORT_FD = "{report_fd}"  # placeholder in argv for the report pipe's descriptor


@dataclass
class Output:
    cap: int
    data: bytearray = field(default_factory=bytearray)
    cut: bool = False


@dataclass(frozen=True)
class Finished:
    stdout: Output
    stderr: Output
    report: Output
    returncode: int  # 128 + N when a signal N ended it, as a shell reports it
    timed_out: bool
    seconds: float


@dataclass
class _Pipes:
    """Our ends: the job goes out on ``stdin``; the rest come in."""

    stdin: int
    reads: dict[int, Output]


def run(
    argv: Sequence[str],
    *,
    job: bytes,
    deadline_seconds: float,
    output_cap: int,
    report_cap: int,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
) -> Finished:
    """Run ``argv``; the placeholder ``{report_fd}`` in it becomes the descriptor of
    the report pipe's write end, which the process inherits."""
    stdout, stderr, report = Output(output_cap), Output(output_cap), Output(report_cap)
    ends = [os.pipe() for _ in range(4)]  # stdin, stdout, stderr, report
    (in_r, in_w), (out_r, out_w), (err_r, err_w), (rep_r, rep_w) = ends
    pipes = _Pipes(stdin=in_w, reads={out_r: stdout, err_r: stderr, rep_r: report})
    args = [arg.replace(REPORT_FD, str(rep_w)) for arg in argv]
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            args,
            stdin=in_r,
            stdout=out_w,
            stderr=err_w,
            pass_fds=(rep_w,),
            start_new_session=True,
            env=env if env is not None else {},
            cwd=cwd,
        )
    except OSError:
        for fd in (in_w, *pipes.reads):
            os.close(fd)
        raise
    finally:
        for fd in (in_r, out_w, err_w, rep_w):
            os.close(fd)
    try:
        timed_out = _exchange(process, pipes, job, started + deadline_seconds)
    finally:
        _kill(process)
        _close_all(pipes)
    code = process.wait()
    return Finished(
        stdout=stdout,
        stderr=stderr,
        report=report,
        returncode=128 - code if code < 0 else code,
        timed_out=timed_out,
        seconds=time.monotonic() - started,
    )


def _exchange(process: subprocess.Popen[bytes], pipes: _Pipes, job: bytes, deadline: float) -> bool:
    """Pump until the process has exited and every pipe is closed; True if the
    deadline came first. Closed read ends leave ``pipes.reads``."""
    pidfd = os.pidfd_open(process.pid)
    selector = selectors.DefaultSelector()
    pending = memoryview(job)
    for fd in (pipes.stdin, *pipes.reads):
        os.set_blocking(fd, False)
    for fd in (*pipes.reads, pidfd):
        selector.register(fd, selectors.EVENT_READ)
    selector.register(pipes.stdin, selectors.EVENT_WRITE)
    timed_out = exited = False
    try:
        while pipes.reads or not exited:
            now = time.monotonic()
            if now >= deadline:
                if timed_out or exited:
                    break
                timed_out = True
                _kill(process)
                deadline = now + GRACE_SECONDS
            for key, _ in selector.select(timeout=max(0.0, deadline - now)):
                fd = int(key.fd)
                if fd == pidfd:
                    selector.unregister(pidfd)
                    exited = True
                    _kill(process)  # what it left behind in its group
                    deadline = min(deadline, time.monotonic() + GRACE_SECONDS)
                elif fd == pipes.stdin:
                    pending = _write(pipes, pending, selector)
                else:
                    _read(fd, pipes, selector)
    finally:
        selector.close()
        os.close(pidfd)
    return timed_out


def _read(fd: int, pipes: _Pipes, selector: selectors.BaseSelector) -> None:
    try:
        chunk = os.read(fd, CHUNK)
    except BlockingIOError:
        return
    output = pipes.reads[fd]
    room = output.cap - len(output.data)
    output.data += chunk[:room]
    if len(chunk) > room:
        output.cut = True
    if not chunk or output.cut:
        selector.unregister(fd)
        del pipes.reads[fd]
        os.close(fd)


def _write(pipes: _Pipes, pending: memoryview, selector: selectors.BaseSelector) -> memoryview:
    try:
        pending = pending[os.write(pipes.stdin, pending) :]
    except BlockingIOError:
        return pending
    except OSError:  # it stopped reading; its report says why
        pending = pending[len(pending) :]
    if not pending:
        selector.unregister(pipes.stdin)
        os.close(pipes.stdin)
        pipes.stdin = -1
    return pending


def _close_all(pipes: _Pipes) -> None:
    for fd in list(pipes.reads):
        os.close(fd)
    pipes.reads.clear()
    if pipes.stdin >= 0:
        os.close(pipes.stdin)
        pipes.stdin = -1


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group while its leader is unreaped (its id still ours)."""
    if process.returncode is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
