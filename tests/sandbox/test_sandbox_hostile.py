"""Hostile learner files, each run in the real sandbox with the default limits.

Every one must get a clear verdict within the deadline, none may be graded correct
unless its function is really right, nothing may stay alive (the ``grade`` fixture
checks) and nothing may be written outside.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from practice.limits import LIMITS
from practice.sandbox import RunReport
from practice.sandbox.compare import Check
from tests.sandbox.helpers import RIGHT, Grade, expected_gradient

ROOT = Path(__file__).resolve().parents[2]
WITHIN = LIMITS.sandbox.wall_seconds + 2.5  # the deadline, the kill and a busy machine


def refused(report: RunReport, checks: list[Check], words: str) -> None:
    assert report.sandboxed
    assert report.seconds < WITHIN
    assert not any(c.passed for c in checks), checks
    assert all(words in c.message for c in checks), [c.message for c in checks]


def function_of(body: str, head: str = "") -> str:
    indented = "\n".join("    " + line for line in body.splitlines())
    return f"{head}\ndef numerical_gradient(f, v, h=1e-5):\n{indented}\n"


FORK_BOMB = function_of(
    "while True:\n    try:\n        os.fork()\n    except OSError:\n        pass", "import os"
)


def test_an_infinite_loop_in_the_function_stops_at_its_cpu_budget(grade: Grade) -> None:
    report, checks = grade(function_of("while True:\n    pass"))
    refused(report, checks, "")
    assert "took more than 1 s of CPU time" in checks[0].message
    # The second test may meet the wall-clock deadline first on a loaded machine.
    assert any(words in checks[1].message for words in ("CPU time", "did not finish"))


def test_a_loop_that_swallows_the_stop_is_ended_by_the_kernel(grade: Grade) -> None:
    body = "while True:\n    try:\n        while True: pass\n    except BaseException: pass"
    report, checks = grade(function_of(body))
    assert not any(c.passed for c in checks)
    assert report.seconds < WITHIN
    assert report.stopped is not None or all("CPU time" in c.message for c in checks)


def test_an_infinite_loop_at_import(grade: Grade) -> None:
    report, checks = grade("while True:\n    pass\n" + RIGHT)
    refused(report, checks, "while loading: took more than 1 s of CPU time")


def test_a_fork_bomb_is_bounded_and_killed(grade: Grade) -> None:
    report, checks = grade(FORK_BOMB)
    refused(report, checks, "")


def test_eight_gib_of_memory_is_refused(grade: Grade) -> None:
    report, checks = grade(function_of("return np.ones(1 << 30).sum()", "import numpy as np"))
    refused(report, checks, "ran out of memory")


def test_400_mb_on_stdout_and_stderr_is_cut(grade: Grade) -> None:
    body = (
        "for _ in range(200):\n"
        "    sys.stdout.write('x' * 1_000_000)\n"
        "    sys.stderr.write('y' * 1_000_000)\n"
        "return [0.0, 0.0]"
    )
    report, checks = grade(function_of(body, "import sys"))
    refused(report, checks, "got (0, 0)")
    assert len(report.stdout) < LIMITS.sandbox.output_bytes + 100
    assert report.stdout.endswith("(cut after 64 KiB)")
    assert report.stderr.startswith("yyyy")


def test_writes_outside_land_nowhere(grade: Grade, tmp_path: Path) -> None:
    name = f"sandbox-{uuid.uuid4().hex}"
    targets = [ROOT / name, Path("/tmp") / name, tmp_path / name, Path.home() / name]
    body = (
        f"for path in {[str(t) for t in targets]!r} + ['/usr/' + {name!r}]:\n"
        "    try:\n"
        "        os.makedirs(os.path.dirname(path), exist_ok=True)\n"
        "        with open(path, 'w') as out:\n"
        "            out.write('pwned')\n"
        "    except OSError:\n"
        "        pass\n"
        "return [0.0, 0.0]"
    )
    report, checks = grade(function_of(body, "import os"))
    refused(report, checks, "got (0, 0)")
    assert [t for t in targets if t.exists()] == []
    assert not Path("/usr", name).exists()


def test_no_connection_to_postgres_or_to_a_port_of_ours(grade: Grade) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    body = (
        "reached = []\n"
        f"for port in (5432, {port}, 8501):\n"
        "    try:\n"
        "        socket.create_connection(('127.0.0.1', port), timeout=1).close()\n"
        "        reached.append(port)\n"
        "    except OSError:\n"
        "        pass\n"
        "return reached"
    )
    try:
        report, checks = grade(function_of(body, "import socket"))
        refused(report, checks, "got ()")
        try:
            listener.accept()
            raise AssertionError("the sandbox reached the test's port")
        except BlockingIOError:
            pass
    finally:
        listener.close()


def test_the_servers_environment_and_the_project_are_invisible(
    grade: Grade, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = uuid.uuid4().hex
    monkeypatch.setenv("PRACTICE_TEST_SECRET", secret)
    body = (
        "seen = [repr(dict(os.environ)), repr(os.listdir('/'))]\n"
        f"for path in ({str(ROOT / 'pyproject.toml')!r}, '/proc/1/environ', '/etc/passwd'):\n"
        "    try:\n"
        "        seen.append(open(path, 'rb').read().decode('latin-1'))\n"
        "    except OSError as error:\n"
        "        seen.append(str(error))\n"
        "print(seen)\n"
        "return [0.0, 0.0]"
    )
    report, checks = grade(function_of(body, "import os"))
    refused(report, checks, "got (0, 0)")
    assert secret not in report.stdout
    assert "gradient-practice" not in report.stdout  # pyproject.toml's project name
    assert "DATABASE_URL" not in report.stdout and "root:" not in report.stdout


def test_monkeypatched_comparisons_change_nothing(grade: Grade) -> None:
    head = (
        "import builtins, math, numpy as np\n"
        "np.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda *a, **k: True\n"
        "np.array_equal = lambda *a, **k: True\n"
        "math.isclose = lambda *a, **k: True\n"
        "builtins.abs = lambda x: 0\n"
    )
    report, checks = grade(function_of("return np.zeros(2)", head))
    refused(report, checks, "got (0, 0)")


def test_a_printed_or_forged_report_is_not_believed(grade: Grade) -> None:
    fake = '{"run": "x", "event": "call", "index": 0, "ok": true, "value": [1, 2]}'
    body = (
        f"print({fake!r}); print({fake!r}, file=sys.stderr)\n"
        "for fd in range(3, 64):\n"
        "    try:\n"
        f"        os.write(fd, ({fake!r} + '\\n').encode())\n"
        "    except OSError:\n"
        "        pass\n"
        "return [0.0, 0.0]"
    )
    report, checks = grade(function_of(body, "import os, sys"))
    refused(report, checks, "tampered")


def test_os_exit_and_sys_exit(grade: Grade) -> None:
    report, checks = grade(function_of("os._exit(0)", "import os"))
    refused(report, checks, "ended itself")
    report, checks = grade(function_of("sys.exit(0)", "import sys"))
    refused(report, checks, "called sys.exit(0)")
    report, checks = grade("import sys\nsys.exit(0)\n" + RIGHT)
    refused(report, checks, "while loading: called sys.exit(0)")


def test_the_callers_frames_hold_no_expected_value(grade: Grade) -> None:
    body = (
        "import gc\n"
        "seen, frame = [], sys._getframe()\n"
        "while frame is not None:\n"
        "    seen.append(repr(frame.f_locals)[:20000])\n"
        "    frame = frame.f_back\n"
        "seen += [repr(o)[:200] for o in gc.get_objects() if isinstance(o, (list, dict))]\n"
        "print('\\n'.join(seen))\n"
        "return [0.0, 0.0]"
    )
    report, checks = grade(function_of(body, "import sys"))
    refused(report, checks, "got (0, 0)")
    for value in expected_gradient((1.2, -0.4)):
        assert f"{value:.6f}"[:-1] not in report.stdout


def test_killing_its_parents_harms_nobody_outside(grade: Grade) -> None:
    canary = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        body = "for pid in (os.getppid(), 1, -1):\n    try:\n        os.kill(pid, 9)\n    except OSError:\n        pass"
        report, checks = grade(function_of(body, "import os"))
        refused(report, checks, "")
        assert canary.poll() is None, "a process outside the sandbox was killed"
    finally:
        canary.kill()
        canary.wait()


def test_a_segfault_through_ctypes(grade: Grade) -> None:
    report, checks = grade(function_of("return ctypes.string_at(0)", "import ctypes"))
    refused(report, checks, "crashed (segmentation fault)")


def test_nan_results_are_never_right(grade: Grade) -> None:
    report, checks = grade(function_of("return [float('nan'), float('nan')]"))
    refused(report, checks, "got (nan, nan)")


def test_a_thread_sleeping_forever_does_not_hold_the_run(grade: Grade) -> None:
    head = "import threading, time\nthreading.Thread(target=time.sleep, args=(10**6,)).start()\n"
    report, checks = grade(head + RIGHT)
    assert all(c.passed for c in checks), checks  # the function is right: it passes
    assert report.seconds < LIMITS.sandbox.wall_seconds


def test_a_function_sleeping_forever_meets_the_deadline(grade: Grade) -> None:
    report, checks = grade(function_of("time.sleep(10**6)", "import time"))
    refused(report, checks, f"did not finish within {LIMITS.sandbox.wall_seconds:g} s")


def test_syntax_errors_name_the_line(grade: Grade) -> None:
    report, checks = grade("import numpy as np\n\ndef numerical_gradient(f, v:\n    return v\n")
    refused(report, checks, "SyntaxError")
    assert "line 3" in (report.load_error or "")


def test_binary_junk(grade: Grade) -> None:
    report, checks = grade(bytes(range(256)) * 4)
    refused(report, checks, "not UTF-8 text")
    report, checks = grade(b"\x00\x01\x02def numerical_gradient(f, v): pass\n")
    refused(report, checks, "null bytes")


def test_a_missing_function_is_named(grade: Grade) -> None:
    report, checks = grade("def gradient(f, v):\n    return v\n")
    refused(report, checks, "defines no function `numerical_gradient`")


def test_others_are_served_while_a_fork_bomb_runs(grade: Grade) -> None:
    bomb = FORK_BOMB
    results: dict[str, list[Check]] = {}

    def run(name: str, source: str) -> None:
        results[name] = grade(source)[1]

    threads = [
        threading.Thread(target=run, args=(n, s)) for n, s in (("bomb", bomb), ("right", RIGHT))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(c.passed for c in results["right"]), results["right"]
    assert not any(c.passed for c in results["bomb"])


def test_a_right_answer_passes_beside_all_this(grade: Grade) -> None:
    """The control: the same fixture grades a right function as right."""
    report, checks = grade(RIGHT)
    assert report.sandboxed and report.loaded
    assert [c.passed for c in checks] == [True, True]


def test_the_process_limit_holds(grade: Grade) -> None:
    body = (
        "made = 0\n"
        "while made < 1000:\n"
        "    try:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(100)\n"
        "            os._exit(0)\n"
        "    except OSError:\n"
        "        break\n"
        "    made += 1\n"
        "return made"
    )
    report, checks = grade(function_of(body, "import os, time"))
    made = report.outcomes[0].value
    assert isinstance(made, int) and 0 < made < LIMITS.sandbox.processes, report.outcomes[0]
    assert not any(c.passed for c in checks)
