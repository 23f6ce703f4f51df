"""The loop a worker process runs: take a request, run it under its CPU budget, reply.

One task at a time on the process's only thread, which is what makes the process CPU
clock the task's (``practice.timelimit``). The loop ends when the server closes its
end of the pipe; the server kills a worker that overruns its wall-clock deadline.
"""

from __future__ import annotations

import signal
import traceback
from multiprocessing.connection import Connection

from practice.timelimit import TimeUp, time_limit
from practice.workers import messages


def serve(conn: Connection) -> None:
    """Answer requests on ``conn`` until the server goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server to handle
    while True:
        try:
            request: messages.Request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send_bytes(run(request))


def run(request: messages.Request) -> bytes:
    """The reply to one request, as bytes; never raises."""
    try:
        with time_limit(request.cpu_seconds):
            value = request.task(*request.args)
    except TimeUp:
        return messages.reply_cpu()
    except Exception as error:  # noqa: BLE001 — a task's bug is one failed request
        return messages.reply_raised(error, traceback.format_exc())
    try:
        return messages.reply_ok(value)
    except Exception as error:  # noqa: BLE001 — e.g. a value that cannot be pickled
        return messages.reply_raised(error, traceback.format_exc())
