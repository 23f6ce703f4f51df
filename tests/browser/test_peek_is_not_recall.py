"""In a real browser, opening the worked solution after a wrong answer marks the round
(the expander reruns the page): the right answer typed next is counted as Again, and
the page says why and offers fresh numbers."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import StreamlitServer, wait_until_idle

PROBLEM, SEED = "gd-step-given-gradient", 8


def _check(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Your answer")
    box.fill(text)
    page.wait_for_timeout(600)  # past the box's 300 ms pause: its reading has started
    wait_until_idle(page)
    expect(page.get_by_text("We read this as")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Check")).click()
    wait_until_idle(page)


def test_opening_the_solution_then_typing_its_answer_counts_as_again(
    open_page: Callable[..., Page], streamlit_server: StreamlitServer
) -> None:
    variant = make_variant(load_catalog().problems[PROBLEM], SEED)
    page = open_page("practice", learner="Ines")
    page.goto(f"{streamlit_server.url}/practice?learner=Ines&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    _check(page, "(0, 0)")
    expect(page.get_by_text("Not right.")).to_be_visible()
    page.get_by_text(re.compile(r"^Worked solution — once read")).click()
    expect(page.get_by_text("You have read the solution for these numbers")).to_be_visible()
    wait_until_idle(page)
    _check(page, variant.answer)
    expect(page.get_by_text("Right.", exact=True)).to_be_visible()
    expect(page.get_by_text("Seen, not recalled.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"counted as Again — the worked solution was open"))
    ).to_be_visible()
    page.get_by_role("button", name="Fresh numbers — recall it for real").click()
    wait_until_idle(page)
    expect(page.get_by_role("button", name="Check answer")).to_be_enabled()
    expect(page).not_to_have_url(re.compile(rf"seed={SEED}&"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
