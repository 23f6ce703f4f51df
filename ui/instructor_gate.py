"""The Instructor page's lock: when ``PRACTICE_INSTRUCTOR_KEY`` is set, ask for it first.

The key is compared in constant time, and the session remembers only a digest of the
key it was unlocked with, so changing the key in the environment locks every session
again. With the variable unset (one person on one machine) the page is open.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import streamlit as st

KEY_ENV = "PRACTICE_INSTRUCTOR_KEY"
KEY_MAX = 500  # longer than any sensible key; the box stops the typing there
_UNLOCKED = "instructor_unlocked"
_FAILED = "instructor_key_failed"
INPUT_KEY = "instructor_key"

WRONG_KEY = "That key is not right. Ask whoever runs this app for the instructor key."


def key_required() -> bool:
    return bool(os.environ.get(KEY_ENV, ""))


def key_matches(typed: str, expected: str) -> bool:
    return hmac.compare_digest(typed.encode("utf-8"), expected.encode("utf-8"))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _check() -> None:
    """Form callback: runs before the rerun, so the box can be emptied here."""
    expected = os.environ.get(KEY_ENV, "")
    typed = str(st.session_state.get(INPUT_KEY) or "")
    st.session_state[INPUT_KEY] = ""
    if expected and key_matches(typed, expected):
        st.session_state[_UNLOCKED] = _digest(expected)
        st.session_state[_FAILED] = False
    else:
        st.session_state[_FAILED] = True


def unlocked() -> bool:
    """Is the page open (no key set) or unlocked with the key in force now?"""
    expected = os.environ.get(KEY_ENV, "")
    return not expected or st.session_state.get(_UNLOCKED) == _digest(expected)


def require_instructor() -> None:
    """Return when the page may be shown; otherwise draw the key form and stop."""
    expected = os.environ.get(KEY_ENV, "")
    if not expected or st.session_state.get(_UNLOCKED) == _digest(expected):
        return
    st.info(
        "This page is for instructors. Enter the instructor key to continue.",
        icon=":material/lock:",
    )
    with st.form("instructor_unlock", enter_to_submit=True):
        st.text_input("Instructor key", type="password", key=INPUT_KEY, max_chars=KEY_MAX)
        st.form_submit_button("Unlock", on_click=_check)
    if st.session_state.get(_FAILED):
        st.error(WRONG_KEY, icon=":material/key_off:")
    st.stop()


def lock() -> None:
    """Forget the unlock (the page's "Lock" button)."""
    st.session_state.pop(_UNLOCKED, None)
