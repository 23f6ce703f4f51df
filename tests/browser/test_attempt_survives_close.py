"""An attempt, once submitted, is stored even if the learner closes the tab at once:
the server grades and stores it in the check button's callback, whether or not a
browser is still there to draw the feedback."""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Page, expect

from db import StoredAttempt, open_store
from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import StreamlitServer, wait_until_idle

PROBLEM, SEED = "gd-step-given-gradient", 3
STORE_WAIT_SECONDS = 60.0  # 2 shared cores: the server may still be busy with the rerun


def _attempts_of(database_url: str, name: str) -> list[StoredAttempt]:
    store = open_store(database_url)
    try:
        learner = store.find_learner(name)
        return [] if learner is None else store.attempts(learner.id)
    finally:
        store.close()


def test_an_answer_submitted_just_before_the_tab_closes_is_stored(
    open_page: Callable[..., Page], streamlit_server: StreamlitServer
) -> None:
    variant = make_variant(load_catalog().problems[PROBLEM], SEED)
    page = open_page("practice", learner="Kai")
    page.goto(f"{streamlit_server.url}/practice?learner=Kai&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    box = page.get_by_role("textbox", name="Your answer")
    expect(page.get_by_role("button", name="Check answer")).to_be_enabled()
    box.fill(variant.answer)
    expect(page.get_by_text("We read this as")).to_be_visible()
    wait_until_idle(page)  # the reading's rerun is over: Enter meets a settled page
    box.press("Enter")
    page.wait_for_timeout(300)  # the click leaves the browser; no wait for the feedback
    page.context.close()

    deadline = time.monotonic() + STORE_WAIT_SECONDS
    stored = _attempts_of(streamlit_server.database_url, "Kai")
    while not stored and time.monotonic() < deadline:
        time.sleep(0.2)
        stored = _attempts_of(streamlit_server.database_url, "Kai")
    assert [(a.problem_id, a.seed, a.correct) for a in stored] == [(PROBLEM, SEED, True)]
