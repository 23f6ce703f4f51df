"""Run a learner's function on a list of calls and report what came back.

This is the sandbox's one entry point for the rest of the project. It never decides
whether anything is right (``practice.sandbox.compare`` does, outside, against the
reference), and it runs the learner's code only in another process: in bubblewrap, or
(``PRACTICE_UNSAFE_CODE_RUNNER=1``, a developer's machine without bubblewrap) in a
plain subprocess with the same limits. Call it from a thread that outlives the run:
``--die-with-parent`` ties the sandbox to the thread that started it.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import tempfile
from collections.abc import Sequence
from pathlib import Path

from practice.limits import LIMITS, SandboxLimits
from practice.sandbox import harness, pipes, protocol
from practice.sandbox.bwrap import ENVIRONMENT, sandbox_command
from practice.sandbox.environment import SITE_INSIDE, current_environment
from practice.sandbox.errors import SandboxUnavailable
from practice.sandbox.protocol import Call
from practice.sandbox.report import RunReport, read_report
from practice.sandbox.settings import unsandboxed_allowed


def run_function(
    source: str | bytes,
    entry: str,
    calls: Sequence[Call],
    *,
    limits: SandboxLimits = LIMITS.sandbox,
) -> RunReport:
    """Load ``source`` as the learner's file and call its ``entry`` for each call.

    Raises ``SandboxUnavailable`` when the sandbox cannot start (and the developer
    setting does not allow running without it): grading must then fail closed.
    """
    try:
        return _run(source, entry, calls, limits, sandboxed=True)
    except SandboxUnavailable:
        if not unsandboxed_allowed():
            raise
    return _run(source, entry, calls, limits, sandboxed=False)


def run_unsandboxed(
    source: str | bytes,
    entry: str,
    calls: Sequence[Call],
    *,
    limits: SandboxLimits = LIMITS.sandbox,
) -> RunReport:
    """The same run in a plain subprocess: for ``bench/code.py``'s baseline and the
    developer setting only. It does not contain hostile code."""
    return _run(source, entry, calls, limits, sandboxed=False)


def _run(
    source: str | bytes,
    entry: str,
    calls: Sequence[Call],
    limits: SandboxLimits,
    *,
    sandboxed: bool,
) -> RunReport:
    text, problem = _source_text(source, limits)
    if text is None:
        return RunReport.refused(problem, len(calls), sandboxed=sandboxed)
    env = current_environment()
    token = secrets.token_hex(16)
    site = SITE_INSIDE if sandboxed else str(env.site)
    program = [str(env.executable), "-I", "-S", "-B", "-c", harness_source()]
    program += [pipes.REPORT_FD, token, site, json.dumps(limits.inside())]
    job = protocol.job(text, entry, calls)
    with tempfile.TemporaryDirectory(prefix="practice-unsandboxed-") as scratch:
        if sandboxed:
            argv = sandbox_command(program, env, limits, as_root=os.geteuid() == 0)
            cwd, environ = "/", {}
        else:
            argv, cwd, environ = program, scratch, dict(ENVIRONMENT, HOME=scratch)
        try:
            finished = pipes.run(
                argv,
                job=job,
                deadline_seconds=limits.wall_seconds,
                output_cap=limits.output_bytes,
                report_cap=limits.results_bytes,
                env=environ,
                cwd=cwd,
            )
        except OSError as error:
            raise SandboxUnavailable(f"could not start {argv[0]}: {error}") from error
    return read_report(finished, token, len(calls), limits, sandboxed=sandboxed)


def _source_text(source: str | bytes, limits: SandboxLimits) -> tuple[str | None, str]:
    raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    if len(raw) > limits.source_bytes:
        return None, f"the file is longer than {limits.source_bytes // 1024} KiB"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        return None, f"the file is not UTF-8 text (byte {error.start} cannot be read)"


@functools.cache
def harness_source() -> str:
    return Path(harness.__file__).read_text(encoding="utf-8")
