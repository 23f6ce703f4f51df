"""End-to-end fixtures: ``streamlit run app.py`` on a free port, driven by Debian's
headless Chromium through Playwright.

Fixtures
--------
``chromium_executable``
    Path of Debian's ``chromium``; the test fails (not skips) with an install hint
    when it is missing, so CI cannot go green without the browser tests.
``streamlit_server``
    One server for the session: ``streamlit run app.py --server.headless true`` on
    a free local port, its own temporary SQLite ``DATABASE_URL``, started once and
    stopped at the end. Has ``.url``, ``.database_url`` and ``.log`` (its output).
``browser`` / ``page``
    A headless Chromium for the session; a fresh context and page per test
    (1400×1000, so screenshots show the whole page).
``open_page``
    ``open_page("explore", learner="Ana")`` creates the learner in the server's
    store, opens the page by its URL path with ``?learner=Ana`` and returns the
    Playwright ``Page`` once the script has finished running.

``start_server()`` is a context manager for a test that needs a server of its own
(for instance, to make the very first request of a fresh server).
"""

from __future__ import annotations

import os
import shutil
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
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if found is None:
        pytest.fail(
            "Debian's chromium is missing: install it with `sudo apt-get install chromium` "
            "(scripts/test.sh and .ci/run do this when run as root)."
        )
    return found


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    with start_server(tmp_path_factory.mktemp("streamlit")) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


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


@pytest.fixture
def open_page(page: Page, streamlit_server: StreamlitServer) -> Callable[..., Page]:
    def open_it(url_path: str = "", *, learner: str | None = None) -> Page:
        from ui.navigation import page_by_name

        path = "" if not url_path else page_by_name(url_path).url_path
        if page_by_name(url_path or "welcome").default:
            path = ""
        query = (
            f"?learner={quote(add_learner(streamlit_server.database_url, learner))}"
            if learner
            else ""
        )
        page.goto(f"{streamlit_server.url}/{path}{query}")
        wait_until_idle(page)
        return page

    return open_it
