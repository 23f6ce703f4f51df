"""Shared fixtures for the whole suite, chiefly for driving the Streamlit app.

Fixtures
--------
``database_url``
    A fresh SQLite file in ``tmp_path``, exported as ``DATABASE_URL`` for the
    duration of the test (so the app, ``db.open_store()`` and the CLI all use it).
    Returns the URL.
``open_app``
    A factory: ``open_app("explore", learner="Ana")`` runs ``app.py`` in AppTest
    on the page with that URL path or title (``welcome``, ``practice``,
    ``review``, ``progress``, ``explore``, ``instructor``) and returns the
    ``AppTest`` after that page has run. With ``learner=``, the learner is
    created in the test's store first and chosen through ``?learner=``, the
    same way a reload restores it; ``query_params={...}`` sets other URL
    parameters. Depends on ``database_url``, so every test gets its own store.
``add_learner``
    ``add_learner("Ana")`` creates a learner in the test's store (returns the
    ``db.Learner``), for tests that set up data before opening the app.
``cli``
    ``cli("preview", "p1", "--json", PRACTICE_BANKS=str(folder), cwd=..., stdin=...)``
    runs ``python -m practice`` *in this process* (``practice.cli.main``) with those
    environment variables, working folder and standard input (text or bytes), and
    returns a ``CliRun(returncode, stdout, stderr)`` like ``subprocess.run`` does. An
    argparse exit (bad usage, ``--help``) is its status. Starting a Python process costs
    about a second; only the few tests about the process itself (the entry point, pipes,
    a second process's output) start one.
``write_bank``, ``load``
    ``write_bank(problems_yaml, name="bank.yaml", raw=False)`` writes a bank into
    ``tmp_path`` (the problems under a standard header, see
    ``tests/banks/bank_helpers.py``; ``raw=True`` writes the text as it is), and
    ``load()`` loads the catalog of ``tmp_path``: the bank and variant tests.

Browser fixtures (a ``streamlit run`` server, headless Chromium) live in
``tests/browser/conftest.py``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from streamlit.testing.v1 import AppTest

from practice.banks import Catalog, load_catalog
from practice.cli import main
from tests.banks.bank_helpers import bank_text

if TYPE_CHECKING:
    from db import Learner

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
APP_TIMEOUT = 60.0  # seconds; a first run imports sympy, the banks and the store


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    _forget_cached_store()


def _forget_cached_store() -> None:
    """Drop the app's cached store so the test's SQLite file is released."""
    try:
        from ui.resources import _open_store
    except ImportError:
        return
    _open_store.clear()


@pytest.fixture
def add_learner(database_url: str) -> Callable[[str], Learner]:
    def add(name: str) -> Learner:
        from db import open_store

        store = open_store(database_url)
        try:
            return store.learner(name)
        finally:
            store.close()

    return add


@pytest.fixture
def open_app(add_learner: Callable[[str], Learner]) -> Callable[..., AppTest]:
    def open_page(
        page: str = "welcome",
        *,
        learner: str | None = None,
        query_params: dict[str, str] | None = None,
    ) -> AppTest:
        from ui.plain.navigation import page_by_name

        spec = page_by_name(page)
        at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
        at.query_params.update(query_params or {})
        if learner is not None:
            at.query_params["learner"] = add_learner(learner).name
        at.run()
        if not spec.default:
            at.switch_page(spec.path).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "bank.yaml", *, raw: bool = False) -> Path:
        path = tmp_path / name
        path.write_text(text if raw else bank_text(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load(tmp_path: Path) -> Callable[[], Catalog]:
    return lambda: load_catalog([tmp_path])


@dataclass(frozen=True)
class CliRun:
    """What one command line run printed, named as ``subprocess.CompletedProcess`` names it."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliRun]:
    def run(*args: str, cwd: Path | None = None, stdin: str | bytes = "", **env: str) -> CliRun:
        raw = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else stdin
        with monkeypatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            if cwd is not None:
                patch.chdir(cwd)
            patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
            capsys.readouterr()  # what earlier steps of the test printed is not this run's
            try:
                status = main(list(args))
            except SystemExit as exit_:  # argparse: --help, bad usage
                status = (
                    exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
                )
            out, err = capsys.readouterr()
        return CliRun(status, out, err)

    return run
