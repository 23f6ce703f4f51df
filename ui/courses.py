"""Courses on the Welcome page in class mode: the courses you are in, and joining one
with the code your instructor gave you.

Wrong codes are counted per person in this server process (``LIMITS.classes``): a
new tab or session does not reset the count, so guessing a code is hopeless.
"""

from __future__ import annotations

import threading
import time
from collections import deque

import streamlit as st

from db.courses import Person
from practice import config
from practice.limits import LIMITS
from practice.people import Role
from ui.plain.text import escape_markdown
from ui.resources import Unavailable, store

CODE_KEY = "course_join_code"
JOIN_KEY = "course_join_submit"
_MESSAGE = "course_join_message"
WRONG_CODE = "No course has that code. Check it with your instructor."
TOO_MANY = "Too many wrong codes: wait ten minutes, or ask your instructor for the code."


@st.cache_resource
def _wrong_tries() -> tuple[threading.Lock, dict[tuple[str, int], deque[float]]]:
    """Per store and person: when their recent wrong codes were typed (shared by all
    sessions of this process)."""
    return threading.Lock(), {}


def _blocked(person_id: int, *, failed: bool = False) -> bool:
    lock, tries = _wrong_tries()
    window, now = LIMITS.classes.join_window_seconds, time.monotonic()
    with lock:
        recent = tries.setdefault((config.database_url(), person_id), deque())
        while recent and now - recent[0] > window:
            recent.popleft()
        if failed:
            recent.append(now)
        return len(recent) >= LIMITS.classes.join_tries


def _join(person_id: int) -> None:
    """Form callback: runs before the rerun, so the box can be emptied here."""
    code = str(st.session_state.get(CODE_KEY) or "")
    st.session_state[CODE_KEY] = ""
    if _blocked(person_id):
        st.session_state[_MESSAGE] = ("error", TOO_MANY)
        return
    try:
        course = store().courses.join(person_id, code)
    except Unavailable as exc:
        st.session_state[_MESSAGE] = ("error", str(exc))
        return
    if course is None:
        _blocked(person_id, failed=True)
        st.session_state[_MESSAGE] = ("error", WRONG_CODE)
    else:
        st.session_state[_MESSAGE] = ("success", f"You joined {course.name}.")


def show_courses(person: Person) -> None:
    """Your courses (with your role) and the join form."""
    memberships = store().courses.memberships(person.id)
    with st.container(border=True):
        st.markdown("#### Your courses")
        for m in memberships:
            role = " — you teach it" if m.role is Role.INSTRUCTOR else ""
            st.markdown(f"- **{escape_markdown(m.course.name)}**{role}")
        if not memberships:
            st.caption(
                "You are in no course yet. You can practise on your own; join a course "
                "with the code your instructor gives you, so they can follow your progress."
            )
        with st.form("course_join", border=False, enter_to_submit=True):
            st.text_input("Join a course with its code", key=CODE_KEY, max_chars=24)
            st.form_submit_button("Join", key=JOIN_KEY, on_click=_join, args=(person.id,))
        message = st.session_state.pop(_MESSAGE, None)
        if message is not None:
            kind, text = message
            (st.success if kind == "success" else st.error)(text)
