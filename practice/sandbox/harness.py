"""The program that runs inside the sandbox, around the learner's file.

It loads the file, calls the learner's function on each test's arguments and reports
what came back, one JSON line per test, on a pipe of its own (the file descriptor in
``argv[1]``), never on stdout, which belongs to the learner's ``print``. It decides
nothing: the expected values never enter the sandbox, and the verdict is computed
outside by comparing the reported values with the reference. So a learner who
monkeypatches numpy, ``math`` or builtins, prints a fake report, or even writes lines
into the report pipe can only claim return values, and a claimed value is graded
exactly like a returned one. The run token (``argv[2]``) on every line lets the
outside tell this program's lines from stray writes; it is not a secret the grade
depends on.

This file is passed to ``python -I -S -c`` as text: the project is not mounted in the
sandbox, so it may import only the standard library and numpy (from ``argv[3]``).
``exec`` of the learner's code is the point of this program and happens only here,
behind the sandbox's namespaces and the limits set below.
"""

from __future__ import annotations

import builtins
import io
import json
import math
import os
import resource
import signal
import sys
import traceback
from typing import Any

FILENAME = "solution.py"
MAX_ITEMS = 100_000  # numbers in one reported value
MAX_DEPTH = 20
MAX_TEXT = 2_000

_write = os.write  # kept before the learner's code can replace them
_exit = os._exit
_dumps = json.dumps
_getpid = os.getpid
MAIN_PID = _getpid()


class CallTimeout(BaseException):
    """A test used up its CPU budget. A BaseException so that a learner's ``except
    Exception`` around a loop does not swallow it."""


class Report:
    """Writes the JSON lines of the report; only the harness's own process does, so a
    child the learner forked never adds lines."""

    def __init__(self, fd: int, token: str) -> None:
        self.fd = fd
        self.token = token

    def send(self, event: str, **fields: Any) -> None:
        if _getpid() != MAIN_PID:
            _exit(0)
        line = _dumps({"run": self.token, "event": event, **fields}, allow_nan=True) + "\n"
        data = line.encode("utf-8", "replace")
        try:
            while data:
                data = data[_write(self.fd, data) :]
        except OSError:  # the outside stopped reading: too much data
            _exit(3)


class QuietPipe(io.RawIOBase):
    """stdout/stderr that drop what the outside no longer reads (past its cap), so a
    learner's ``print`` never fails because it printed a lot."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.closed_by_reader = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(data)
        if not self.closed_by_reader:
            try:
                view = memoryview(data)
                while view:
                    view = view[_write(self.fd, view) :]
            except OSError:
                self.closed_by_reader = True
        return size


def apply_limits(limits: dict[str, Any]) -> None:
    cpu = int(math.ceil(limits["cpu_seconds"]))
    _limit(resource.RLIMIT_CPU, cpu, cpu + 1)
    _limit(resource.RLIMIT_AS, limits["memory_bytes"])
    _limit(resource.RLIMIT_NPROC, limits["processes"])
    _limit(resource.RLIMIT_FSIZE, limits["file_bytes"])
    _limit(resource.RLIMIT_NOFILE, limits["open_files"])
    _limit(resource.RLIMIT_CORE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails, not the run


def _limit(which: int, soft: int, hard: int | None = None) -> None:
    _, current_hard = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if current_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, current_hard), min(hard, current_hard)
    resource.setrlimit(which, (soft, hard))


def on_timer(signum: int, frame: Any) -> None:
    raise CallTimeout


class CpuBudget:
    """Arms a CPU-time timer (ITIMER_PROF counts this process's CPU, not the clock)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, self.seconds)

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0)


def describe_error(error: BaseException, budget: float) -> tuple[str, str]:
    """(kind, words) for an exception raised by the learner's code."""
    if isinstance(error, CallTimeout):
        return "timeout", f"took more than {budget:g} s of CPU time"
    if isinstance(error, SystemExit):
        return "exit", f"called sys.exit({error.code!r})"[:MAX_TEXT]
    if isinstance(error, MemoryError):
        return "memory", "ran out of memory (MemoryError)"
    if isinstance(error, SyntaxError):
        where = f" ({FILENAME}, line {error.lineno})" if error.lineno else ""
        return "syntax", f"SyntaxError: {error.msg}{where}"[:MAX_TEXT]
    return "exception", (_exception_line(error) + _learner_line(error))[:MAX_TEXT]


def _exception_line(error: BaseException) -> str:
    try:
        return "".join(traceback.format_exception_only(type(error), error)).strip()
    except BaseException:
        return type(error).__name__


def _learner_line(error: BaseException) -> str:
    try:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == FILENAME]
    except BaseException:
        return ""
    return f" ({FILENAME}, line {frames[-1].lineno})" if frames else ""


def encode(value: Any, budget: list[int], depth: int = 0) -> Any:
    """What the learner's function returned, as JSON data; numpy arrays become lists."""
    budget[0] -= 1
    if budget[0] < 0:
        return {"$object": "a value too large to report"}
    if depth > MAX_DEPTH:
        return {"$object": "a value nested too deeply"}
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value) if abs(value) < 10**300 else {"$object": "a very large integer"}
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)[:MAX_TEXT]
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray | numpy.generic):
        if value.size > MAX_ITEMS:
            return {"$object": "a value too large to report"}
        return encode(value.tolist(), budget, depth)
    if isinstance(value, list | tuple):
        return [encode(item, budget, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(k): encode(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, complex):
        return {"$object": "a complex number"}
    return {"$object": f"a {type(value).__name__[:80]} object"}


class Decoder:
    """Builds the arguments of a test from the job's data, afresh for each test, so a
    function that changes its argument in place cannot change the next test."""

    def __init__(self, numpy: Any, learner: dict[str, Any]) -> None:
        self.numpy = numpy
        self.learner = learner

    def __call__(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$array" in node:
            return self.numpy.array(node["$array"], dtype=float)
        if "$tuple" in node:
            return tuple(self(item) for item in node["$tuple"])
        if "$function" in node:
            return self.function(node["$function"])
        if "$learner" in node:
            return self.learner[node["$learner"]]
        return {key: self(value) for key, value in node.items()}

    def function(self, spec: dict[str, str]) -> Any:
        """A test function (``f``, its gradient, an instructor's probe), written by the
        project from the bank's data, defined here so the learner can call it."""
        scope: dict[str, Any] = {"np": self.numpy, "numpy": self.numpy, "math": math}
        scope["__builtins__"] = builtins
        exec(compile(spec["source"], "<test>", "exec"), scope)  # noqa: S102
        return scope[spec["name"]]


def load(source: str, entry: str, budget: float) -> tuple[dict[str, Any] | None, str | None]:
    """Runs the learner's file as a module named ``solution`` (so an ``if __name__ ==
    "__main__":`` block of their own checks does not run)."""
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": FILENAME}
    try:
        code = compile(source, FILENAME, "exec")
        with CpuBudget(budget):
            exec(code, namespace)  # noqa: S102
    except BaseException as error:
        return None, "while loading: " + describe_error(error, budget)[1]
    if not callable(namespace.get(entry)):
        return None, f"{FILENAME} defines no function `{entry}`"
    return namespace, None


def run_call(call: dict[str, Any], decode: Decoder, budget: float) -> dict[str, Any]:
    try:
        with CpuBudget(budget):
            target = decode(call["target"])
            value = target(*decode(call.get("args", [])), **decode(call.get("kwargs", {})))
            encoded = encode(value, [MAX_ITEMS])
    except BaseException as error:
        kind, words = describe_error(error, budget)
        return {"ok": False, "kind": kind, "error": words}
    return {"ok": True, "value": encoded}


def main(argv: list[str]) -> None:
    report = Report(int(argv[1]), argv[2])
    site, limits = argv[3], json.loads(argv[4])
    apply_limits(limits)
    signal.signal(signal.SIGPROF, on_timer)
    report.send("ready")
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.path.insert(0, site)
    import numpy

    streams = [_text_stream(fd) for fd in (1, 2)]
    sys.stdout, sys.stderr = streams
    budget = float(limits["call_cpu_seconds"])
    namespace, error = load(job["source"], job["entry"], budget)
    report.send("load", ok=error is None, error=error)
    if namespace is not None:
        decode = Decoder(numpy, namespace)
        for index, call in enumerate(job["calls"]):
            report.send("call", index=index, **run_call(call, decode, budget))
    _flush(streams)
    report.send("done")
    _exit(0)  # without waiting for threads or atexit handlers the learner left behind


def _text_stream(fd: int) -> io.TextIOWrapper:
    raw = io.BufferedWriter(QuietPipe(fd))
    return io.TextIOWrapper(raw, "utf-8", "replace", line_buffering=True)


def _flush(streams: list[io.TextIOWrapper]) -> None:
    for stream in streams:
        try:
            stream.flush()
        except BaseException:
            pass


if __name__ == "__main__":
    main(sys.argv)
