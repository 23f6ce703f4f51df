"""Who may see the Instructor page, asked afresh on every run of it and of each of its
fragments.

A fragment reruns alone, without ``app.py`` and without the page around it, for as
long as the browser keeps it on screen, or a replayed websocket message asks for it.
So each fragment starts with ``may_teach()``, which reads the signed-in person from
``st.user`` and their courses from the store now, never from Session State. In local
mode the answer is the key gate's (``ui.instructor_gate``), also rechecked.
"""

from __future__ import annotations

import streamlit as st

from db.courses import Course
from practice import config
from practice.people import identity_from_claims
from ui import instructor_gate
from ui.resources import store

NOT_AN_INSTRUCTOR = (
    "This page is for the instructors of a course. If you teach one, ask whoever runs "
    "this server to add you (`python -m practice course add-instructor`)."
)


def courses_taught() -> list[Course]:
    """The courses the person signed in on this session teaches, read now."""
    try:
        who = identity_from_claims(st.user.to_dict())
    except Exception:  # no script context: nobody
        return []
    if who is None:
        return []
    courses = store().courses
    person = courses.find_person(who.issuer, who.subject)
    return [] if person is None else courses.instructed(person.id)


def may_teach() -> bool:
    """May this run show instructor material? Class mode: a course taught; local
    mode: the page is open or unlocked with the current key."""
    if config.class_mode():
        return bool(courses_taught())
    return instructor_gate.unlocked()


def require_teaching() -> list[Course] | None:
    """The page's own check. Class mode: the courses taught, or a sentence and stop;
    local mode: the key form when a key is set, and None (every learner counts)."""
    if not config.class_mode():
        instructor_gate.require_instructor()
        return None
    taught = courses_taught()
    if not taught:
        st.info(NOT_AN_INSTRUCTOR, icon=":material/lock:")
        st.stop()
    return taught


def course_learners(course: Course | None) -> list[int] | None:
    """Whose attempts a course's statistics count (its students); None: everyone, in
    local mode only. Rechecks that the course is still taught by this person."""
    if course is None:
        if config.class_mode():
            return []
        return None
    if course.id not in {c.id for c in courses_taught()}:
        return []
    return store().courses.student_learners(course.id)
