"""Explore in headless Chromium against ``streamlit run``: "Watch the steps" keeps the
contours and arrows while it plays, a diverged run says where and why it stopped, and
on a 390 px screen the plot comes before the controls. Screenshots for the README."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_support import (
    PAGE_TIMEOUT_MS,
    SCREENSHOTS,
    StreamlitServer,
    add_learner,
    wait_until_idle,
)

PLAYBACK_MS = 180_000  # ~40 redraws of the contour plot on two loaded cores


def _open(page: Page, server: StreamlitServer) -> Page:
    add_learner(server.database_url, "Ana")
    page.goto(f"{server.url}/explore?learner=Ana")
    wait_until_idle(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    return page


DRAWN = """() => {
    const plot = document.querySelector(".js-plotly-plot");
    if (!plot) return false;
    const contours = plot.querySelectorAll(".contourlayer path").length;
    // the arrow field: one line trace split by gaps into hundreds of pieces
    const arrows = [...plot.querySelectorAll(".scatterlayer .trace")].some(
        (trace) => trace.querySelectorAll("path.js-line").length > 100);
    return contours > 10 && arrows;
}"""


def _contours_and_arrows_drawn(page: Page) -> None:
    """Wait (a redraw takes a moment on a loaded machine) until both are on the plot."""
    page.wait_for_function(DRAWN, timeout=PAGE_TIMEOUT_MS)


def test_watching_the_steps_keeps_the_contours_and_arrows(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    _open(page, streamlit_server)
    _contours_and_arrows_drawn(page)
    page.get_by_role("button", name="▶ Watch the steps").click()
    expect(page.get_by_text("Step 1 of 39")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    # a later frame, whichever the page is on when the browser looks: on a loaded machine
    # a frame can be replaced by the next before it is seen
    later = re.compile(r"^Step ([2-9]|[1-3][0-9]) of 39$")
    expect(page.get_by_text(later)).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    _contours_and_arrows_drawn(page)  # mid-playback
    expect(page.get_by_role("button", name="▶ Watch the steps")).to_be_visible(timeout=PLAYBACK_MS)
    wait_until_idle(page)
    _contours_and_arrows_drawn(page)  # and after it: not erased for good


def test_a_diverged_run_says_where_and_why_in_the_browser(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    _open(page, streamlit_server)
    rate = page.get_by_test_id("stSlider").filter(has_text="Learning rate").get_by_role("slider")
    rate.focus()
    rate.press("End")  # 15 × the default: η = 1.5 on the bowl
    wait_until_idle(page)
    expect(page.get_by_text("Diverged: stopped at step 19 of 50.")).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    expect(page.get_by_text("above 2/L = 1 for this surface", exact=False)).to_be_visible()
    expect(page.get_by_text("f on a log scale", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    page.set_viewport_size({"width": 1400, "height": 1800})  # the verdict and the loss too
    wait_until_idle(page)
    expect(page.get_by_text("f on a log scale", exact=False)).to_be_in_viewport()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "explore-diverged.png"))


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_on_a_phone_the_plot_comes_before_the_controls(
    phone: Page, streamlit_server: StreamlitServer
) -> None:
    _open(phone, streamlit_server)
    plot = phone.locator(".js-plotly-plot").first.bounding_box()
    slider = phone.get_by_test_id("stSlider").filter(has_text="Start x₀").bounding_box()
    assert plot is not None and slider is not None
    assert plot["y"] + plot["height"] <= slider["y"], (plot, slider)
    expect(phone.get_by_test_id("stSkeleton")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "explore-phone.png"))


def test_the_wavy_sheet_marks_its_minima_saddles_and_peaks(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    _open(page, streamlit_server)
    page.get_by_role("combobox", name="Surface").click()
    page.get_by_role("option", name="Wavy sheet").click()
    wait_until_idle(page)
    for name in ("minimum", "saddle point", "maximum"):
        expect(page.locator(".js-plotly-plot").first.get_by_text(name, exact=True)).to_be_visible(
            timeout=PAGE_TIMEOUT_MS
        )
    expect(page.get_by_text("only a local one", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=PAGE_TIMEOUT_MS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "explore-wavy.png"))
