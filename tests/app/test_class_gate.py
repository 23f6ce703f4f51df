"""Class mode's door in AppTest: every page, for an anonymous visitor, shows the
"Sign in" button and nothing else; without ``[auth]`` the app serves no page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.class_mode import DUMMY_AUTH, class_app, elements, person
from tests.conftest import APP, APP_TIMEOUT
from ui.identity import SIGN_IN
from ui.plain.navigation import PAGES

# What the sign-in screen may hold besides the button: the app's name and one sentence.
ALLOWED = {"title", "markdown"}


@pytest.fixture
def class_mode(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PRACTICE_MODE", "class")
    return database_url


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_an_anonymous_visitor_sees_only_the_sign_in_button(class_mode: str, spec) -> None:  # type: ignore[no-untyped-def]
    at = class_app(page_path=None if spec.default else spec.path)
    assert not at.exception, [e.value for e in at.exception]
    drawn = list(elements(at))
    buttons = [e for e in drawn if e.type == "button"]
    assert [b.label for b in buttons] == [SIGN_IN]
    others = [e.type for e in drawn if e.type != "button" and e.type not in ALLOWED]
    assert others == [], f"{spec.url_path} shows {others} to an anonymous visitor"
    assert len(at.sidebar.children) == 0


@pytest.mark.parametrize("learner", ["Ana", "x"])
def test_a_learner_in_the_url_chooses_nobody(
    class_mode: str, add_learner: Callable[[str], object], learner: str
) -> None:
    add_learner(learner)
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.secrets = dict(DUMMY_AUTH)
    at.user = {"is_logged_in": False}
    at.query_params["learner"] = learner
    at.run()
    assert learner not in [m.value for m in at.markdown]
    assert [b.label for b in at.button] == [SIGN_IN]
    assert not at.selectbox and not at.text_input


def test_without_auth_class_mode_serves_no_page_and_says_what_to_add(class_mode: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.user = person("ana", "Ana Lopez")  # even someone Streamlit thinks signed in
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "[auth]" in at.error[0].value
    assert "secrets.toml" in at.error[0].value
    assert "server_metadata_url" in at.code[0].value
    assert not at.button and not at.selectbox and not at.title


def test_an_incomplete_auth_section_names_what_is_missing(class_mode: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.secrets = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback"}}
    at.run()
    message = at.error[0].value
    for missing in ("cookie_secret", "client_id", "client_secret", "server_metadata_url"):
        assert missing in message
    assert "redirect_uri" not in message.split("served:")[1]


def test_an_unknown_mode_is_refused_in_words(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRACTICE_MODE", "klass")
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
    assert "PRACTICE_MODE" in at.error[0].value and not at.button


def test_a_signed_in_person_gets_no_instructor_page_and_no_picker(class_mode: str) -> None:
    at = class_app(person("ana", "Ana Lopez"))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.sidebar.selectbox and not at.sidebar.text_input
    assert "Ana Lopez" in at.sidebar.markdown[0].value
    assert SIGN_IN not in [b.label for b in at.button]


def test_a_token_that_names_nobody_says_so_and_offers_sign_out(class_mode: str) -> None:
    from ui.identity import NAMES_NOBODY, SIGN_OUT

    at = class_app({"is_logged_in": True, "name": "No Subject", "email": "x@example.org"})
    assert not at.exception
    assert [w.value for w in at.warning] == [NAMES_NOBODY]
    assert [b.label for b in at.button] == [SIGN_OUT]
    assert not at.selectbox and not at.text_input and len(at.sidebar.children) == 0
