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
"""

from __future__ import annotations

import gc
import os
import threading

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
