"""A reload in a real browser shows the same round: the problem and seed the address
names, the text typed in the answer box and the hint opened (kept in the store, so the
plain address of the page comes back to it too)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.browser_support import StreamlitServer, wait_until_idle

PROBLEM, SEED = "gd-step-given-gradient", 6
TYPED = "(1.5, -2"


def _same_round(page: Page, *, hint: bool = True) -> None:
    expect(page).to_have_url(re.compile(rf"problem={PROBLEM}&seed={SEED}&round=[0-9a-f]{{16}}"))
    expect(page.get_by_role("textbox", name="Your answer")).to_have_value(TYPED)
    if hint:
        expect(page.get_by_text("Hint 1.")).to_be_visible()
        expect(page.get_by_role("button", name=re.compile(r"Show a hint \(2 of"))).to_be_visible()


def test_a_reload_keeps_the_problem_the_typed_text_and_the_hint(
    open_page: Callable[..., Page], streamlit_server: StreamlitServer
) -> None:
    page = open_page("practice", learner="Mara")
    page.goto(f"{streamlit_server.url}/practice?learner=Mara&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    page.get_by_role("textbox", name="Your answer").fill(TYPED)
    expect(page.get_by_text("We could not read this yet")).to_be_visible()  # the live reading
    wait_until_idle(page)
    # Only the answer box reran (a fragment): what was typed is kept all the same.
    page.reload()
    wait_until_idle(page)
    _same_round(page, hint=False)

    page.get_by_role("button", name=re.compile(r"Show a hint \(1 of")).click()
    expect(page.get_by_text("Hint 1.")).to_be_visible()
    wait_until_idle(page)
    _same_round(page)

    page.reload()
    wait_until_idle(page)
    _same_round(page)

    page.goto(f"{streamlit_server.url}/practice?learner=Mara")  # a new tab, plain address
    wait_until_idle(page)
    _same_round(page)
