"""Start a class server on one machine: migrations once, N replicas, haproxy in front.

``python -m deploy.class_server --replicas 3`` (what ``scripts/class-server.sh`` runs):

1. applies pending migrations to the store once (``python -m practice db upgrade``), so
   N replicas never race to create the tables;
2. starts ``streamlit run app.py`` N times on loopback ports, each in a process group of
   its own (a replica's grading workers die with it), all with the same environment:
   one ``DATABASE_URL``, one ``PRACTICE_MODE``, one cookie secret (so a cookie signed by
   one replica is good on the others);
3. waits until every replica answers ``/_stcore/health``, writes the haproxy
   configuration for N (``deploy.haproxy``), checks it with ``haproxy -c`` and starts
   haproxy in the foreground;
4. watches: a replica that exits is reported and started again (its learners are sent
   to the others meanwhile); haproxy exiting stops everything;
5. on Ctrl+C (SIGINT), SIGTERM or SIGHUP stops haproxy and every replica's process
   group, and exits 0.

Everything it starts also gets SIGTERM from the kernel if this process dies without
cleaning up (``PR_SET_PDEATHSIG``), so no replica outlives it. Logs, the configuration
it wrote and ``state.json`` (the URL, every process id) are in ``--log-dir``.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from deploy.haproxy import (
    DEFAULT_FIRST_REPLICA_PORT,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_REPLICAS,
    ProxyPlan,
    Replica,
    render,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOG_DIR = ROOT / "data" / "class-server"
START_TIMEOUT = 180.0  # seconds for a replica to answer its health check (2 busy cores)
STOP_TIMEOUT = 10.0
QUICK_EXIT = 20.0  # a replica that dies this soon after starting, three times, is not restarted
_PR_SET_PDEATHSIG = 1


class StartFailed(RuntimeError):
    """A step of the start did not succeed; the message says which and why."""


class Stop(Exception):
    """Raised in the main thread by SIGINT, SIGTERM or SIGHUP."""


def die_with_parent() -> None:
    """In the child, before exec: the kernel sends SIGTERM when the class server dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _spawn(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent,
        )  # fmt: skip


def stop_group(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM the process's group, SIGKILL it if it lingers, and reap the process."""
    if process is None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # the leader is gone; make sure nothing of its group is left either
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.poll()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass
class Running:
    """A replica and its process, with its recent quick exits."""

    replica: Replica
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    quick_exits: int = 0
    given_up: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.replica.host}:{self.replica.port}"


@dataclass
class ClassServer:
    """The whole class server; ``start()``, then ``watch()`` until stopped, ``stop()``."""

    plan: ProxyPlan
    log_dir: Path
    streamlit_options: list[str]
    say: Callable[[str], None] = print
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    replicas: list[Running] = field(default_factory=list)
    proxy: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.plan.host in ("0.0.0.0", "::", "") else self.plan.host
        return f"http://{host}:{self.plan.port}"

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self._migrate()
        self.replicas = [Running(replica) for replica in self.plan.replicas]
        for running in self.replicas:
            self._start_replica(running)
        for running in self.replicas:
            self._wait_healthy(running)
        self._start_proxy()
        self._write_state()

    def _migrate(self) -> None:
        self.say("applying migrations once, before the replicas start")
        done = subprocess.run(
            [sys.executable, "-m", "practice", "db", "upgrade"],
            cwd=ROOT, env=self.env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise StartFailed(f"migrations failed: {(done.stderr or done.stdout).strip()}")
        self.say(done.stdout.strip())

    def _start_replica(self, running: Running) -> None:
        replica = running.replica
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.address", replica.host,
            "--server.port", str(replica.port), "--browser.gatherUsageStats", "false",
            *self.streamlit_options,
        ]  # fmt: skip
        env = {**self.env, "PRACTICE_REPLICA": replica.name}
        running.process = _spawn(command, self.log_dir / f"{replica.name}.log", env)
        running.started = time.monotonic()

    def _wait_healthy(self, running: Running) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(running.url):
            process = running.process
            if process is None or process.poll() is not None or time.monotonic() > deadline:
                log = self.log_dir / f"{running.replica.name}.log"
                raise StartFailed(
                    f"replica {running.replica.name} did not start on {running.url}; "
                    f"{log} ends with:\n{tail(log)}"
                )
            time.sleep(0.25)
        pid = running.process.pid if running.process else "?"
        self.say(f"replica {running.replica.name} ready on {running.url} (pid {pid})")

    def _start_proxy(self) -> None:
        config = self.log_dir / "haproxy.cfg"
        config.write_text(render(self.plan))
        checked = subprocess.run(
            ["haproxy", "-c", "-q", "-f", str(config)], capture_output=True, text=True, check=False
        )
        if checked.returncode != 0:
            raise StartFailed(f"haproxy refused {config}:\n{checked.stderr.strip()}")
        self.proxy = _spawn(
            ["haproxy", "-db", "-f", str(config)], self.log_dir / "haproxy.log", self.env
        )
        deadline = time.monotonic() + 30.0
        while not healthy(self.url):
            if self.proxy.poll() is not None or time.monotonic() > deadline:
                raise StartFailed(
                    f"haproxy did not answer on {self.url}:\n{tail(self.log_dir / 'haproxy.log')}"
                )
            time.sleep(0.2)

    def _write_state(self) -> None:
        state = {
            "url": self.url,
            "pid": os.getpid(),
            "proxy_pid": self.proxy.pid if self.proxy else None,
            "replicas": [
                {
                    "name": r.replica.name,
                    "port": r.replica.port,
                    "pid": r.process.pid if r.process else None,
                }
                for r in self.replicas
            ],
        }
        target = self.log_dir / "state.json"
        target.with_suffix(".tmp").write_text(json.dumps(state, indent=1))
        target.with_suffix(".tmp").replace(target)

    def watch(self, every: float = 1.0) -> None:
        """Until stopped: restart replicas that exit; return if haproxy exits."""
        while True:
            if self.proxy is None or self.proxy.poll() is not None:
                raise StartFailed(f"haproxy exited:\n{tail(self.log_dir / 'haproxy.log')}")
            for running in self.replicas:
                self._revive(running)
            time.sleep(every)

    def _revive(self, running: Running) -> None:
        process = running.process
        if running.given_up or process is None or process.poll() is None:
            return
        name, log = running.replica.name, self.log_dir / f"{running.replica.name}.log"
        stop_group(process)  # its workers, if any outlived it
        quick = time.monotonic() - running.started < QUICK_EXIT
        running.quick_exits = running.quick_exits + 1 if quick else 0
        if running.quick_exits >= 3:
            running.given_up = True
            self.say(
                f"replica {name} keeps exiting at start; not restarting it. {log}:\n{tail(log)}"
            )
            return
        self.say(
            f"replica {name} exited (status {process.returncode}); its learners go to the "
            "others and sign in again there; restarting it"
        )
        self._start_replica(running)
        self._write_state()

    def stop(self) -> None:
        """haproxy first (no new requests), then every replica's group."""
        stop_group(self.proxy)
        for running in self.replicas:
            stop_group(running.process)
        self.say("class server stopped")


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="python -m deploy.class_server",
        allow_abbrev=False,
        description="N streamlit replicas on one store behind haproxy, on this machine. "
        "Any --server.* / --runner.* / --client.* / --logger.* / --global.* / --theme.* / "
        "--secrets.* option (e.g. --secrets.files PATH) is passed to every replica.",
    )
    parse.add_argument("--replicas", type=int, default=DEFAULT_REPLICAS, metavar="N")
    parse.add_argument("--host", default=DEFAULT_HOST, help="address haproxy listens on")
    parse.add_argument("--port", type=int, default=DEFAULT_PORT, help="port haproxy listens on")
    parse.add_argument(
        "--first-port",
        type=int,
        default=DEFAULT_FIRST_REPLICA_PORT,
        help="loopback port of replica r1; the others follow",
    )
    parse.add_argument("--log-dir", type=Path, default=DEFAULT_LOG_DIR)
    return parse


def _options(extra: list[str], parse: argparse.ArgumentParser) -> list[str]:
    """Streamlit options for every replica: ``--section.name VALUE`` or ``--section.name=VALUE``
    of the sections below; anything else is refused, so a typo is not silently ignored."""
    sections = ("server", "runner", "client", "logger", "global", "theme", "secrets")
    index = 0
    while index < len(extra):
        option = extra[index]
        name = option.removeprefix("--").split("=", 1)[0]
        if not option.startswith("--") or "." not in name or name.split(".")[0] not in sections:
            parse.error(f"unknown argument {option}")
        if name in ("server.port", "server.address"):
            parse.error(f"--{name} is set per replica; use --first-port / --host")
        if "=" not in option:
            if index + 1 >= len(extra):
                parse.error(f"{option} needs a value")
            index += 1
        index += 1
    return extra


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    parse = parser()
    args, extra = parse.parse_known_args(argv)
    options = _options(extra, parse)
    try:
        plan = ProxyPlan.numbered(
            args.replicas, host=args.host, port=args.port, first_port=args.first_port
        )
    except ValueError as error:
        parse.error(str(error))
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        print(
            "warning: DATABASE_URL is not a PostgreSQL URL; replicas will share "
            f"{url or 'the default SQLite file'}, which writes one at a time. A class "
            "server should use PostgreSQL (see the README).",
            file=sys.stderr,
        )
    server = ClassServer(plan, args.log_dir, options, say=lambda text: print(text, flush=True))
    status = 1
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_stop)
    try:
        server.start()
        print(
            f"class server ready: {server.url} ({len(plan.replicas)} replicas); Ctrl+C stops it",
            flush=True,
        )
        server.watch()
    except Stop:
        status = 0
    except StartFailed as error:
        print(f"class server: {error}", file=sys.stderr, flush=True)
        status = 1
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        server.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
