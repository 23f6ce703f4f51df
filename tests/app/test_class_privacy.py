"""Class mode privacy in AppTest: two students and an instructor of one course, a
student and an instructor of another, and someone in no course. Every page, opened
as each of them (and with another's name in the address), must show nothing of
anyone else: no name, email, answer or count; an instructor sees their own course's
students only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from db import open_store
from practice.people import Identity
from practice.session import Attempt
from tests.app.class_mode import DUMMY_AUTH, ISSUER, person, visible_text
from tests.conftest import APP, APP_TIMEOUT
from ui.plain.navigation import INSTRUCTOR, PAGES
from ui.teaching import NOT_AN_INSTRUCTOR

PROBLEM = ("gd-step-length", "gradient-descent", "A", "number")


@dataclass(frozen=True)
class Someone:
    subject: str
    name: str
    secret_answer: str  # a wrong answer only they typed
    attempts: int

    @property
    def email(self) -> str:
        return f"{self.subject}@school.example"

    @property
    def user(self) -> dict[str, object]:
        return person(self.subject, self.name, self.email)


ANA = Someone("ana", "Anastasia Zuleta", "7777771", 3)
BEN = Someone("ben", "Benedikt Okonkwo", "8888882", 1)
DAN = Someone("dan", "Danute Virtanen", "9999993", 2)  # the other course
CLEO = Someone("cleo", "Cleopatra Instructor", "", 0)  # teaches Calculus
EVE = Someone("eve", "Evelina Teacher", "", 0)  # teaches Statistics
FINN = Someone("finn", "Finnegan Nobody", "", 0)  # in no course
STUDENTS = (ANA, BEN, DAN)


@pytest.fixture
def school(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("PRACTICE_MODE", "class")
    store = open_store(database_url)
    try:
        courses = store.courses
        calculus = courses.create_course("Calculus")
        statistics = courses.create_course("Statistics")
        for who in (ANA, BEN, DAN, CLEO, EVE, FINN):
            made = courses.person(Identity(ISSUER, who.subject, who.name, who.email))
            if who in (ANA, BEN):
                courses.join(made.id, calculus.join_code)
            if who is DAN:
                courses.join(made.id, statistics.join_code)
            for number in range(who.attempts):
                problem_id, topic, level, kind = PROBLEM
                store.record_attempt(
                    made.learner.id,
                    Attempt(
                        problem_id=problem_id,
                        topic=topic,
                        level=level,
                        kind=kind,
                        seed=number,
                        answer=who.secret_answer,
                        read_as=who.secret_answer,
                        correct=False,
                        score=0.0,
                    ),
                )
        courses.add_instructor(calculus.id, CLEO.email)
        courses.add_instructor(statistics.id, EVE.email)
        yield database_url
    finally:
        store.close()


def _traces(who: Someone) -> list[str]:
    """What of ``who`` must not reach anyone else."""
    found = [who.name, who.name.split()[0], who.email, who.subject + "@"]
    return found + ([who.secret_answer] if who.secret_answer else [])


def _open(who: Someone, path: str | None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.secrets = dict(DUMMY_AUTH)
    at.user = dict(who.user)
    at.query_params.update(query)
    at.run()
    if path is not None:
        at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


VIEWERS = (ANA, BEN, DAN, FINN)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.subject for v in VIEWERS])
def test_a_student_sees_nobody_else_on_any_page(school: str, viewer: Someone, spec) -> None:  # type: ignore[no-untyped-def]
    others = [who for who in (*STUDENTS, CLEO, EVE, FINN) if who is not viewer]
    for query in ({}, {"learner": ANA.name if viewer is not ANA else BEN.name}):
        try:
            at = _open(viewer, None if spec.default else spec.path, **query)
        except ValueError as error:  # the Instructor page is not in a student's menu
            assert spec is INSTRUCTOR and "Could not find a navigation page" in str(error)
            continue
        text = visible_text(at)
        assert viewer.name in text  # the check reads the page: one's own name is there
        for other in others:
            for trace in _traces(other):
                assert trace not in text, f"{viewer.name} sees {trace!r} on {spec.url_path}"
        if spec is INSTRUCTOR:
            assert "Class statistics" not in text and "Validate deeply" not in text


@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.subject for v in VIEWERS])
def test_progress_counts_only_ones_own_attempts(school: str, viewer: Someone) -> None:
    at = _open(viewer, "app_pages/progress_page.py")
    if viewer.attempts == 0:
        assert not at.metric and any("No answers yet" in i.value for i in at.info)
    else:
        assert at.metric[0].label == "Attempts" and at.metric[0].value == str(viewer.attempts)


def test_the_instructor_page_is_only_in_an_instructors_menu(school: str) -> None:
    for who, teaches in ((CLEO, True), (EVE, True), (ANA, False), (FINN, False)):
        at = _open(who, None)
        links = visible_text(at)
        assert ("Instructor — banks" in links) is teaches, who.name


@pytest.mark.parametrize(
    ("teacher", "own", "foreign"), [(CLEO, (ANA, BEN), (DAN,)), (EVE, (DAN,), (ANA, BEN))]
)
def test_an_instructor_sees_their_own_courses_students_only(
    school: str, teacher: Someone, own: tuple[Someone, ...], foreign: tuple[Someone, ...]
) -> None:
    at = _open(teacher, INSTRUCTOR.path)
    text = visible_text(at)
    assert NOT_AN_INSTRUCTOR not in text
    overview = at.dataframe[2].value  # banks, kinds × levels, then the class overview
    assert list(overview["attempts"]) == [sum(s.attempts for s in own)]
    assert list(overview["learners"]) == [len(own)]
    for student in own:
        assert student.secret_answer in text
    for student in foreign:
        for trace in _traces(student):
            assert trace not in text
    for other in (ANA, BEN, DAN, FINN, CLEO, EVE):
        if other is not teacher and other not in own:  # own students: in the gradebook
            assert other.name not in text


def test_an_instructor_removed_from_the_course_loses_the_page_on_the_next_run(
    school: str,
) -> None:
    at = _open(CLEO, INSTRUCTOR.path)
    assert ANA.secret_answer in visible_text(at)
    from sqlalchemy import delete

    from db.models import MembershipRow

    store = open_store(school)
    try:
        with store.engine.begin() as connection:
            connection.execute(delete(MembershipRow).where(MembershipRow.role == "instructor"))
    finally:
        store.close()
    at.selectbox(key="ins_problem").select_index(1).run()  # a widget inside a fragment
    text = visible_text(at)
    assert ANA.secret_answer not in text and "Class statistics" not in text


@pytest.mark.parametrize(
    ("teacher", "own", "foreign"), [(CLEO, (ANA, BEN), (DAN,)), (EVE, (DAN,), (ANA, BEN))]
)
def test_the_gradebook_lists_the_courses_students_with_first_try_accuracy(
    school: str, teacher: Someone, own: tuple[Someone, ...], foreign: tuple[Someone, ...]
) -> None:
    at = _open(teacher, INSTRUCTOR.path)
    book = at.dataframe[3].value  # banks, kinds × levels, overview, then the gradebook
    assert list(book["student"]) == sorted(s.name for s in own)
    assert list(book["email"]) == [s.email for s in sorted(own, key=lambda s: s.name)]
    assert list(book["attempts"]) == [s.attempts for s in sorted(own, key=lambda s: s.name)]
    assert set(book["first-try accuracy (%)"]) == {0.0}
    overview = at.dataframe[2].value
    assert list(overview["first-try accuracy (%)"]) == [0.0]
    (button,) = at.get("download_button")
    assert button.proto.label == "Download the gradebook (CSV)"
    text = visible_text(at)
    for student in foreign:
        assert student.email not in text
