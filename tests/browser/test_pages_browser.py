"""Every page in a real headless Chromium against ``streamlit run``; screenshots for the docs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_support import (
    PAGE_TIMEOUT_MS,
    SCREENSHOTS,
    StreamlitServer,
    add_history,
    start_server,
    wait_until_idle,
)
from ui.plain.navigation import PAGES, PageSpec


@pytest.fixture(scope="module")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """This module's own server: its tests create learners, and tests elsewhere may
    rely on the shared session server's store starting empty."""
    with start_server(tmp_path_factory.mktemp("pages")) as server:
        add_history(server.database_url, "Ana")  # so the dashboard has something to draw
        yield server


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Something went wrong on this page")).to_have_count(0)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_each_page_renders_and_is_captured(open_page: Callable[..., Page], spec: PageSpec) -> None:
    page = open_page(spec.url_path, learner="Ana")
    heading = "∇ Gradient Practice" if spec.default else spec.title
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    # the sidebar picker ran (app.py wraps every page) and restored the learner
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Learner")
    expect(picker).to_have_value("Ana")
    _no_exception(page)
    if spec.url_path in ("explore", "progress"):
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    # "idle" can come a moment before every element is drawn: the frontend shows grey
    # skeletons in their place (a README picture of Review once had them for its
    # metrics and choices), so wait for those to go too
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{spec.url_path}.png"))


def test_a_large_rate_on_the_explorer_says_diverged(open_page: Callable[..., Page]) -> None:
    page = open_page("explore")
    rate = page.get_by_test_id("stSlider").filter(has_text="Learning rate").get_by_role("slider")
    rate.focus()
    rate.press("End")  # the largest rate on offer: 15 × the default, past divergence
    wait_until_idle(page)
    expect(page.get_by_text("Diverged:")).to_be_visible()


def test_the_first_request_of_a_fresh_server_can_be_a_deep_link(
    browser_page_factory: Callable[[], Page], tmp_path: Path
) -> None:
    """A deep link as the very first request of a server goes through app.py (sidebar
    picker present), like every later one: no page file runs alone (the pages are in
    ``app_pages/``, which Streamlit never reads as a legacy page folder)."""
    with start_server(tmp_path) as server:
        page = browser_page_factory()
        page.goto(f"{server.url}/explore")
        wait_until_idle(page)
        expect(page.get_by_role("heading", name="Explore", exact=True)).to_be_visible()
        picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Learner")
        expect(picker).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)  # the legacy folder's notice


@pytest.fixture
def browser_page_factory(page: Page) -> Callable[[], Page]:
    return lambda: page


_DATA_TO_SCREEN = """([x, y]) => {
    const gd = document.querySelector('.js-plotly-plot');
    const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
    return [area.left + gd._fullLayout.xaxis.d2p(x), area.top + gd._fullLayout.yaxis.d2p(y)];
}"""


def test_clicking_the_contour_plot_starts_the_path_there(open_page: Callable[..., Page]) -> None:
    page = open_page("explore")
    plot = page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    x, y = page.evaluate(_DATA_TO_SCREEN, [-2.0, -1.5])
    page.mouse.move(x, y)
    # plotly clicks the point under the hover label: wait until it shows
    expect(page.locator(".hoverlayer .hovertext").first).to_contain_text("start here")
    page.mouse.click(x, y)
    start_x = page.get_by_test_id("stSlider").filter(has_text="Start x")
    expect(start_x.get_by_test_id("stSliderThumbValue")).to_have_text("-2.00", timeout=15_000)
    start_y = page.get_by_test_id("stSlider").filter(has_text="Start y")
    expect(start_y.get_by_test_id("stSliderThumbValue")).to_have_text("-1.50")
    _no_exception(page)
