"""Practice end to end in headless Chromium against ``streamlit run``: create a learner
in the sidebar, see the answer read as it is typed, answer wrong (the named mistake),
then right by pressing Enter in the box, and keep a screenshot of the feedback for the docs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from db import open_store
from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import SCREENSHOTS, StreamlitServer, wait_until_idle

PROBLEM, SEED = "gd-step-given-gradient", 1


def test_answer_a_problem_and_read_the_feedback(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    variant = make_variant(load_catalog().problems[PROBLEM], SEED)
    [ascent] = [m for m in variant.misconceptions if m.tag == "descent-sign"]
    wrong = ", ".join(f"{float(c):g}" for c in ascent.value)

    page.goto(f"{streamlit_server.url}/practice?problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    expect(page.get_by_text("Choose your learner profile in the sidebar")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    name = sidebar.get_by_label("Your name")
    if not name.is_visible():  # the form starts folded once the store has any learner
        sidebar.get_by_text("New learner").click()
    name.fill("Eve")
    sidebar.get_by_role("button", name="Create profile").click()
    wait_until_idle(page)

    box = page.get_by_role("textbox", name="Your answer")
    expect(box).to_be_visible()
    box.fill("(1, 2")
    expect(page.get_by_text("We could not read this yet")).to_be_visible()
    box.fill(wrong)
    expect(page.get_by_text("We read this as")).to_be_visible()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Not right.")).to_be_visible()
    # the mistake by name (its tag, descent-sign, is for the store and the instructor)
    expect(page.get_by_text("Stepping uphill (wrong sign in the update)")).to_be_visible()
    wait_until_idle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "practice-mistake.png"))

    box.fill(variant.answer)
    box.press("Enter")  # Enter in the answer box checks it (ui/enter_to_check.py)
    expect(page.get_by_text("Right.", exact=True)).to_be_visible()
    wait_until_idle(page)
    expect(page.get_by_text("this problem comes back")).to_have_count(1)
    expect(box).to_have_value(variant.answer)
    expect(page.get_by_role("button", name="Answered")).to_be_disabled()
    wait_until_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "practice-feedback.png"))

    store = open_store(streamlit_server.database_url)
    try:
        eve = store.find_learner("Eve")
        assert eve is not None
        stored = [(a.problem_id, a.seed, a.correct, a.mistake) for a in store.attempts(eve.id)]
    finally:
        store.close()
    assert stored == [(PROBLEM, SEED, False, "descent-sign"), (PROBLEM, SEED, True, None)]
