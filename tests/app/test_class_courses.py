"""Class mode, signed in: the person's own record, and joining a course on Welcome."""

from __future__ import annotations

import pytest

from db import open_store
from practice.people import Role
from tests.app.class_mode import ISSUER, class_app, person
from ui.courses import CODE_KEY, JOIN_KEY, TOO_MANY, WRONG_CODE


@pytest.fixture
def class_mode(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PRACTICE_MODE", "class")
    return database_url


def _course(url: str, name: str) -> str:
    store = open_store(url)
    try:
        return store.courses.create_course(name).join_code
    finally:
        store.close()


def test_signing_in_makes_the_person_and_their_record(class_mode: str) -> None:
    at = class_app(person("ana", "Ana Lopez"))
    assert not at.exception, [e.value for e in at.exception]
    assert any("Welcome, **Ana Lopez**" in m.value for m in at.markdown)  # new: no "back"
    store = open_store(class_mode)
    try:
        found = store.courses.find_person(ISSUER, "ana")
        assert found is not None and found.learner.name == "Ana Lopez"
        assert store.learners() == []  # nobody to pick by name
    finally:
        store.close()


def test_a_student_joins_a_course_with_its_code(class_mode: str) -> None:
    code = _course(class_mode, "Calculus II")
    at = class_app(person("ana", "Ana Lopez"))
    assert any("in no course yet" in c.value for c in at.caption)
    at.text_input(key=CODE_KEY).input(f" {code.lower()} ")
    at.button(key=JOIN_KEY).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["You joined Calculus II."]
    assert any("**Calculus II**" in m.value for m in at.markdown)
    store = open_store(class_mode)
    try:
        ana = store.courses.find_person(ISSUER, "ana")
        assert ana is not None
        assert [(m.course.name, m.role) for m in store.courses.memberships(ana.id)] == [
            ("Calculus II", Role.STUDENT)
        ]
    finally:
        store.close()


def test_wrong_codes_are_refused_then_throttled(class_mode: str) -> None:
    code = _course(class_mode, "Calculus II")
    at = class_app(person("ben", "Ben"))
    for _ in range(10):
        at.text_input(key=CODE_KEY).input("AAAAAAAA")
        at.button(key=JOIN_KEY).click().run()
        assert [e.value for e in at.error] == [WRONG_CODE]
    at.text_input(key=CODE_KEY).input(code)  # even the right one, for a while
    at.button(key=JOIN_KEY).click().run()
    assert [e.value for e in at.error] == [TOO_MANY]
    again = class_app(person("ben", "Ben"))  # a new session does not reset the count
    again.text_input(key=CODE_KEY).input(code)
    again.button(key=JOIN_KEY).click().run()
    assert [e.value for e in again.error] == [TOO_MANY]


def test_an_instructor_invited_by_email_is_one_at_first_sign_in(class_mode: str) -> None:
    store = open_store(class_mode)
    try:
        course = store.courses.create_course("Calculus II")
        store.courses.add_instructor(course.id, "cleo@example.org")
    finally:
        store.close()
    at = class_app(person("cleo", "Cleo"))
    assert any("**Calculus II** — you teach it" in m.value for m in at.markdown)


def test_a_student_sees_a_variant_name_not_its_seed(class_mode: str) -> None:
    at = class_app(person("ana", "Ana Lopez"), "app_pages/practice_page.py")
    assert not at.exception, [e.value for e in at.exception]
    real = at.session_state["practice_round"].seed
    alias = at.query_params["seed"]
    assert len(alias) == 16 and alias != str(real)
    caption = next(c.value for c in at.caption if "#" in c.value)
    assert caption.endswith(f"#{alias}") and f"#{real}" not in caption
    # the alias reopens the variant; the real seed in an address does not
    problem = at.query_params["problem"]
    again = class_app(person("ana", "Ana Lopez"))
    again.query_params.update(problem=problem, seed=alias)
    again.switch_page("app_pages/practice_page.py").run()
    assert again.session_state["practice_round"].seed == real
    guess = class_app(person("ana", "Ana Lopez"))
    guess.query_params.update(problem=problem, seed=str(real))
    guess.switch_page("app_pages/practice_page.py").run()
    assert guess.session_state["practice_round"].seed != real
