"""What makes a rerun cheap (issue 16): the production server options, as Streamlit
itself reads them from ``.streamlit/config.toml``, and the long-lived heap frozen for
the garbage collector once the banks are loaded (``ui.plain.heap``)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from ui.guard import UNEXPECTED
from ui.plain import heap
from ui.resources import _load_catalog, catalog, reload_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Streamlit's options parsed afresh from the project's config file."""
    monkeypatch.chdir(ROOT)
    streamlit_config.get_config_options(force_reparse=True)
    yield
    streamlit_config.get_config_options(force_reparse=True)


@pytest.mark.usefixtures("project_config")
def test_production_runs_without_post_run_collection_or_file_watcher() -> None:
    assert streamlit_config.get_option("runner.postScriptGC") is False
    assert streamlit_config.get_option("server.fileWatcherType") == "none"
    # what the config file had before stays as it was
    assert streamlit_config.get_option("runner.magicEnabled") is False
    assert streamlit_config.get_option("client.toolbarMode") == "minimal"


def test_development_mode_turns_the_file_watcher_back_on() -> None:
    script = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    dev = script[script.index('"--dev"') :]
    assert "--server.fileWatcherType auto" in dev and "--server.runOnSave true" in dev
    assert script.rstrip().endswith('streamlit run app.py "$@"')


def _is_tracked(obj: object) -> bool:
    """Whether the collector still scans ``obj``: frozen objects are in no generation."""
    return any(found is obj for found in gc.get_objects())


@pytest.fixture
def thawed() -> Iterator[None]:
    """A process as if the banks had never been loaded: nothing frozen, no catalog."""
    heap.thaw()
    _load_catalog.clear()
    assert gc.get_freeze_count() == 0
    yield
    heap.thaw()


@pytest.mark.usefixtures("thawed")
def test_the_catalog_is_frozen_once_the_practice_page_loaded_it(
    open_app: Callable[..., AppTest],
) -> None:
    at = open_app("practice", learner="Ana")
    assert [t.value for t in at.title] == ["Practice"]
    assert gc.get_freeze_count() > 10_000  # sympy and the banks, not a handful
    loaded = catalog()
    assert gc.is_tracked(loaded) and not _is_tracked(loaded)
    assert not heap.freeze_long_lived(), "frozen once per process, not on every load"


@pytest.mark.usefixtures("thawed")
def test_a_reload_gives_the_old_catalog_back_to_the_collector(
    open_app: Callable[..., AppTest],
) -> None:
    open_app("practice", learner="Ana")
    old = catalog()
    reload_catalog()
    assert gc.get_freeze_count() == 0 and _is_tracked(old)
    assert catalog() is not old and gc.get_freeze_count() > 10_000


@pytest.mark.usefixtures("thawed")
def test_freezing_can_be_turned_off_to_measure_it(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRACTICE_GC_FREEZE", "0")
    open_app("practice", learner="Ana")
    assert gc.get_freeze_count() == 0 and _is_tracked(catalog())


def test_a_failing_button_callback_becomes_a_message_not_a_traceback() -> None:
    """ "Next problem" and "Next variant" act in callbacks (one run instead of two); a
    callback runs before the page, outside ``run_page``, so ``guarded`` stands in."""

    def script() -> None:
        import streamlit as st

        from ui.guard import guarded, run_page

        def boom() -> None:
            raise RuntimeError("kaput")

        def page() -> None:
            st.button("Next problem", key="next", on_click=guarded(boom))

        run_page(st.navigation([st.Page(page, title="Page")]))

    at = AppTest.from_function(script).run()
    assert not at.error
    at.button(key="next").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [UNEXPECTED]
    at.run()  # said once
    assert not at.error
