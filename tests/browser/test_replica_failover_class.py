"""Class mode behind haproxy: a student signed in through ``st.login`` (a real OpenID
Connect provider, ``oidc-provider-mock``, on a local port) answers, their replica dies,
the page reconnects to the other replica, and they go on as themselves without signing
in again (every replica checks the identity cookie with the same ``cookie_secret``): the
first answer is in the store and the next one joins it in the same record.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.loadgen.class_server import free_port_run
from deploy.haproxy import COOKIE
from tests.browser.browser_support import PAGE_TIMEOUT_MS, press_until, wait_until_idle
from tests.db.conftest import postgres_schema_url
from tests.deploy.class_support import RunningClassServer, alive, start_class_server

pytestmark = pytest.mark.postgres
STUDENT = User(sub="noor-7", claims={"name": "Noor Haddad", "email": "noor@example.org"})
WAIT_SECONDS = 90.0
TOPIC = "gradient"  # problems with one typed answer, mostly (no problems in parts)
ANSWERED = re.compile(r"^(Answered|Check again)")  # after a right / a wrong answer
MAX_SKIPS = 25  # problems without a typed answer passed over before giving up


@pytest.fixture
def provider() -> Iterator[str]:
    with run_server_in_thread(user_claims=[STUDENT]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def class_server(
    provider: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningClassServer]:
    workdir = tmp_path_factory.mktemp("failover-class")
    port = free_port_run(3)
    secrets = workdir / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "replica-failover-test-cookie-secret"\n'
        'client_id = "gradient-practice"\n'
        'client_secret = "test-only"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    for url in postgres_schema_url():
        with start_class_server(
            workdir,
            url,
            replicas=2,
            port=port,
            extra_env={"PRACTICE_MODE": "class"},
            options=("--secrets.files", str(Path(secrets))),
        ) as server:
            yield server


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _stored(database_url: str) -> list[tuple[int, str]]:
    """(learner id, answer) of every attempt in the store, oldest first."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            query = text("SELECT learner_id, answer FROM attempts ORDER BY id")
            return [(int(row[0]), str(row[1])) for row in connection.execute(query)]
    finally:
        engine.dispose()


def _wait_for_stored(database_url: str, count: int) -> list[tuple[int, str]]:
    deadline = time.monotonic() + WAIT_SECONDS
    rows = _stored(database_url)
    while len(rows) < count and time.monotonic() < deadline:
        time.sleep(0.3)
        rows = _stored(database_url)
    return rows


def _replica(tab: Page) -> str | None:
    return next((c["value"] for c in tab.context.cookies() if c["name"] == COOKIE), None)


def _sign_in(tab: Page) -> None:
    """The app's Sign in button, then the provider's one-click user, then back."""
    tab.get_by_role("button", name="Sign in").click()
    tab.get_by_role("button", name=STUDENT.sub).click()
    wait_until_idle(tab)
    expect(tab.get_by_text(str(STUDENT.claims["name"])).first).to_be_visible(
        timeout=PAGE_TIMEOUT_MS
    )


def _answer_some_problem(tab: Page, answer: str) -> None:
    """Pass over problems other than one typed answer (choices, self-checks, problems in
    parts), then check ``answer``: a number reads, and is stored, as an answer to number,
    expression and vector problems alike. A press lost while the page settles is repeated."""
    boxes = tab.get_by_role("textbox", name="Your answer")
    check = tab.get_by_role("button", name="Check answer")
    for _ in range(MAX_SKIPS):
        wait_until_idle(tab)
        if boxes.count() == 1 and check.count() == 1:
            break
        tab.get_by_role("button", name="Next problem").click()
        tab.wait_for_timeout(1000)
    expect(check).to_be_enabled(timeout=PAGE_TIMEOUT_MS)
    boxes.fill(answer)
    expect(tab.get_by_text("We read this as")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    wait_until_idle(tab)
    answered = tab.get_by_role("button", name=ANSWERED)
    press_until(tab, check, lambda timeout: expect(answered).to_be_visible(timeout=timeout))


def test_a_signed_in_student_whose_replica_dies_goes_on_as_themselves(
    class_server: RunningClassServer, tab: Page
) -> None:
    url = class_server.database_url
    tab.goto(f"{class_server.url}/practice")
    wait_until_idle(tab)
    expect(tab.get_by_role("textbox")).to_have_count(0)  # anonymous: a Sign in button only
    _sign_in(tab)
    tab.goto(f"{class_server.url}/practice?topic={TOPIC}")
    wait_until_idle(tab)
    first = _replica(tab)
    assert first in ("r1", "r2")
    _answer_some_problem(tab, "1 + 2")
    [(learner, answer)] = _wait_for_stored(url, 1)
    assert answer == "1 + 2"

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
    # Every replica reads the same [auth] cookie_secret, so the identity cookie st.login
    # set is good on the other replica too: no second sign-in, and still the same person.
    expect(tab.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(tab.get_by_text(str(STUDENT.claims["name"])).first).to_be_visible()
    assert _stored(url) == [(learner, "1 + 2")]

    _answer_some_problem(tab, "4 + 5")
    assert _wait_for_stored(url, 2) == [(learner, "1 + 2"), (learner, "4 + 5")]
    expect(tab.get_by_test_id("stException")).to_have_count(0)
