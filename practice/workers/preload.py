"""Imported once by the forkserver, so every worker starts with sympy, the reader, the
grader and the banks already in memory, and with what a first grading loads lazily
already loaded: a new worker (or the replacement for a killed one) is a fork away from
answering at full speed, which the command line's one-second promise needs.

multiprocessing ignores an ImportError here but would let any other error end the
forkserver, so all of this is best effort: a worker does it itself when it must.
"""

from __future__ import annotations

import gc
import logging

import sympy  # noqa: F401 — the point of this module is to import these

import practice.grading  # noqa: F401
import practice.variants  # noqa: F401
from practice import config
from practice.workers import tasks

_WARM_UP = (
    ("number", "3 + cos(2)", "2.5839", ()),
    ("expression", "2 x y + y^2", "y(2x + y)", ("x", "y")),
    ("vector", "2.6, -0.8", "(2.6, -0.8)", ()),
    ("choice", "A,C", "c a", ()),
)

try:
    for kind, expected, answer, variables in _WARM_UP:
        tasks.grade_request(kind, expected, answer, variables, None, None)
        tasks.preview_answer(kind, answer, variables)
    tasks.warm(tasks.Banks(tuple(str(folder) for folder in config.bank_dirs())))
except Exception:  # noqa: BLE001 — see the module docstring
    logging.getLogger(__name__).exception("the forkserver could not warm up")

# What the forkserver holds now is shared by every worker it forks: keep the collector
# from walking (and so copying) those pages in each worker.
gc.freeze()
