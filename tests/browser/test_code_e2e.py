"""A code problem end to end in headless Chromium against ``streamlit run``, by keyboard
only: write the function in the editor, run the tests with Ctrl+Enter, read each test's
verdict; Tab leaves the editor (no keyboard trap)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.browser_support import SCREENSHOTS, StreamlitServer, add_learner, wait_until_idle

PROBLEM, SEED = "ml-implement-numerical-gradient", 2
BODY = [  # typed line by line, as a learner would (the editor does not indent for them)
    "import numpy as np",
    "",
    "def numerical_gradient(f, v, h=1e-5):",
    "    v = np.asarray(v, dtype=float)",
    "    grad = np.zeros_like(v)",
    "    for i in range(v.size):",
    "        step = np.zeros_like(v)",
    "        step[i] = h",
    "        grad[i] = (f(v + step) - f(v - step)) / (2 * h)",
    "    return grad",
]


def test_write_and_run_a_function_with_the_keyboard(
    page: Page, streamlit_server: StreamlitServer
) -> None:
    add_learner(streamlit_server.database_url, "Kim")
    page.goto(f"{streamlit_server.url}/practice?learner=Kim&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(page)
    editor = page.get_by_role("textbox", name="Your code")
    expect(editor).to_be_visible()
    expect(editor).to_have_value(re.compile(r"def numerical_gradient"))  # the starter

    editor.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    for line in BODY:
        page.keyboard.insert_text(line)
        page.keyboard.press("Enter")
    page.keyboard.press("Control+Enter")  # commits the text and runs the tests
    expect(page.get_by_text("All 6 tests pass")).to_be_visible(timeout=30_000)
    wait_until_idle(page)
    expect(page.get_by_text("leaves v unchanged")).to_have_count(2)  # listed, then passed
    expect(page.get_by_test_id("stException")).to_have_count(0)

    editor.focus()
    page.keyboard.press("Tab")  # focus moves on: the editor does not trap the keyboard
    assert page.evaluate("document.activeElement.tagName") != "TEXTAREA"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "practice-code.png"), full_page=True)
