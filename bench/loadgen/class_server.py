"""The class server under load: ``python -m deploy.class_server`` (N replicas behind
haproxy) on loopback ports, on a PostgreSQL schema of its own.

The schema is created in the database at ``--database-url`` and dropped afterwards; the
replicas reach it through libpq's ``search_path`` option in ``DATABASE_URL``. The class
server runs in a process group of its own and its replicas and haproxy are its children,
so ``pid``'s process tree is the whole server (``read_usage`` sums it). Stopping sends it
SIGTERM (it stops haproxy and every replica) and then kills any group it recorded that
is still there.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from deploy.class_server import die_with_parent

from .server import ServerFailed

START_TIMEOUT = 300.0  # migrations, then N replicas importing on two busy cores
STOP_TIMEOUT = 60.0


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    rng = random.Random()
    for _ in range(200):
        first = rng.randrange(20000, 60000 - count)
        if all(_bindable(first + offset) for offset in range(count)):
            return first
    raise ServerFailed(f"no {count} consecutive free ports on 127.0.0.1")


class PostgresSchema:
    """``with PostgresSchema(url) as schema_url``: a fresh schema, dropped on the way out."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        self.name = f"bench_{uuid.uuid4().hex[:12]}"
        self._admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        parsed = make_url(url).update_query_dict({"options": f"-csearch_path={self.name}"})
        self.url = parsed.render_as_string(hide_password=False)

    def __enter__(self) -> str:
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self._admin.connect() as connection:
                connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        except SQLAlchemyError as error:
            raise ServerFailed(f"cannot create a schema in PostgreSQL: {error}") from error
        return self.url

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        from sqlalchemy import text

        with self._admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self._admin.dispose()


class ClassServerProcess:
    """``with ClassServerProcess(root, workdir, replicas, database_url) as server``:
    ready (every replica and haproxy answer their health check) inside, stopped after."""

    def __init__(self, root: Path, workdir: Path, replicas: int, database_url: str) -> None:
        self.root = root
        self.replicas = replicas
        self.database_url = database_url
        self.port = free_port_run(1 + replicas)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_dir = workdir / f"class-server-{replicas}"
        self._output = workdir / f"class-server-{replicas}.out"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._process is None:
            raise ServerFailed("the class server is not running")
        return self._process.pid

    def __enter__(self) -> ClassServerProcess:
        env = {**os.environ, "DATABASE_URL": self.database_url, "PRACTICE_MODE": "local"}
        command = [
            sys.executable, "-m", "deploy.class_server", "--replicas", str(self.replicas),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--first-port", str(self.port + 1), "--log-dir", str(self.log_dir),
        ]  # fmt: skip
        with self._output.open("wb") as out:
            self._process = subprocess.Popen(
                command, cwd=self.root, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=die_with_parent,
            )  # fmt: skip
        try:
            self._wait_ready()
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
        paths = [self._output, *sorted(self.log_dir.glob("*.log"))]
        return "\n".join(
            f"== {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            for path in paths
            if path.exists()
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise ServerFailed(f"the class server exited at start:\n{self.log_tail()}")
            if (self.log_dir / "state.json").exists():
                try:
                    with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                        if reply.status == 200:
                            return
                except (urllib.error.URLError, OSError):
                    pass
            time.sleep(0.5)
        raise ServerFailed(f"the class server was not ready within {START_TIMEOUT:.0f} s")

    def _recorded(self) -> list[int]:
        try:
            state = json.loads((self.log_dir / "state.json").read_text())
        except (OSError, ValueError):
            return []
        pids = [int(r["pid"]) for r in state.get("replicas", []) if r.get("pid")]
        return pids + ([int(state["proxy_pid"])] if state.get("proxy_pid") else [])

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        recorded = self._recorded()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                process.wait(STOP_TIMEOUT)
        for pid in [process.pid, *recorded]:
            with suppress(ProcessLookupError, PermissionError):
                if os.getpgid(pid) == pid:  # still a group this server started
                    os.killpg(pid, signal.SIGKILL)
        process.poll()
