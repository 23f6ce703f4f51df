"""Typing reruns only the answer box (an ``st.fragment``, issue 16), and the open round
still keeps what was typed: a reload right after typing, with nothing else pressed,
shows the same text. Then Enter checks it, as before."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import StreamlitServer, wait_until_idle

PROBLEM, SEED = "gd-step-given-gradient", 8
TYPED = "(2, -1"


def test_text_typed_alone_survives_a_reload_and_enter_still_checks(
    open_page: Callable[..., Page], streamlit_server: StreamlitServer
) -> None:
    page = open_page("practice", learner="Tomas")
    page.goto(f"{streamlit_server.url}/practice?learner=Tomas&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    box = page.get_by_role("textbox", name="Your answer")
    box.fill(TYPED)
    expect(page.get_by_text("We could not read this yet")).to_be_visible()  # the live reading
    wait_until_idle(page)

    page.reload()
    wait_until_idle(page)
    box = page.get_by_role("textbox", name="Your answer")
    expect(box).to_have_value(TYPED)

    box.fill("(2, -1)")
    expect(page.get_by_text(re.compile("We read this as"))).to_be_visible()
    box.press("Enter")
    expect(page.get_by_role("button", name=re.compile(r"Answered|Check again"))).to_be_visible()


def test_a_click_right_after_typing_is_checked_and_its_verdict_shown(
    open_page: Callable[..., Page], streamlit_server: StreamlitServer
) -> None:
    """The edit and the click reach the server together and run the box's fragment
    alone; the check must still happen, and the whole page then shows the verdict."""
    variant = make_variant(load_catalog().problems[PROBLEM], SEED)
    page = open_page("", learner="Quinn")
    page.goto(f"{streamlit_server.url}/practice?learner=Quinn&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    page.get_by_role("textbox", name="Your answer").fill(variant.answer)
    page.get_by_role("button", name="Check answer").click()  # no pause for the live reading
    expect(page.get_by_text("Right.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Answered")).to_be_disabled()
