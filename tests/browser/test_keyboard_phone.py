"""The keyboard and the phone in headless Chromium against ``streamlit run``: Enter on a
choice checks it, a new problem takes the focus, a paste too long for the box says so,
and on a 390 px screen the sidebar closes once a page or a learner is chosen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from practice.limits import LIMITS
from tests.browser.browser_support import (
    PAGE_TIMEOUT_MS,
    StreamlitServer,
    add_learner,
    wait_until_idle,
)

CHOICE, TYPED, SEED = "gd-sign-of-partial", "gd-step-given-gradient", 4


def _practice(page: Page, server: StreamlitServer, problem: str, learner: str) -> None:
    """A learner of the test's own: the open round is kept per learner (a shared
    learner's earlier round would win over the link)."""
    add_learner(server.database_url, learner)
    page.goto(f"{server.url}/practice?learner={learner}&problem={problem}&seed={SEED}")
    wait_until_idle(page)


def _focused_in_answer_box(page: Page) -> bool:
    return bool(
        page.evaluate(
            "() => !!(document.activeElement && document.activeElement.closest"
            " && document.activeElement.closest('[class*=\"_answer_\"]'))"
        )
    )


def test_enter_on_a_choice_checks_it(page: Page, streamlit_server: StreamlitServer) -> None:
    _practice(page, streamlit_server, CHOICE, "Kira")
    options = page.get_by_role("radiogroup", name="Your answer").get_by_role("radio")
    expect(options.first).to_be_focused()  # a new problem takes the focus
    options.first.press("Enter")  # nothing chosen yet: the check says so
    expect(page.get_by_text("Choose an option first")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_until_idle(page)
    options.first.focus()
    options.first.press("ArrowDown")  # arrow keys choose in a radio group
    wait_until_idle(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Right.").or_(page.get_by_text("Not right."))).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )
    wait_until_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_ctrl_enter_on_a_choice_checks_it(page: Page, streamlit_server: StreamlitServer) -> None:
    _practice(page, streamlit_server, CHOICE, "Lev")
    options = page.get_by_role("radiogroup", name="Your answer").get_by_role("radio")
    options.first.focus()
    options.first.press("ArrowDown")
    wait_until_idle(page)
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Right.").or_(page.get_by_text("Not right."))).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )


def test_a_new_variant_takes_the_focus_and_a_long_paste_says_why_it_was_refused(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    _practice(page, streamlit_server, TYPED, "Mio")
    box = page.get_by_role("textbox", name="Your answer")
    expect(box).to_be_focused()
    page.get_by_role("button", name="Next variant").click()
    wait_until_idle(page)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.getAttribute('aria-label')"
        " === 'Your answer'"
    )
    assert _focused_in_answer_box(page)
    box = page.get_by_role("textbox", name="Your answer")
    box.evaluate(
        """(input) => {
            const data = new DataTransfer();
            data.setData("text/plain", "1".repeat(5000));
            input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data,
                bubbles: true, cancelable: true}));
        }"""
    )
    note = page.locator(".gp-paste-note")
    expect(note).to_contain_text("That paste is 5,000 characters long")
    expect(note).to_contain_text(f"at most {LIMITS.lengths.typed_answer}")
    expect(box).to_have_value("")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _sidebar_open(phone: Page) -> bool:
    return phone.get_by_test_id("stSidebarCollapseButton").is_visible()


def test_on_a_phone_the_sidebar_closes_after_a_page_or_a_learner_is_chosen(
    phone: Page, streamlit_server: StreamlitServer
) -> None:
    add_learner(streamlit_server.database_url, "Ana")
    add_learner(streamlit_server.database_url, "Bo")
    phone.goto(f"{streamlit_server.url}/?learner=Ana")
    wait_until_idle(phone)
    expand = phone.get_by_test_id("stExpandSidebarButton")
    expand.click()
    sidebar = phone.get_by_test_id("stSidebar")
    expect(phone.get_by_test_id("stSidebarCollapseButton")).to_be_visible()
    sidebar.get_by_role("link", name="Explore").click()
    expect(expand).to_be_visible(timeout=PAGE_TIMEOUT_MS)  # closed again, the page in view
    expect(phone.get_by_role("heading", name="Explore", exact=True)).to_be_in_viewport()
    wait_until_idle(phone)

    expand.click()
    expect(phone.get_by_test_id("stSidebarCollapseButton")).to_be_visible()
    sidebar.get_by_role("combobox", name="Learner").click()
    phone.get_by_role("option", name="Bo").click()
    expect(expand).to_be_visible()
    wait_until_idle(phone)
    assert not _sidebar_open(phone)
    assert "learner=Bo" in phone.url
