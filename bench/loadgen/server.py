"""The server under load: ``streamlit run app.py`` on loopback, on a fresh store, and
what it costs the machine, read from ``/proc``.

The server gets a free port on 127.0.0.1, its own SQLite file through ``DATABASE_URL``
in a temporary folder, local mode, and whatever ``--server.*`` / ``--runner.*`` options
the caller passes, so configurations can be compared on the same footing. It runs in a
process group of its own, so stopping it stops whatever it started (worker processes
included) and nothing else.

CPU is the user + system time of the server's whole process tree (children that ended
count through their parent's ``cutime``/``cstime``), as a share of one core; RSS is the
resident memory of the main process and, separately, the sum over the tree (shared
pages of forked workers count once per process there).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

START_TIMEOUT = 180.0  # seconds for the server to answer its health check
STOP_TIMEOUT = 15.0
OPTION_SECTIONS = ("server", "runner", "global", "logger", "client")
_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


class ServerFailed(RuntimeError):
    """The server did not start; the message ends with the tail of its log."""


def check_options(options: list[str]) -> list[str]:
    """Streamlit options to pass through (``--server.x V`` or ``--server.x=V``); raises
    ``ValueError`` for anything else, so a typo is not silently ignored."""
    index = 0
    while index < len(options):
        option = options[index]
        name = option.removeprefix("--").split("=", 1)[0]
        section = name.split(".", 1)[0]
        if not option.startswith("--") or "." not in name or section not in OPTION_SECTIONS:
            raise ValueError(
                f"unknown argument {option!r}: only Streamlit options of the sections "
                f"{', '.join(OPTION_SECTIONS)} pass through, e.g. --runner.postScriptGC false"
            )
        if "=" not in option:
            if index + 1 >= len(options):
                raise ValueError(f"the option {option} needs a value")
            index += 1
        index += 1
    return options


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class AppServer:
    """``with AppServer(root, workdir, options) as server``: started and healthy inside,
    stopped (its whole process group) on the way out."""

    def __init__(
        self,
        root: Path,
        workdir: Path,
        options: list[str],
        *,
        launcher: tuple[str, ...] = (sys.executable, "-m", "streamlit"),
        env: dict[str, str] | None = None,
    ) -> None:
        """``launcher`` is what runs ``streamlit``'s command line (``bench/
        rerun_profile.py`` passes one that profiles every script run); ``env`` adds
        variables to the server's environment."""
        self.root = root
        self._launcher = launcher
        self._extra_env = env or {}
        self.store_path = workdir / "capacity.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log_path = workdir / "server.log"
        self._options = options
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._process is None:
            raise ServerFailed("the server is not running")
        return self._process.pid

    def __enter__(self) -> AppServer:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.store_path}",
            "PRACTICE_MODE": "local",
            **self._extra_env,
        }
        command = [
            *self._launcher, "run", "app.py",
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
            *self._options,
        ]  # fmt: skip
        with self._log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self._log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise ServerFailed(f"the server exited at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise ServerFailed(f"no health answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Terminate the server's process group, then kill it if it lingers."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


@dataclass(frozen=True)
class Usage:
    """One reading of the server's process tree."""

    at: float  # time.monotonic()
    cpu_seconds: float
    rss_main: int  # bytes
    rss_tree: int
    processes: int
    machine_busy: int  # jiffies of all cores, busy
    machine_total: int  # jiffies of all cores


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # after "pid (comm) "


def _tree(root: int) -> list[int]:
    """``root`` and every process descending from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _machine() -> tuple[int, int]:
    """Busy and total jiffies of all cores (``/proc/stat``), to tell how much of the
    machine the server's neighbours took."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    total = sum(values[:8])  # guest time is already in user time
    return total - values[3] - values[4], total  # less idle and iowait


def read_usage(root: int) -> Usage:
    """CPU seconds so far and RSS now, of ``root``'s process tree, and the machine's."""
    cpu = 0.0
    tree = _tree(root)
    for pid in tree:
        fields = _stat_fields(pid)
        if fields is not None:  # utime stime cutime cstime: fields 14–17 of stat
            cpu += sum(int(value) for value in fields[11:15]) / _TICKS
    busy, total = _machine()
    rss_tree = sum(_rss(pid) for pid in tree)
    return Usage(time.monotonic(), cpu, _rss(root), rss_tree, len(tree), busy, total)
