"""Learner text and sympy work run here, in worker processes, never on the server's
threads: a pool (``pool``) whose tasks each have a CPU budget enforced in the worker
(``budget``) and a wall deadline after which the worker is killed and replaced, a
fair order for waiting requests (``admission``), and the grading tasks and their
service (``tasks``, ``service``). See docs/workers.md."""

from practice.workers.pool import (
    Budget,
    OverBudget,
    PoolBusy,
    TaskError,
    TaskFailed,
    WorkerCrashed,
    WorkerPool,
)
from practice.workers.service import CLI_BUDGETS, Budgets, Grading, open_grading
from practice.workers.settings import worker_count
from practice.workers.views import MistakeView, Refused, VariantUnavailable, VariantView

__all__ = [
    "CLI_BUDGETS",
    "Budget",
    "Budgets",
    "Grading",
    "MistakeView",
    "OverBudget",
    "PoolBusy",
    "Refused",
    "TaskError",
    "TaskFailed",
    "VariantUnavailable",
    "VariantView",
    "WorkerCrashed",
    "WorkerPool",
    "open_grading",
    "worker_count",
]
