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

``browser_support`` (a plain module, importable from tests) holds ``start_server()``,
a context manager for a test that needs a server of its own, ``wait_until_idle(page)``,
``add_learner(database_url, name)`` and ``SCREENSHOTS``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_TIMEOUT_MS,
    StreamlitServer,
    add_learner,
    start_server,
    wait_until_idle,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture
def open_page(page: Page, streamlit_server: StreamlitServer) -> Callable[..., Page]:
    def open_it(url_path: str = "", *, learner: str | None = None) -> Page:
        from ui.plain.navigation import page_by_name

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
