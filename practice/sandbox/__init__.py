"""Learner code, run in a bubblewrap sandbox and reported as data.

``run_function(source, entry, calls)`` loads the learner's file in the sandbox, calls
their function once per test and returns a ``RunReport`` of what came back;
``compare.check`` then judges each value against the reference, outside. See
docs/sandbox.md for what the sandbox isolates and why the verdict cannot be forged.
Its bounds are ``practice.limits.LIMITS.sandbox`` (a ``practice.limits.SandboxLimits``).
"""

from practice.sandbox.errors import SandboxUnavailable
from practice.sandbox.protocol import Call, array, function, learner
from practice.sandbox.report import CallOutcome, RunReport
from practice.sandbox.runner import run_function

__all__ = [
    "Call",
    "CallOutcome",
    "RunReport",
    "SandboxUnavailable",
    "array",
    "function",
    "learner",
    "run_function",
]
