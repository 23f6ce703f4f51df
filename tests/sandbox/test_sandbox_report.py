"""Reading the harness's report: only well-ordered lines with the run's token count.

These feed ``read_report`` the bytes a run could leave on the pipe (no process needed):
the harness's own order, and what a learner writing to the pipe could add.
"""

from __future__ import annotations

import json
import signal
from typing import Any

import pytest

from practice.limits import LIMITS
from practice.sandbox import SandboxUnavailable
from practice.sandbox.pipes import Finished, Output
from practice.sandbox.report import TAMPERED, RunReport, read_report

TOKEN = "t" * 32


def line(event: str, token: str = TOKEN, **fields: Any) -> bytes:
    return (json.dumps({"run": token, "event": event, **fields}) + "\n").encode()


def finished(
    report: bytes, *, code: int = 0, timed_out: bool = False, cut: bool = False, stderr: bytes = b""
) -> Finished:
    out = Output(LIMITS.sandbox.results_bytes, bytearray(report), cut)
    return Finished(
        stdout=Output(10, bytearray(b"hello")),
        stderr=Output(10, bytearray(stderr)),
        report=out,
        returncode=code,
        timed_out=timed_out,
        seconds=0.2,
    )


def read(report: bytes, calls: int = 2, **kwargs: Any) -> RunReport:
    return read_report(finished(report, **kwargs), TOKEN, calls, LIMITS.sandbox, sandboxed=True)


HEAD = line("ready") + line("load", ok=True, error=None)
CALL0 = line("call", index=0, ok=True, value=[1.0, 2.0])
CALL1 = line("call", index=1, ok=False, kind="exception", error="ValueError: no")


def test_a_complete_run() -> None:
    report = read(HEAD + CALL0 + CALL1 + line("done"))
    assert report.stopped is None and report.loaded
    assert report.outcomes[0].value == [1.0, 2.0]
    assert report.outcomes[1].error == "ValueError: no" and not report.outcomes[1].returned
    assert report.stdout == "hello"


@pytest.mark.parametrize(
    "forged",
    [
        line("call", token="x" * 32, index=1, ok=True, value=[0, 0]),  # wrong token
        line("call", index=0, ok=True, value=[0, 0]),  # index repeated
        line("call", index=5, ok=True, value=[0, 0]),  # index out of order
        line("done") + line("done"),  # done twice
        line("ready"),  # a second start
        b"not json\n",
        b"[1, 2]\n",
        b"[" * 100_000 + b"\n",  # nested past the parser's recursion
    ],
)
def test_a_forged_line_taints_the_whole_run(forged: bytes) -> None:
    report = read(HEAD + CALL0 + forged + CALL1 + line("done"))
    assert report.stopped == TAMPERED
    assert all(not o.returned and o.kind == "tampered" for o in report.outcomes)


def test_a_run_that_stops_early_says_why_for_the_rest() -> None:
    cases = {
        (signal.SIGSEGV + 128, False): "crashed (segmentation fault)",
        (signal.SIGXCPU + 128, False): "more than 3 s of CPU time in all",
        (signal.SIGKILL + 128, False): "was killed",
        (signal.SIGTERM + 128, False): "stopped by SIGTERM",
        (0, False): "ended itself (os._exit",
        (7, False): "exit status 7",
        (137, True): "did not finish within 8 s",
    }
    for (code, timed_out), words in cases.items():
        report = read(HEAD + CALL0, code=code, timed_out=timed_out)
        assert report.outcomes[0].returned
        assert words in (report.outcomes[1].error or ""), (code, report.outcomes[1])
        assert report.outcomes[1].kind == "stopped"


def test_dying_while_loading_fails_every_test() -> None:
    report = read(line("ready"), code=128 + signal.SIGSEGV)
    assert not report.loaded
    assert report.load_error == "while loading: the program crashed (segmentation fault)"
    assert [o.kind for o in report.outcomes] == ["unloaded", "unloaded"]


def test_a_report_past_its_cap() -> None:
    report = read(HEAD + CALL0, code=3, cut=True)
    assert "more data than the tests can read" in (report.outcomes[1].error or "")


def test_no_start_line_means_the_sandbox_did_not_start() -> None:
    with pytest.raises(SandboxUnavailable, match="could not start .*: bwrap: No permissions"):
        read(b"", code=1, stderr=b"bwrap: No permissions to create a new namespace")
    with pytest.raises(SandboxUnavailable, match="did not start within 8 s"):
        read(b"", code=137, timed_out=True)
