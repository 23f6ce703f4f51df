"""The store and the bank catalog, opened once per process and shared by every page.

Both are cached with ``st.cache_resource`` keyed by their configuration, so a
rerun never reopens them and a test that points ``DATABASE_URL`` or
``PRACTICE_BANKS`` somewhere new gets its own. A failure is not cached: the next
run tries again, and the page shows why in words instead of a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from practice import config
from ui.plain import heap

if TYPE_CHECKING:
    from db import Store
    from practice.banks import Catalog
    from practice.workers import Grading

log = logging.getLogger(__name__)


class Unavailable(RuntimeError):
    """A resource could not be opened; ``str(error)`` is a sentence for the page."""


def safe_url(url: str) -> str:
    """``url`` with any password masked, fit to show on a page or in a log."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show only its scheme
        return url.split(":", 1)[0] + "://…"


@st.cache_resource(show_spinner="Opening the progress store…")
def _open_store(url: str) -> Store:
    from db import open_store

    return open_store(url)


def store() -> Store:
    """The progress store named by ``DATABASE_URL``; raises ``Unavailable`` with a reason."""
    url = config.database_url()
    try:
        return _open_store(url)
    except Exception as exc:
        from db.faults import classify

        # Where it is (file, host, user) and the driver's words go to the server log only.
        log.exception("cannot open the progress store at %s", safe_url(url))
        words = {"failed": "it failed"}.get(kind := classify(exc), f"it is {kind}")
        raise Unavailable(
            f"The progress store could not be opened ({words}): tell your instructor. "
            "Whoever runs the app: the server log says why; check `DATABASE_URL`, or "
            "unset it to use the built-in SQLite file."
        ) from exc


@st.cache_resource(show_spinner="Loading the problem banks…")
def _load_catalog(folders: tuple[str, ...]) -> Catalog:
    from practice.banks import load_catalog

    loaded = load_catalog([Path(f) for f in folders])
    heap.freeze_long_lived()  # sympy and the banks: never rescanned by the collector
    return loaded


def catalog() -> Catalog:
    """Every bank under ``PRACTICE_BANKS``; bad banks are in ``catalog().issues``.

    ``load_catalog`` reports broken banks as issues rather than raising, so this
    raises ``Unavailable`` only when the banks cannot be read at all.
    """
    folders = tuple(str(p) for p in config.bank_dirs())
    try:
        return _load_catalog(folders)
    except Exception as exc:
        log.exception("cannot load the banks in %s", folders)
        raise Unavailable(
            f"The problem banks in {', '.join(folders)} could not be loaded ({exc}). "
            "Check `PRACTICE_BANKS`, or run `python -m practice validate` for details."
        ) from exc


def reload_catalog() -> None:
    """Forget the loaded banks, so edits to the YAML files show on the next run (in
    this process and in the grading workers)."""
    _load_catalog.clear()
    heap.thaw()  # the old catalog was frozen: let the collector free it
    grading().reload()


@st.cache_resource(show_spinner="Starting the graders…")
def _grading(folders: tuple[str, ...], workers: int) -> Grading:
    from practice.workers import open_grading

    return open_grading(workers, banks=[Path(f) for f in folders])


def grading() -> Grading:
    """The worker processes that read, grade and make variants for every session
    (``PRACTICE_WORKERS`` of them, one per core by default): learner text and sympy
    never run on the server's own threads."""
    from practice.workers import worker_count

    return _grading(tuple(str(p) for p in config.bank_dirs()), worker_count())


def tenant() -> str | None:
    """Who asks, for the pool's fair order: this browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return context.session_id if context is not None else None
