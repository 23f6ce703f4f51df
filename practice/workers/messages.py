"""What travels between the server and a worker, and how the server reads it.

Requests go out with ``Connection.send`` (a task is a module-level function, pickled by
its name, and its arguments: plain text and numbers). Replies come back as pickled
bytes that the server reads with ``safe_loads``: only the classes a pool was told to
expect are rebuilt, so a worker that ran something hostile can at most hand back wrong
plain data, never make the server import or call anything.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, TypeAlias

Task: TypeAlias = Callable[..., Any]


@dataclass(frozen=True)
class Request:
    task: Task
    args: tuple[Any, ...]
    cpu_seconds: float


# Replies: ("ok", value) | ("cpu",) | ("raised", type name, message, traceback text)
OK, CPU, RAISED = "ok", "cpu", "raised"


def reply_ok(value: Any) -> bytes:
    return pickle.dumps((OK, value), protocol=pickle.HIGHEST_PROTOCOL)


def reply_cpu() -> bytes:
    return pickle.dumps((CPU,))


def reply_raised(error: BaseException, trace: str) -> bytes:
    return pickle.dumps((RAISED, type(error).__name__, str(error)[:1000], trace[-8000:]))


class _Allowlist(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: Collection[type]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = {(kind.__module__, kind.__qualname__): kind for kind in allowed}

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"a worker sent {module}.{name}, not allowed") from None


def safe_loads(data: bytes, allowed: Collection[type]) -> tuple[Any, ...]:
    """A worker's reply; raises ``pickle.UnpicklingError`` for any class not in ``allowed``
    (plain str, int, float, bool, None, tuple, list and dict need no entry)."""
    reply = _Allowlist(data, allowed).load()
    if not isinstance(reply, tuple) or not reply or reply[0] not in (OK, CPU, RAISED):
        raise pickle.UnpicklingError("a worker sent a reply of unknown shape")
    return reply
