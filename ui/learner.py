"""The sidebar learner picker: choose or create a local profile.

The choice lives in Session State for the session and in the ``?learner=`` query
parameter for the URL, so a reload (or a bookmark) comes back to the same
learner. Nothing else needs an account on one machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from practice import config
from ui import phone_sidebar
from ui.resources import Unavailable, store

if TYPE_CHECKING:
    from db import Learner, Store

LEARNER_PARAM = "learner"
# Session State keys. The picker owns them; pages read the learner through
# ``current_learner()`` / ``require_learner()``.
CHOICE_KEY = "learner_choice"
NEW_NAME_KEY = "learner_new_name"
_ERROR_KEY = "learner_error"
_LEARNER_KEY = "learner"
# On a narrow screen the sidebar starts closed, behind the » button at the top left.
SIDEBAR_HINT = "(On a phone, open the sidebar with » at the top left.)"
NAME_MAX = 60
NO_CLASS_RECORD = (
    "You are signed in, but your practice record could not be opened on this server: "
    "reload the page in a moment, or tell your instructor."
)  # the store refuses longer names; the box stops the typing earlier


def current_learner() -> Learner | None:
    """The learner chosen in the sidebar on this run, or None."""
    learner: Learner | None = st.session_state.get(_LEARNER_KEY)
    return learner


def use_learner(learner: Learner | None) -> None:
    """Set this run's learner without the picker: class mode's signed-in person."""
    st.session_state[_LEARNER_KEY] = learner


def require_learner() -> Learner:
    """The chosen learner; without one, say how to choose and stop the page here."""
    learner = current_learner()
    if learner is None and config.class_mode():
        st.info(NO_CLASS_RECORD, icon=":material/person:")
        st.stop()
    if learner is None:
        st.info(
            f"Choose your learner profile in the sidebar, or create one — a name is all "
            f"it takes. Your progress is kept on this machine under that name. {SIDEBAR_HINT}",
            icon=":material/person:",
        )
        st.stop()
    return learner


def sidebar_picker() -> Learner | None:
    """Draw the picker in the sidebar and return the chosen learner."""
    st.session_state[_LEARNER_KEY] = None
    try:
        the_store = store()
        learners = the_store.learners()
    except Unavailable as exc:
        st.sidebar.error(str(exc), icon=":material/cloud_off:")
        return None
    names = [learner.name for learner in learners]
    _restore_choice(the_store, names)
    with st.sidebar:
        chosen = st.selectbox(
            "Learner",
            names,
            index=None,
            key=CHOICE_KEY,
            placeholder="Choose your profile…" if names else "No learners yet — create one",
        )
        _new_learner_form(expanded=not names)
        phone_sidebar.install()
    _remember_in_url(chosen)
    learner = next((item for item in learners if item.name == chosen), None)
    st.session_state[_LEARNER_KEY] = learner
    return learner


def _restore_choice(the_store: Store, names: list[str]) -> None:
    """Before the widget exists: take the choice from the URL on a fresh session, and
    drop a choice that is no longer a learner (another store, a renamed profile)."""
    if CHOICE_KEY not in st.session_state:
        wanted = st.query_params.get(LEARNER_PARAM)
        found = the_store.find_learner(wanted) if wanted else None
        st.session_state[CHOICE_KEY] = found.name if found else None
        if wanted and found is None:
            st.session_state[NEW_NAME_KEY] = wanted[:NAME_MAX]
    if st.session_state[CHOICE_KEY] not in names:
        st.session_state[CHOICE_KEY] = None


def _remember_in_url(chosen: str | None) -> None:
    if chosen:
        if st.query_params.get(LEARNER_PARAM) != chosen:
            st.query_params[LEARNER_PARAM] = chosen
    elif LEARNER_PARAM in st.query_params:
        del st.query_params[LEARNER_PARAM]


def _new_learner_form(*, expanded: bool) -> None:
    with st.expander("New learner", expanded=expanded, icon=":material/person_add:"):
        with st.form("new_learner", border=False, enter_to_submit=True):
            st.text_input("Your name", key=NEW_NAME_KEY, max_chars=NAME_MAX, placeholder="e.g. Ana")
            st.form_submit_button("Create profile", on_click=_create_learner)
        error = st.session_state.get(_ERROR_KEY)
        if error:
            st.error(error)


def _create_learner() -> None:
    """Form callback: runs before the rerun, so it may still set the picker's value."""
    from db import InvalidInput

    name = str(st.session_state.get(NEW_NAME_KEY) or "")
    try:
        learner = store().learner(name)
    except (InvalidInput, Unavailable) as exc:
        st.session_state[_ERROR_KEY] = f"Cannot create that profile: {exc}"
        return
    st.session_state[_ERROR_KEY] = None
    st.session_state[CHOICE_KEY] = learner.name
    st.session_state[NEW_NAME_KEY] = ""
