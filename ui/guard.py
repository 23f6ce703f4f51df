"""Run a page so that an unexpected error becomes a message, not a traceback.

Errors a user can cause are handled where they happen, with a specific message;
this is the last line, for the ones nobody foresaw. The traceback goes to the
server log, where a developer looks; the page says what to do next.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui.resources import Unavailable

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong on this page. Your saved progress is safe; try again, "
    "or pick another page. (The details are in the server's log.)"
)


def run_page(page: StreamlitPage) -> None:
    """Run ``page``; show ``Unavailable`` reasons as they are and anything else as a
    short apology. Streamlit's own rerun/stop signals are BaseExceptions and pass."""
    try:
        page.run()
    except Unavailable as exc:
        st.error(str(exc), icon=":material/cloud_off:")
    except Exception:
        log.exception("page %s failed", page.title)
        st.error(UNEXPECTED, icon=":material/error:")
