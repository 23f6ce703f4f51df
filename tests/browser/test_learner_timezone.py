"""An answer counts on the learner's own calendar day: the browser's timezone reaches
the store through ``st.context.timezone``. The zone is chosen so that its date differs
from UTC's at the moment the test runs, so the test fails if days fall back to UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, expect

from db import open_store
from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import (
    PAGE_TIMEOUT_MS,
    StreamlitServer,
    add_learner,
    wait_until_idle,
)

PROBLEM, SEED = "gd-step-given-gradient", 5


def _zone_on_another_day() -> str:
    """UTC+14 is a day ahead from 10:00 UTC on; UTC-11 a day behind until 11:00 UTC."""
    return "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"


def test_an_answer_counts_on_the_browser_s_calendar_day(
    browser: Browser, streamlit_server: StreamlitServer
) -> None:
    zone = _zone_on_another_day()
    variant = make_variant(load_catalog().problems[PROBLEM], SEED)
    name = add_learner(streamlit_server.database_url, "Tala")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, timezone_id=zone)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(streamlit_server.url)
        wait_until_idle(page)
        page.goto(f"{streamlit_server.url}/practice?learner={name}&problem={PROBLEM}&seed={SEED}")
        wait_until_idle(page)
        page.get_by_role("textbox", name="Your answer").fill(variant.answer)
        page.get_by_role("button", name="Check answer").click()
        expect(page.get_by_text("Right.", exact=True)).to_be_visible()
    finally:
        context.close()

    store = open_store(streamlit_server.database_url)
    try:
        learner = store.find_learner(name)
        assert learner is not None
        days = [day.day for day in store.activity_per_day(learner.id)]
    finally:
        store.close()
    local_today = datetime.now(ZoneInfo(zone)).date()
    assert local_today != datetime.now(UTC).date()
    assert days == [local_today]
