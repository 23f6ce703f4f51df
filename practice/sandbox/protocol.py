"""How a test's call is written down for the harness: JSON data, with a few tagged
objects the harness turns into Python values inside the sandbox.

Test functions travel as source text that the project writes from the bank's data
(for example ``def f(v): x, y = v; return x*np.sin(y)`` printed by sympy); the
harness defines them inside the sandbox, the only place any of this text runs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Node = Any  # JSON data, possibly holding the tagged objects below


def array(values: Sequence[Any]) -> Node:
    """A numpy float array inside (the learner's ``v``); nested sequences for a matrix."""
    return {"$array": _floats(values)}


def _floats(values: Any) -> Any:
    if isinstance(values, list | tuple):
        return [_floats(item) for item in values]
    return float(values)


def function(name: str, source: str) -> Node:
    """A Python function inside, defined by ``source`` (numpy as ``np`` and ``math``
    are in scope); the learner's code receives it as an argument."""
    return {"$function": {"name": name, "source": source}}


def learner(name: str) -> Node:
    """An object the learner's file defines (their function), by name."""
    return {"$learner": name}


def tuple_(items: Sequence[Node]) -> Node:
    return {"$tuple": list(items)}


@dataclass(frozen=True)
class Call:
    """One test: call ``target`` (the learner's function unless an instructor's probe)
    with these arguments."""

    args: tuple[Node, ...] = ()
    kwargs: Mapping[str, Node] = field(default_factory=dict)
    target: Node | None = None


def job(source: str, entry: str, calls: Sequence[Call]) -> bytes:
    payload = {
        "source": source,
        "entry": entry,
        "calls": [
            {
                "target": call.target if call.target is not None else learner(entry),
                "args": list(call.args),
                "kwargs": dict(call.kwargs),
            }
            for call in calls
        ],
    }
    return json.dumps(payload, allow_nan=True).encode("utf-8")
