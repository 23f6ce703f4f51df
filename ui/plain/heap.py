"""The server's long-lived heap, kept out of the garbage collector's way.

Once the banks are compiled, the server process holds sympy's object graph and the
catalog: some 160,000 tracked objects that live as long as the process. A full
collection walks all of them (about 0.1–0.4 s of CPU on this machine) and finds
nothing to free. Streamlit used to run one after every script run
(``runner.postScriptGC``, off in ``.streamlit/config.toml``); without it the
interpreter's own collections still reach the oldest generation now and then.

``freeze_long_lived`` collects once and then moves everything alive into the
collector's permanent generation (``gc.freeze``), so later collections only scan
what sessions allocate after it: memory stays bounded by the ordinary collections,
and none of them rescans the banks. It runs once per process, right after the
catalog is loaded (``ui.resources``); ``thaw`` undoes it before a reload, so the old
catalog can be freed.

``PRACTICE_GC_FREEZE=0`` turns it off, to measure what it saves
(``bench/capacity.py``, docs/capacity.md).

``trim_every`` gives glibc's free memory back to the system once a minute
(``malloc_trim``). Sessions come and go on many script threads; the memory they free
stays in the allocator's heaps as holes it keeps, and a soak's RSS grew by that hole
space more than by anything still in use (docs/capacity.md, "Where the memory went").
Long-running servers do the same (Orthanc's housekeeper thread, Icinga 2). It costs
well under a millisecond a minute; ``PRACTICE_MALLOC_TRIM=0`` turns it off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading
import time
from collections.abc import Callable
from typing import cast

_lock = threading.Lock()
_frozen = False


def enabled() -> bool:
    return os.environ.get("PRACTICE_GC_FREEZE", "1").strip() != "0"


def freeze_long_lived() -> bool:
    """Collect, then freeze what is alive; only the first call in a process (after a
    ``thaw``, the first one again) does it. Returns whether it froze now."""
    global _frozen
    if not enabled():
        return False
    with _lock:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        _frozen = True
        return True


def thaw() -> None:
    """Give the frozen objects back to the collector (before the catalog is replaced,
    so the old one can be freed); the next ``freeze_long_lived`` freezes anew."""
    global _frozen
    with _lock:
        gc.unfreeze()
        _frozen = False


_trimmer: threading.Thread | None = None
TRIM_SECONDS = 60.0


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    found = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(found), "malloc_trim", None) if found else None
    if trim is None:
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return cast(Callable[[int], int], trim)


def trim_every(seconds: float = TRIM_SECONDS) -> bool:
    """Start, once per process, a thread that gives free heap memory back to the system
    every ``seconds``. Returns whether it started now."""
    global _trimmer
    if os.environ.get("PRACTICE_MALLOC_TRIM", "1").strip() == "0":
        return False
    trim = _malloc_trim()
    with _lock:
        if trim is None or _trimmer is not None:
            return False
        _trimmer = threading.Thread(target=_trim_forever, args=(trim, seconds), daemon=True)
        _trimmer.name = "malloc-trim"
        _trimmer.start()
        return True


def _trim_forever(trim: Callable[[int], int], seconds: float) -> None:
    while True:
        time.sleep(seconds)
        trim(0)
