"""Imported once by the forkserver, so every worker starts with sympy, the reader, the
grader and the banks already in memory: a replacement for a killed worker is a fork
away from serving, not a second of imports.

multiprocessing ignores an ImportError here but would let any other error end the
forkserver, so the banks are loaded on a best-effort basis: a worker loads them
itself when it needs them.
"""

from __future__ import annotations

import logging

import sympy  # noqa: F401 — the point of this module is to import these

import practice.grading  # noqa: F401
import practice.variants  # noqa: F401
from practice import config
from practice.workers import tasks

try:
    tasks.warm(tasks.Banks(tuple(str(folder) for folder in config.bank_dirs())))
except Exception:  # noqa: BLE001 — see the module docstring
    logging.getLogger(__name__).exception("the forkserver could not load the banks")
