"""``streamlit``'s command line with every script run under ``cProfile``.

Run as ``python bench/loadgen/profiled.py run app.py …`` with ``PRACTICE_PROFILE_DIR``
set: each call of Streamlit's ``ScriptRunner._run_script`` (one run of the page, or of
the fragments a widget in a fragment asked for, together with the run an
``st.rerun()`` asks for) is profiled on the script thread and written to
``PRACTICE_PROFILE_DIR/NNNNN-LABEL.prof``, where LABEL says what asked for the run:
the key of the button that was pressed (in a fragment or not), ``fragment`` (a
fragment rerun without a press), or ``page``
(anything else: opening the page, typing outside a fragment). The profile counts the
script thread's CPU time; the run's wall time, its CPU time and the time the garbage
collector took during it (on any thread) are in the file name
(``-WALLMS-CPUMS-GCMS.prof``). Only ``bench/rerun_profile.py`` uses it.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].endswith("loadgen"):  # this folder's modules are not the app's
    sys.path.pop(0)

import cProfile
import gc
import itertools
import os
import re
import time
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_KEY = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")
_counter = itertools.count()
_gc_seconds = 0.0
_gc_began = 0.0


def _time_collections(phase: str, info: dict[str, int]) -> None:
    global _gc_seconds, _gc_began
    if phase == "start":
        _gc_began = time.perf_counter()
    else:
        _gc_seconds += time.perf_counter() - _gc_began


def label(rerun_data: Any) -> str:
    """What asked for this run, fit for a file name."""
    states = rerun_data.widget_states.widgets if rerun_data.widget_states else []
    for state in states:
        if state.WhichOneof("value") == "trigger_value" and state.trigger_value:
            found = _KEY.match(state.id)
            key = found.group("key") if found else "button"
            return re.sub(r"[^A-Za-z0-9_]", "_", key)[:60]
    # A button pressed in a fragment (Check answer) is named by its key above, not here.
    return "fragment" if rerun_data.fragment_id_queue else "page"


def install(folder: Path) -> None:
    original = script_runner.ScriptRunner._run_script

    def run_script(runner: Any, rerun_data: Any) -> None:
        global _gc_seconds
        # The script thread's CPU time, not wall time: on a shared machine a wall clock
        # counts the time other processes (and the server's other threads) took.
        profile = cProfile.Profile(time.thread_time)
        _gc_seconds = 0.0
        began, cpu_began = time.perf_counter(), time.thread_time()
        profile.enable()
        try:
            original(runner, rerun_data)
        finally:
            profile.disable()
            took = (time.perf_counter() - began) * 1000
            cpu = (time.thread_time() - cpu_began) * 1000
            collecting = _gc_seconds * 1000
            name = f"{next(_counter):05d}-{label(rerun_data)}-{took:.1f}-{cpu:.1f}-{collecting:.1f}"
            profile.dump_stats(str(folder / f"{name}.prof"))

    script_runner.ScriptRunner._run_script = run_script  # type: ignore[method-assign,assignment]
    gc.callbacks.append(_time_collections)


if __name__ == "__main__":
    install(Path(os.environ["PRACTICE_PROFILE_DIR"]))
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
