"""practice/workers/spawning.py: a new worker never runs the server's main script."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from practice.workers import Budget, WorkerPool
from tests.workers import sample_tasks as tasks


def test_a_worker_started_while_a_page_script_is_main_does_not_run_it(tmp_path: Path) -> None:
    """While Streamlit runs a page, ``sys.modules["__main__"]`` is that page's script;
    a worker started then must not execute it (it would run the app in the worker)."""
    marker = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    real_main = sys.modules["__main__"]
    sys.modules["__main__"] = page
    try:
        with WorkerPool(1) as pool:
            pool.start()
            assert pool.run(tasks.echo, "served", budget=Budget(2.0, 20.0)) == "served"
    finally:
        sys.modules["__main__"] = real_main
    assert not marker.exists()
