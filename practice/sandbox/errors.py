"""The one failure the sandbox reports by raising: it could not run at all."""

from __future__ import annotations


class SandboxUnavailable(RuntimeError):
    """The sandbox could not start (no ``bwrap``, namespaces refused, the interpreter
    not found). Grading fails closed on it: no learner code runs, nothing is graded
    correct, and the message says what the server's operator has to fix."""
