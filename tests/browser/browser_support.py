"""Start ``streamlit run app.py`` and wait for it, for the browser tests and their fixtures.

A plain module (not conftest) so tests can import it by name: ``from browser_support
import start_server, wait_until_idle``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from practice.session import Attempt

ROOT = Path(__file__).resolve().parents[2]
# Screenshots land in test-artifacts/ so a test run leaves the working tree clean;
# UPDATE_SCREENSHOTS=1 writes them over the README's pictures in docs/screenshots.
SCREENSHOTS = ROOT / (
    "docs/screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1"
    else "test-artifacts/screenshots"
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 90.0  # seconds; 2 shared cores, a cold import of sympy and plotly
PAGE_TIMEOUT_MS = 60_000


@dataclass
class StreamlitServer:
    url: str
    database_url: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def start_server(
    workdir: Path, extra_env: dict[str, str] | None = None, extra_args: tuple[str, ...] = ()
) -> Iterator[StreamlitServer]:
    """Start ``streamlit run app.py`` with a fresh SQLite store in ``workdir``; stop it after.
    ``extra_args``: more ``streamlit run`` options (``--secrets.files PATH``)."""
    port = _free_port()
    database_url = f"sqlite:///{workdir / 'progress.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    log = workdir / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *extra_args,
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = StreamlitServer(f"http://127.0.0.1:{port}", database_url, log, process)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _healthy(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start on {server.url}:\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_idle(page: Page) -> None:
    """Wait until Streamlit has connected and finished running the script (and fragments)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def press_until(page: Page, button: Locator, settled: Callable[[float], None]) -> None:
    """Press ``button`` until ``settled(timeout)`` holds, up to three presses: a press that
    lands while a page reconnected to another replica is still settling can be lost
    (2 busy cores). ``settled`` is an ``expect`` with the timeout it is given."""
    for _ in range(3):
        wait_until_idle(page)
        if button.count():
            button.click()
        try:
            settled(20_000)
            return
        except AssertionError:
            continue
    settled(PAGE_TIMEOUT_MS)


def add_learner(database_url: str, name: str) -> str:
    """Create ``name`` in the server's store (as the sidebar would) and return it."""
    from db import open_store

    store = open_store(database_url)
    try:
        return store.learner(name).name
    finally:
        store.close()


def add_history(database_url: str, name: str, *, days: int = 24) -> int:
    """Give ``name`` a few weeks of real-looking practice (through the real Store), so
    the Progress, Review and Instructor pages have something to draw; returns the
    number of attempts recorded."""
    import random
    from datetime import UTC, datetime, timedelta

    from db import open_store
    from practice.banks import load_catalog

    problems = sorted(load_catalog().problems.values(), key=lambda p: p.spec.id)
    mistakes = ["descent-sign", "held-variable-zero", "missing-chain-factor", "sign-error"]
    rng = random.Random(7)
    store = open_store(database_url)
    recorded = 0
    try:
        learner = store.learner(name)
        start = datetime.now(UTC) - timedelta(days=days)
        for day in range(days + 1):
            if day < days - 5 and rng.random() < 0.25:
                continue  # a day off now and then, but a streak going into today
            for _ in range(rng.randint(2, 6)):
                problem = rng.choice(problems)
                correct = rng.random() < 0.4 + 0.5 * day / days  # improving over time
                store.record_attempt(
                    learner.id,
                    Attempt(
                        problem_id=problem.spec.id,
                        topic=problem.topic,
                        level=problem.spec.level,
                        kind=problem.spec.kind,
                        seed=rng.randint(0, 10_000),
                        answer="1, 2",
                        read_as=None,
                        correct=correct,
                        score=1.0 if correct else 0.0,
                        mistake=None if correct else rng.choice(mistakes),
                        seconds=rng.uniform(8, 90),
                    ),
                    when=start + timedelta(days=day, hours=rng.uniform(8, 20)),
                )
                recorded += 1
    finally:
        store.close()
    return recorded
