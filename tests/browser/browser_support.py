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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
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
    warmed: bool = False  # has a first page been opened (see open_page)?

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
    workdir: Path, extra_env: dict[str, str] | None = None
) -> Iterator[StreamlitServer]:
    """Start ``streamlit run app.py`` with a fresh SQLite store in ``workdir``; stop it after."""
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


def add_learner(database_url: str, name: str) -> str:
    """Create ``name`` in the server's store (as the sidebar would) and return it."""
    from db import open_store

    store = open_store(database_url)
    try:
        return store.learner(name).name
    finally:
        store.close()
