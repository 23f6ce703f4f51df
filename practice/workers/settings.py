"""How many worker processes grade answers: ``PRACTICE_WORKERS``, else one per core."""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

MAX_WORKERS = 64


def worker_count() -> int:
    """``PRACTICE_WORKERS`` (1..64), else the cores this process may run on.

    Read on each call, like ``practice.config``. A value that is not a whole number in
    range is logged and ignored rather than stopping the server at start.
    """
    raw = os.environ.get("PRACTICE_WORKERS", "").strip()
    if raw:
        if raw.isdigit() and 1 <= int(raw) <= MAX_WORKERS:
            return int(raw)
        log.warning("PRACTICE_WORKERS=%r is not a number from 1 to %d; ignored", raw, MAX_WORKERS)
    return max(1, min(MAX_WORKERS, _cores()))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1
