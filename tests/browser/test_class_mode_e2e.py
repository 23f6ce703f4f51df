"""Class mode end to end: a real OpenID Connect provider (``oidc-provider-mock`` on a
local port), ``streamlit run`` with ``PRACTICE_MODE=class`` and an ``[auth]`` section,
and headless Chromium signing people in through ``st.login``.

Two students join a course with its code and each answers a problem; neither sees the
other by any page, link or query parameter; the instructor (added by email before
ever signing in) sees both in the gradebook of their course and downloads it, without
the student of another course; a third person in no course sees nobody.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, Page, expect

from db import open_store
from tests.browser.browser_support import (
    PAGE_TIMEOUT_MS,
    SCREENSHOTS,
    StreamlitServer,
    start_server,
    wait_until_idle,
)
from ui.plain.navigation import PAGES

PROBLEM = "gd-step-given-gradient"


@dataclass(frozen=True)
class Someone:
    sub: str
    name: str
    answer: str = ""  # a wrong answer nobody else types

    @property
    def email(self) -> str:
        return f"{self.sub}@school.example"

    def traces(self) -> list[str]:
        return [self.name, self.email] + ([self.answer] if self.answer else [])


ANA = Someone("ana-7f3", "Anastasia Zuleta", "(4817, 2213)")
BEN = Someone("ben-2c9", "Benedikt Okonkwo", "(6029, 3391)")
CLEO = Someone("cleo-5d1", "Cleopatra Instructor")
DAN = Someone("dan-9e4", "Danute Virtanen", "(7753, 1187)")  # in another course
FINN = Someone("finn-0a8", "Finnegan Nobody")  # in no course
EVERYONE = (ANA, BEN, CLEO, DAN, FINN)


@dataclass
class ClassServer:
    app: StreamlitServer
    provider: str
    calculus_code: str
    statistics_code: str


@pytest.fixture(scope="module")
def class_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClassServer]:
    users = [User(sub=p.sub, claims={"name": p.name, "email": p.email}) for p in EVERYONE]
    with run_server_in_thread(port=0, user_claims=users) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        workdir = tmp_path_factory.mktemp("class-mode")
        secrets = workdir / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "class-mode-browser-test-cookie-secret"\n'
            'client_id = "gradient-practice"\n'
            'client_secret = "browser-test"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        with start_server(
            workdir, {"PRACTICE_MODE": "class"}, ("--secrets.files", str(secrets))
        ) as app:
            store = open_store(app.database_url)
            try:
                calculus = store.courses.create_course("Calculus")
                statistics = store.courses.create_course("Statistics")
                store.courses.add_instructor(calculus.id, CLEO.email)
            finally:
                store.close()
            yield ClassServer(app, issuer, calculus.join_code, statistics.join_code)


def _sign_in(browser: Browser, server: ClassServer, who: Someone) -> Page:
    """A browser of ``who``'s own (cookies and all), signed in through the provider."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.app.url)
    wait_until_idle(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"localhost:\d+/oauth2/authorize"))
    page.get_by_role("button", name=who.sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(server.app.url)))
    wait_until_idle(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {who.name}")).to_be_visible()
    return page


def _join(page: Page, code: str, course: str) -> None:
    page.get_by_label("Join a course with its code").fill(code.lower())
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text(f"You joined {course}.")).to_be_visible()
    wait_until_idle(page)


def _answer(page: Page, server: ClassServer, who: Someone) -> None:
    page.goto(f"{server.app.url}/practice?problem={PROBLEM}")
    wait_until_idle(page)
    box = page.get_by_role("textbox", name="Your answer")
    box.fill(who.answer)
    expect(page.get_by_text("We read this as")).to_be_visible()
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Not right.")).to_be_visible()
    wait_until_idle(page)
    address = page.url
    assert re.search(r"seed=[0-9a-f]{16}(&|$)", address), address  # an alias, not the seed


def _everything_on(page: Page) -> str:
    """The page's whole DOM, with the text of charts and the sidebar."""
    return page.content()


def _visit_every_page(page: Page, server: ClassServer, other: Someone) -> list[str]:
    """Each page, plainly and with another's name in the address."""
    seen = []
    for spec in PAGES:
        path = "" if spec.default else spec.url_path
        for query in ("", f"?learner={other.name}"):
            page.goto(f"{server.app.url}/{path}{query}")
            wait_until_idle(page)
            seen.append(_everything_on(page))
    return seen


def _stored(server: ClassServer, who: Someone) -> list[tuple[str, str]]:
    store = open_store(server.app.database_url)
    try:
        person = store.courses.find_person(server.provider, who.sub)
        assert person is not None, f"{who.name} was never stored"
        return [(a.problem_id, a.answer) for a in store.attempts(person.learner.id)]
    finally:
        store.close()


@pytest.mark.timeout(900)  # five people, each signing in; three of them visit every page twice
def test_a_class_signs_in_and_each_sees_only_their_own(
    browser: Browser, class_server: ClassServer, tmp_path: Path
) -> None:
    server = class_server
    # anonymous: the sign-in button and nothing else, on any address
    anonymous = browser.new_page()
    anonymous.goto(f"{server.app.url}/progress?learner={ANA.name}")
    wait_until_idle(anonymous)
    expect(anonymous.get_by_role("button")).to_have_count(1)
    expect(anonymous.get_by_role("button", name="Sign in")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    anonymous.set_viewport_size({"width": 1000, "height": 500})
    anonymous.screenshot(path=str(SCREENSHOTS / "class-sign-in.png"))
    anonymous.close()

    pages = {who.sub: _sign_in(browser, server, who) for who in (ANA, BEN, DAN, FINN)}
    _join(pages[ANA.sub], server.calculus_code, "Calculus")
    _join(pages[BEN.sub], server.calculus_code, "Calculus")
    _join(pages[DAN.sub], server.statistics_code, "Statistics")
    for who in (ANA, BEN, DAN):
        _answer(pages[who.sub], server, who)
        assert _stored(server, who) == [(PROBLEM, who.answer)]

    # no student, nor the outsider, sees anyone else by any page, link or address
    for viewer, other in ((ANA, BEN), (BEN, ANA), (FINN, BEN)):
        seen = _visit_every_page(pages[viewer.sub], server, other)
        assert viewer.name in seen[0]  # the check reads the page: one's own name is there
        for html in seen:
            for someone in EVERYONE:
                if someone is not viewer:
                    for trace in someone.traces():
                        assert trace not in html, f"{viewer.name} sees {trace!r}"
        instructor_link = pages[viewer.sub].get_by_role("link", name=re.compile("Instructor"))
        expect(instructor_link).to_have_count(0)
    progress = pages[FINN.sub]
    progress.goto(f"{server.app.url}/progress")
    wait_until_idle(progress)
    expect(progress.get_by_text("No answers yet")).to_be_visible()

    # the instructor: both students of Calculus in the gradebook, nobody else
    cleo = _sign_in(browser, server, CLEO)
    expect(cleo.get_by_text("Calculus — you teach it")).to_be_visible()
    cleo.goto(f"{server.app.url}/instructor")
    wait_until_idle(cleo)
    cleo.get_by_role("tab", name="Class statistics").click()
    wait_until_idle(cleo)
    cleo.get_by_text("Students", exact=True).scroll_into_view_if_needed()
    visible = cleo.locator('[data-testid="stDataFrame"]:visible canvas')
    expect(visible.first).to_be_visible()
    cleo.wait_for_timeout(2000)  # the grids paint their cells after their canvas appears
    cleo.screenshot(path=str(SCREENSHOTS / "class-gradebook.png"))
    with cleo.expect_download() as download:
        cleo.get_by_role("button", name="Download the gradebook (CSV)").click()
    saved = tmp_path / "gradebook.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [(r["student"], r["email"], r["attempts"]) for r in rows] == [
        (ANA.name, ANA.email, "1"),
        (BEN.name, BEN.email, "1"),
    ]
    html = _everything_on(cleo)
    for trace in (*DAN.traces(), *FINN.traces()):
        assert trace not in html
    for context_page in (*pages.values(), cleo):
        context_page.context.close()
