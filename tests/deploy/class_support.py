"""Start ``python -m deploy.class_server`` for a test and stop it whatever happens.

A plain module (not a conftest) so the browser and bench tests can use it too:
``with start_class_server(workdir, database_url, replicas=2) as server``. The class
server gets free ports on 127.0.0.1 and its own log folder; on the way out it is sent
SIGTERM (it stops haproxy and its replicas itself), and then every process group it
recorded in ``state.json`` is killed in case it could not.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path

import pytest

from bench.loadgen.class_server import free_port_run
from deploy.class_server import die_with_parent

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 240.0  # seconds: migrations, then N replicas importing on 2 busy cores
STOP_TIMEOUT = 60.0


@dataclass
class RunningClassServer:
    process: subprocess.Popen[bytes]
    url: str
    database_url: str
    log_dir: Path
    output: Path

    def state(self) -> dict[str, object]:
        data: dict[str, object] = json.loads((self.log_dir / "state.json").read_text())
        return data

    def replica_pid(self, name: str) -> int:
        replicas = self.state()["replicas"]
        assert isinstance(replicas, list)
        return int(next(r["pid"] for r in replicas if r["name"] == name))

    def kill_replica(self, name: str) -> None:
        """SIGKILL a replica's whole process group: a crash, not a shutdown."""
        os.killpg(self.replica_pid(name), signal.SIGKILL)

    def pids(self) -> list[int]:
        state = self.state()
        replicas = state["replicas"]
        assert isinstance(replicas, list)
        found = [int(r["pid"]) for r in replicas if r["pid"]]
        return found + ([int(str(state["proxy_pid"]))] if state.get("proxy_pid") else [])

    def log_tail(self, lines: int = 40) -> str:
        parts = [self.output, *sorted(self.log_dir.glob("*.log"))]
        return "\n".join(
            f"== {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            for path in parts
            if path.exists()
        )


def get(url: str, cookie: str | None = None) -> HTTPResponse:
    """A GET that follows no redirects and keeps no cookies of its own."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    reply: HTTPResponse = urllib.request.urlopen(request, timeout=30)
    reply.read()
    return reply


def _ready(server: RunningClassServer) -> bool:
    if not (server.log_dir / "state.json").exists():
        return False
    try:
        return get(f"{server.url}/_stcore/health").status == 200
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    with suppress(OSError):  # a zombie is dead for our purpose
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


@contextmanager
def start_class_server(
    workdir: Path,
    database_url: str,
    *,
    replicas: int = 2,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    options: tuple[str, ...] = (),
) -> Iterator[RunningClassServer]:
    """``port``: haproxy's, with the replicas' on the ports after it (default: free ones);
    ``options``: passed to every replica (``--secrets.files PATH``)."""
    port = port or free_port_run(1 + replicas)
    log_dir = workdir / "class-server"
    output = workdir / "class-server.out"
    env = {**os.environ, "DATABASE_URL": database_url, "PRACTICE_MODE": "local"}
    env.update(extra_env or {})
    command = [
        sys.executable, "-m", "deploy.class_server", "--replicas", str(replicas),
        "--host", "127.0.0.1", "--port", str(port), "--first-port", str(port + 1),
        "--log-dir", str(log_dir), *options,
    ]  # fmt: skip
    with output.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=die_with_parent,
        )  # fmt: skip
    server = RunningClassServer(process, f"http://127.0.0.1:{port}", database_url, log_dir, output)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _ready(server):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the class server did not start:\n{server.log_tail()}")
            time.sleep(0.5)
        yield server
    finally:
        _stop(server)


def _stop(server: RunningClassServer) -> None:
    recorded = server.pids() if (server.log_dir / "state.json").exists() else []
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
    for pid in [server.process.pid, *recorded]:
        with suppress(ProcessLookupError, PermissionError):
            if alive(pid) and os.getpgid(pid) == pid:  # still the group this server started
                os.killpg(pid, signal.SIGKILL)
    server.process.poll()
