"""A problem in parts end to end in headless Chromium against ``streamlit run``: work the
three-part chain with a slip in part 1, see part 2 counted right "given your earlier
answer", finish the chain and see it rated once; keep the screenshot the README shows."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import yaml
from playwright.sync_api import Page, expect

from db import StoredAttempt, open_store
from tests.browser.browser_support import (
    ROOT,
    SCREENSHOTS,
    StreamlitServer,
    add_learner,
    start_server,
    wait_until_idle,
)

CHAIN, SEED = "chain-slope-and-nudge", 3  # f = 4x²y - 2y² at (1, 3): 8xy, 24, 0.48


def _part(page: Page, number: int):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-practice_part{number}_box")


def _attempts(server: StreamlitServer, name: str) -> list[StoredAttempt]:
    store = open_store(server.database_url)
    try:
        learner = store.find_learner(name)
        assert learner is not None
        return store.attempts(learner.id)
    finally:
        store.close()


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

    stored = [(a.part, a.correct, a.follow_through) for a in _attempts(streamlit_server, "Pia")]
    assert stored == [(1, False, False), (2, True, True), (3, True, True)]

    page.goto(f"{streamlit_server.url}/progress?learner={quote(name)}")
    wait_until_idle(page)
    heading = page.get_by_text("Where in a chain you slip")
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "progress-parts.png"))


def test_all_at_once_a_check_clicked_right_after_typing_counts(page: Page, tmp_path: Path) -> None:
    """With every part shown at once there is one check for all of them, outside every
    box: typing must rerun the page, or a click that reaches the server together with
    the last edit is dropped (streamlit runs the edit's fragment alone)."""
    banks = tmp_path / "banks"
    banks.mkdir()
    shipped = yaml.safe_load((ROOT / "problems" / "chains.yaml").read_text(encoding="utf-8"))
    [problem] = [p for p in shipped["problems"] if p["id"] == CHAIN]
    bank = {key: shipped[key] for key in ("topic", "title", "description")}
    bank["problems"] = [{**problem, "reveal": "all-at-once"}]
    # in the order written: the parameters are drawn in that order
    (banks / "chains.yaml").write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    with start_server(tmp_path, {"PRACTICE_BANKS": str(banks)}) as server:
        name = add_learner(server.database_url, "Quinn")
        page.goto(f"{server.url}/practice?learner={quote(name)}&problem={CHAIN}&seed={SEED}")
        wait_until_idle(page)
        for number, answer in ((1, "8xy"), (2, "24"), (3, "0.48")):
            _part(page, number).get_by_role("textbox", name="Your answer").fill(answer)
        page.get_by_role("button", name="Check all parts").click()  # at once, no pause
        expect(page.get_by_text("this problem comes back")).to_have_count(1)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        stored = [(a.part, a.answer, a.correct) for a in _attempts(server, "Quinn")]
    assert stored == [(1, "8xy", True), (2, "24", True), (3, "0.48", True)]
