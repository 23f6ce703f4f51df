"""A replica dies under a learner: the page reconnects through haproxy to a live
replica, the learner goes on, and no answer stored before or after is lost.

Two replicas on one fresh PostgreSQL schema behind haproxy (``deploy.class_server``),
local mode: the learner is named in the address, so the reconnected page is theirs
again without a sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from db import StoredAttempt, open_store
from deploy.haproxy import COOKIE
from practice.banks import load_catalog
from practice.variants import make_variant
from tests.browser.browser_support import PAGE_TIMEOUT_MS, add_learner, press_until, wait_until_idle
from tests.db.conftest import postgres_schema_url
from tests.deploy.class_support import RunningClassServer, alive, start_class_server

pytestmark = pytest.mark.postgres
PROBLEM, SEED = "gd-step-given-gradient", 3
WAIT_SECONDS = 90.0  # 2 shared cores: a cold replica imports sympy on its first page


@pytest.fixture
def class_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningClassServer]:
    for url in postgres_schema_url():
        with start_class_server(tmp_path_factory.mktemp("failover"), url, replicas=2) as server:
            yield server


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _attempts(database_url: str, name: str) -> list[StoredAttempt]:
    store = open_store(database_url)
    try:
        learner = store.find_learner(name)
        return [] if learner is None else store.attempts(learner.id)
    finally:
        store.close()


def _wait_for_attempts(database_url: str, name: str, count: int) -> list[StoredAttempt]:
    deadline = time.monotonic() + WAIT_SECONDS
    stored = _attempts(database_url, name)
    while len(stored) < count and time.monotonic() < deadline:
        time.sleep(0.3)
        stored = _attempts(database_url, name)
    return stored


def _replica(tab: Page) -> str | None:
    return next((c["value"] for c in tab.context.cookies() if c["name"] == COOKIE), None)


def _answer(tab: Page, answer: str, verdict: str) -> None:
    box = tab.get_by_role("textbox", name="Your answer")
    expect(tab.get_by_role("button", name="Check answer")).to_be_enabled(timeout=PAGE_TIMEOUT_MS)
    box.fill(answer)
    expect(tab.get_by_text("We read this as")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_until_idle(tab)
    tab.get_by_role("button", name="Check answer").click()
    expect(tab.get_by_text(verdict, exact=True)).to_be_visible(timeout=PAGE_TIMEOUT_MS)


def _next_variant(tab: Page) -> None:
    """Press "Next variant" until a fresh variant's check button is there: a press that
    lands while the reconnected page is still settling can be lost (2 busy cores)."""
    check = tab.get_by_role("button", name="Check answer")
    press_until(
        tab,
        tab.get_by_role("button", name="Next variant — new numbers"),
        lambda timeout: expect(check).to_be_enabled(timeout=timeout),
    )


def test_a_learner_whose_replica_dies_goes_on_on_the_other_and_loses_nothing(
    class_server: RunningClassServer, tab: Page
) -> None:
    url = class_server.database_url
    name = add_learner(url, "Noor")
    answer = make_variant(load_catalog().problems[PROBLEM], SEED).answer
    tab.goto(f"{class_server.url}/practice?learner={name}&problem={PROBLEM}&seed={SEED}")
    wait_until_idle(tab)
    first = _replica(tab)
    assert first in ("r1", "r2")
    _answer(tab, answer, "Right.")
    assert len(_wait_for_attempts(url, name, 1)) == 1

    dead_pid = class_server.replica_pid(first)
    class_server.kill_replica(first)
    deadline = time.monotonic() + WAIT_SECONDS
    # The page reconnects by itself, no reload: to the other replica, or to this one if the
    # class server has restarted it by then (its cookie names a live replica either way).
    while _replica(tab) == first and class_server.replica_pid(first) == dead_pid:
        assert time.monotonic() < deadline, "the page did not reconnect"
        tab.wait_for_timeout(250)
    now = _replica(tab)
    assert now in ("r1", "r2") and not alive(dead_pid)
    wait_until_idle(tab)
    assert alive(class_server.replica_pid(str(_replica(tab))))
    # The other replica draws the same variant, answered: it read the answer from the store.
    expect(tab.get_by_role("button", name="Answered")).to_be_disabled(timeout=PAGE_TIMEOUT_MS)
    assert len(_attempts(url, name)) == 1

    _next_variant(tab)  # on the same page, no reload
    _answer(tab, "(0, 0)", "Not right.")
    stored = _wait_for_attempts(url, name, 2)
    assert [(a.problem_id, a.correct) for a in stored] == [(PROBLEM, True), (PROBLEM, False)]
    assert (stored[0].seed, stored[0].answer) == (SEED, answer)
    expect(tab.get_by_test_id("stException")).to_have_count(0)
