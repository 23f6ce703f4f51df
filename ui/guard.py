"""Run a page so that an unexpected error becomes a message, not a traceback.

Errors a user can cause are handled where they happen, with a specific message;
this is the last line, for the ones nobody foresaw. The traceback goes to the
server log, where a developer looks; the page says what to do next.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from ui.resources import Unavailable

log = logging.getLogger(__name__)
P = ParamSpec("P")
_CALLBACK_FAILED = "_guard_callback_failed"

UNEXPECTED = (
    "Something went wrong on this page. Your saved progress is safe; try again, "
    "or pick another page. (The details are in the server's log.)"
)


def run_page(page: StreamlitPage) -> None:
    """Run ``page``; show ``Unavailable`` reasons as they are and anything else as a
    short apology. Streamlit's own rerun/stop signals are BaseExceptions and pass."""
    failed = st.session_state.pop(_CALLBACK_FAILED, None)
    if failed:
        st.error(failed, icon=":material/error:")
    try:
        page.run()
    except Unavailable as exc:
        st.error(str(exc), icon=":material/cloud_off:")
    except Exception:
        log.exception("page %s failed", page.title)
        st.error(UNEXPECTED, icon=":material/error:")


def guarded(callback: Callable[P, None]) -> Callable[P, None]:
    """``callback`` for a widget's ``on_click``, under the same last line as a page: a
    callback runs before the page (outside ``run_page``), and what it raises would
    otherwise be drawn as a traceback. The message shows at the top of the page."""

    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except Unavailable as exc:
            st.session_state[_CALLBACK_FAILED] = str(exc)
        except Exception:
            log.exception("callback %s failed", getattr(callback, "__name__", callback))
            st.session_state[_CALLBACK_FAILED] = UNEXPECTED

    return run
