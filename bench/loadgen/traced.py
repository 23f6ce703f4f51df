"""``streamlit``'s command line with the server's memory accounted as it runs.

Run as ``python bench/loadgen/traced.py run app.py …`` with ``PRACTICE_TRACE_DIR`` set.
Every ``PRACTICE_TRACE_EVERY`` seconds (default 120), after a full collection (so what
is counted is what is still reachable, not garbage waiting for the collector), one line
goes to ``PRACTICE_TRACE_DIR/heap.jsonl``: the RSS, what glibc's allocator holds in use
and free (``mallinfo2``), what SQLite's page caches and statements hold
(``sqlite3_memory_used``) and, with ``PRACTICE_TRACE_FRAMES`` > 0 (default 12), what
Python allocated and still holds (``tracemalloc``), whose snapshot is written beside it
(``NNN-SECONDS.snap``; tracemalloc doubles the RSS and slows the server several times,
so ``PRACTICE_TRACE_FRAMES=0`` keeps only the cheap figures).

``bench/capacity.py --trace-memory DIR`` starts the server this way for a soak;
``bench/memory_growth.py DIR`` prints the lines and compares two snapshots. It is how
the RSS growth of a soak was traced to where it lives (docs/capacity.md).
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0].endswith("loadgen"):  # this folder's modules are not the app's
    sys.path.pop(0)

import ctypes
import ctypes.util
import gc
import json
import os
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

from streamlit.web import cli


class _MallInfo2(ctypes.Structure):
    _fields_ = [  # glibc's struct mallinfo2, in order
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def _library(name: str) -> Any:
    found = ctypes.util.find_library(name)
    return ctypes.CDLL(found) if found else None


_libc, _sqlite = _library("c"), _library("sqlite3")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def heap_figures() -> dict[str, float]:
    """Where the process's memory is, in MB."""
    figures = {"rss": _rss_mb()}
    if _libc is not None and hasattr(_libc, "mallinfo2"):
        _libc.mallinfo2.restype = _MallInfo2
        info = _libc.mallinfo2()
        figures["malloc_in_use"] = (info.uordblks + info.hblkhd) / 2**20
        figures["malloc_free_held"] = info.fordblks / 2**20
    if _sqlite is not None:
        _sqlite.sqlite3_memory_used.restype = ctypes.c_int64
        figures["sqlite"] = _sqlite.sqlite3_memory_used() / 2**20
    if tracemalloc.is_tracing():
        figures["python_traced"] = tracemalloc.get_traced_memory()[0] / 2**20
    return figures


def _report_every(folder: Path, seconds: float) -> None:
    began = time.monotonic()
    number = 0
    while True:
        time.sleep(seconds)
        gc.collect()
        elapsed = time.monotonic() - began
        line = {"seconds": round(elapsed), **heap_figures()}
        with (folder / "heap.jsonl").open("a") as out:
            out.write(json.dumps(line) + "\n")
        if tracemalloc.is_tracing():
            tracemalloc.take_snapshot().dump(str(folder / f"{number:03d}-{elapsed:06.0f}.snap"))
        number += 1


def install(folder: Path, frames: int, seconds: float) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if frames > 0:
        tracemalloc.start(frames)
    reporter = threading.Thread(target=_report_every, args=(folder, seconds), daemon=True)
    reporter.start()


if __name__ == "__main__":
    install(
        Path(os.environ["PRACTICE_TRACE_DIR"]),
        int(os.environ.get("PRACTICE_TRACE_FRAMES", "12")),
        float(os.environ.get("PRACTICE_TRACE_EVERY", "120")),
    )
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
