"""What a run of the learner's code produced, read from the harness's report pipe.

The report is untrusted data: the learner's code shares a process with the harness
and could write to the pipe. So every line must be JSON carrying the run's token, and
the events must come in the harness's order (ready, load, one per test in turn, done).
Anything else marks the whole run as tampered with, and no test of it passes. A line
that is well formed can only claim what a function returned, which is graded outside
like any returned value.
"""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass
from typing import Any

from practice.limits import SandboxLimits
from practice.sandbox.errors import SandboxUnavailable
from practice.sandbox.pipes import Finished, Output

TAMPERED = "the run's report was tampered with (something besides the test harness wrote to it)"


@dataclass(frozen=True)
class CallOutcome:
    """One test's call of the learner's function."""

    returned: bool
    value: Any = None  # what it returned, as JSON data (arrays as lists)
    error: str | None = None  # why there is no value, in words
    kind: str | None = None  # exception, timeout, exit, memory, stopped, tampered, unreadable


@dataclass(frozen=True)
class RunReport:
    run_id: str
    loaded: bool
    load_error: str | None
    outcomes: tuple[CallOutcome, ...]  # one per call, in order
    stopped: str | None  # why the run ended before its end, in words
    stdout: str
    stderr: str
    sandboxed: bool
    seconds: float

    @classmethod
    def refused(cls, reason: str, calls: int, *, sandboxed: bool = True) -> RunReport:
        """A file that was not run at all (not text, too long)."""
        outcome = CallOutcome(False, error=reason, kind="unreadable")
        return cls("", False, reason, (outcome,) * calls, None, "", "", sandboxed, 0.0)


def read_report(
    finished: Finished, token: str, calls: int, limits: SandboxLimits, *, sandboxed: bool
) -> RunReport:
    events, tampered = _events(finished.report.data, token)
    kinds = [event.get("event") for event in events]
    if not kinds or kinds[0] != "ready":
        raise SandboxUnavailable(_start_failure(finished, limits))
    load = events[1] if len(events) > 1 and kinds[1] == "load" else None
    call_events = events[2:-1] if kinds[-1] == "done" else events[2:]
    tampered = tampered or not _in_order(kinds, call_events, calls)
    done = kinds[-1] == "done" and not tampered
    stopped = None if done else _why_stopped(finished, limits, tampered)
    load_error = _load_error(load, stopped)
    outcomes = [_outcome(event) for event in call_events] if not tampered else []
    if load_error is None or tampered:
        missing = CallOutcome(False, error=stopped, kind="tampered" if tampered else "stopped")
    else:
        missing = CallOutcome(False, error=load_error, kind="unloaded")
    outcomes += [missing] * (calls - len(outcomes))
    return RunReport(
        run_id=token,
        loaded=load_error is None,
        load_error=load_error,
        outcomes=tuple(outcomes),
        stopped=stopped,
        stdout=_text(finished.stdout, limits),
        stderr=_text(finished.stderr, limits),
        sandboxed=sandboxed,
        seconds=finished.seconds,
    )


def _events(data: bytes | bytearray, token: str) -> tuple[list[dict[str, Any]], bool]:
    events: list[dict[str, Any]] = []
    for line in bytes(data).split(b"\n")[:-1]:  # the last piece is empty or cut short
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            return events, True
        if not isinstance(event, dict) or event.get("run") != token:
            return events, True
        events.append(event)
    return events, False


def _in_order(kinds: list[Any], call_events: list[dict[str, Any]], calls: int) -> bool:
    if "done" in kinds[:-1] or kinds.count("ready") != 1 or kinds.count("load") > 1:
        return False
    if len(kinds) > 1 and kinds[1] != "load":
        return False
    if len(call_events) > calls:
        return False
    return all(
        event.get("event") == "call" and event.get("index") == index
        for index, event in enumerate(call_events)
    )


def _outcome(event: dict[str, Any]) -> CallOutcome:
    if event.get("ok") is True:
        return CallOutcome(True, value=event.get("value"))
    error, kind = event.get("error"), event.get("kind")
    return CallOutcome(
        False,
        error=str(error)[:2000] if error is not None else "failed",
        kind=str(kind)[:20] if kind is not None else "exception",
    )


def _load_error(load: dict[str, Any] | None, stopped: str | None) -> str | None:
    if load is None:
        return f"while loading: {stopped}"
    if load.get("ok") is True:
        return None
    return str(load.get("error") or "the file could not be loaded")[:2000]


def _why_stopped(finished: Finished, limits: SandboxLimits, tampered: bool) -> str:
    if tampered:
        return TAMPERED
    if finished.report.cut:
        return "the program returned more data than the tests can read"
    if finished.timed_out:
        return f"the program did not finish within {limits.wall_seconds:g} s and was stopped"
    code = finished.returncode
    if code == 0:
        return "the program ended itself (os._exit or similar) before the tests were done"
    if code <= 128:
        return f"the program ended itself with exit status {code} before the tests were done"
    return _signal_words(code - 128, limits)


def _signal_words(number: int, limits: SandboxLimits) -> str:
    if number == signal.SIGXCPU:
        return f"the program used more than {limits.cpu_seconds} s of CPU time in all"
    if number == signal.SIGSEGV:
        return "the program crashed (segmentation fault)"
    if number == signal.SIGKILL:
        return "the program was killed (it used up its CPU time or memory, or killed itself)"
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    return f"the program was stopped by {name}"


def _start_failure(finished: Finished, limits: SandboxLimits) -> str:
    if finished.timed_out:
        return f"the sandbox did not start within {limits.wall_seconds:g} s (the server is busy)"
    detail = bytes(finished.stderr.data).decode("utf-8", "replace").strip()[-500:]
    return f"the sandbox could not start (exit status {finished.returncode}): {detail or '?'}"


def _text(output: Output, limits: SandboxLimits) -> str:
    text = bytes(output.data).decode("utf-8", "replace")
    if output.cut:
        text += f"\n… (cut after {limits.output_bytes // 1024} KiB)"
    return text
