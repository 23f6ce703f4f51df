"""A problem in parts end to end in headless Chromium against ``streamlit run``: work the
three-part chain with a slip in part 1, see part 2 counted right "given your earlier
answer", finish the chain and see it rated once; keep the screenshot the README shows."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, expect

from db import open_store
from tests.browser.browser_support import (
    SCREENSHOTS,
    StreamlitServer,
    add_learner,
    wait_until_idle,
)

CHAIN, SEED = "chain-slope-and-nudge", 3  # f = 4x²y - 2y² at (1, 3): 8xy, 24, 0.48


def _part(page: Page, number: int):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-practice_part{number}_box")


def test_work_a_chain_with_a_slip_in_part_1(page: Page, streamlit_server: StreamlitServer) -> None:
    name = add_learner(streamlit_server.database_url, "Pia")
    page.set_viewport_size({"width": 1200, "height": 2300})  # the whole chain in one picture
    page.goto(f"{streamlit_server.url}/practice?learner={quote(name)}&problem={CHAIN}&seed={SEED}")
    wait_until_idle(page)
    expect(page.get_by_text("Part 1 of 3")).to_be_visible()
    expect(page.get_by_text("Part 2 of 3")).to_have_count(0)  # revealed once part 1 is answered

    first = _part(page, 1).get_by_role("textbox", name="Your answer")
    first.fill("4xy")
    expect(_part(page, 1).get_by_text("We read this as")).to_be_visible()
    first.press("Enter")  # Enter checks this part (ui/enter_to_check.py)
    expect(_part(page, 1).get_by_text("Not right.")).to_be_visible()
    wait_until_idle(page)

    second = _part(page, 2).get_by_role("textbox", name="Your answer")
    expect(second).to_be_visible()
    second.fill("12")
    # clicked at once: the edit and the click reach the server together, and the
    # button lives in the box's fragment so the click is not lost (answer_box)
    _part(page, 2).get_by_role("button", name="Check this part").click()
    expect(_part(page, 2).get_by_text("Right given your earlier answer.")).to_be_visible()
    wait_until_idle(page)

    third = _part(page, 3).get_by_role("textbox", name="Your answer")
    third.fill("0.24")
    expect(_part(page, 3).get_by_text("We read this as")).to_be_visible()
    wait_until_idle(page)
    third.press("Enter")
    expect(_part(page, 3).get_by_text("Right given your earlier answer.")).to_be_visible()
    wait_until_idle(page)
    expect(page.get_by_text("this problem comes back")).to_have_count(1)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "practice-parts.png"))

    store = open_store(streamlit_server.database_url)
    try:
        pia = store.find_learner("Pia")
        assert pia is not None
        stored = [(a.part, a.correct, a.follow_through) for a in store.attempts(pia.id)]
    finally:
        store.close()
    assert stored == [(1, False, False), (2, True, True), (3, True, True)]

    page.goto(f"{streamlit_server.url}/progress?learner={quote(name)}")
    wait_until_idle(page)
    heading = page.get_by_text("Where in a chain you slip")
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "progress-parts.png"))
