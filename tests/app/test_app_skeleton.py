"""The app's skeleton in AppTest: every page opens through app.py, the sidebar
learner picker creates, chooses and restores a learner, and failures show words."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from practice.session import Attempt
from ui.guard import UNEXPECTED
from ui.learner import CHOICE_KEY, NEW_NAME_KEY
from ui.plain.navigation import PAGES


def _no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _create(at: AppTest, name: str) -> AppTest:
    at.sidebar.text_input(key=NEW_NAME_KEY).input(name)
    at.sidebar.button[0].click()
    return at.run()


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_opens_through_app_py(open_app: Callable[..., AppTest], spec) -> None:  # type: ignore[no-untyped-def]
    at = open_app(spec.url_path)
    _no_traceback(at)
    titles = [t.value for t in at.title]
    assert titles, "the page drew no title"
    # the sidebar picker comes from app.py: its presence proves app.py ran
    assert at.sidebar.selectbox(key=CHOICE_KEY).label == "Learner"
    assert UNEXPECTED not in [e.value for e in at.error]


def test_first_start_invites_to_create_a_learner(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    assert at.sidebar.selectbox(key=CHOICE_KEY).value is None
    assert at.sidebar.selectbox(key=CHOICE_KEY).options == []
    assert any("learner profile" in i.value for i in at.info)


def test_creating_a_learner_chooses_it_and_puts_it_in_the_url(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    at = _create(open_app(), "  Ana   Lopez ")
    _no_traceback(at)
    assert at.sidebar.selectbox(key=CHOICE_KEY).value == "Ana Lopez"
    assert at.query_params["learner"] == "Ana Lopez"
    assert any("Welcome, **Ana Lopez**" in m.value for m in at.markdown)  # new: no "back"
    from db import open_store

    assert [learner.name for learner in open_store(database_url).learners()] == ["Ana Lopez"]


def test_a_reload_restores_the_learner_from_the_url(open_app: Callable[..., AppTest]) -> None:
    at = open_app("explore", learner="Ben")
    assert at.sidebar.selectbox(key=CHOICE_KEY).value == "Ben"
    home = open_app(learner="Ben")
    assert any("Welcome, **Ben**" in m.value for m in home.markdown)


def test_choosing_another_learner_updates_the_url(
    open_app: Callable[..., AppTest], add_learner: Callable[[str], object]
) -> None:
    add_learner("Cleo")
    at = open_app(learner="Ana")
    at.sidebar.selectbox(key=CHOICE_KEY).select("Cleo").run()
    assert at.query_params["learner"] == "Cleo"
    at.sidebar.selectbox(key=CHOICE_KEY).set_value(None).run()
    assert "learner" not in at.query_params


def test_an_unknown_learner_in_the_url_is_offered_for_creation(
    open_app: Callable[..., AppTest],
) -> None:
    at = open_app(query_params={"learner": "Dora"})
    assert at.sidebar.selectbox(key=CHOICE_KEY).value is None
    assert at.sidebar.text_input(key=NEW_NAME_KEY).value == "Dora"


@pytest.mark.parametrize(
    ("name", "words"),
    [("   ", "cannot be empty"), ("bad\u200bname", "invisible"), ("bell\x07name", "control")],
)
def test_a_bad_name_is_refused_with_a_reason(
    open_app: Callable[..., AppTest], name: str, words: str
) -> None:
    at = _create(open_app(), name)
    _no_traceback(at)
    errors = [e.value for e in at.sidebar.error]
    assert any(words in e for e in errors), errors
    assert at.sidebar.selectbox(key=CHOICE_KEY).value is None


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://postgres:secret@127.0.0.1:1/nowhere", "not a url at all"],
    ids=["unreachable", "malformed"],
)
def test_an_unusable_database_is_explained_not_raised(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    at = open_app("explore")
    _no_traceback(at)
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "could not be opened" in errors
    for private in ("secret", "postgres", "127.0.0.1", "nowhere"):
        assert private not in errors
    # pages that need no store still work
    assert at.get("plotly_chart")


def test_an_unexpected_page_error_becomes_a_message() -> None:
    def script() -> None:
        import streamlit as st

        from ui.guard import run_page

        def boom() -> None:
            raise RuntimeError("kaput")

        run_page(st.navigation([st.Page(boom, title="Boom")]))

    at = AppTest.from_function(script).run()
    _no_traceback(at)
    assert [e.value for e in at.error] == [UNEXPECTED]


@pytest.mark.parametrize(
    "wanted", ["x" * 10_000, "nul\x00byte", "  ", "%00", "<script>alert(1)</script>"]
)
def test_a_hostile_learner_parameter_is_harmless(
    open_app: Callable[..., AppTest], wanted: str
) -> None:
    at = open_app(query_params={"learner": wanted})
    _no_traceback(at)
    assert at.sidebar.selectbox(key=CHOICE_KEY).value is None
    assert len(at.sidebar.text_input(key=NEW_NAME_KEY).value or "") <= 60


def test_a_learner_name_with_markup_is_shown_as_text(open_app: Callable[..., AppTest]) -> None:
    name = "![pixel](http://evil.example/p.png) $x$"
    at = open_app(learner=name)
    assert at.sidebar.selectbox(key=CHOICE_KEY).value == name
    welcome = next(m.value for m in at.markdown if m.value.startswith("Welcome, "))
    assert "\\!\\[pixel\\]" in welcome and "\\$x\\$" in welcome


def test_the_welcome_page_suggests_the_next_step(
    open_app: Callable[..., AppTest], database_url: str
) -> None:
    from datetime import UTC, datetime, timedelta

    from db import open_store

    at = open_app("welcome", learner="Nia")
    _no_traceback(at)
    assert any("Start with a few problems" in m.value for m in at.markdown)
    links = [link.proto for link in at.get("page_link")]
    assert any(link.label == "Go to Practice" for link in links)
    store = open_store(database_url)
    try:
        learner = store.learner("Nia")
        store.record_attempt(
            learner.id,
            Attempt(
                problem_id="gd-step-given-gradient",
                topic="gradient-descent",
                level="A",
                kind="vector",
                seed=1,
                answer="1, 2",
                read_as=None,
                correct=False,
                score=0.0,
                mistake=None,
                seconds=10.0,
            ),
            when=datetime.now(UTC) - timedelta(days=2),
        )
    finally:
        store.close()
    at.run()
    _no_traceback(at)
    # a wrong answer two days ago is due again by now
    assert any("**1 review due now**" in m.value for m in at.markdown)
    assert any(link.proto.label == "Go to Review" for link in at.get("page_link"))
