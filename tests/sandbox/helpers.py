"""What the sandbox tests share: a right ``numerical_gradient``, the tests it is run on
with their sympy-derived answers, and a look for processes a run left behind."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sympy

from practice.sandbox import Call, RunReport, array, function
from practice.sandbox.compare import Check, Expected

X, Y = sympy.symbols("x y", real=True)
F = X * sympy.sin(Y) + X**2  # the function every default test differentiates
POINTS = ((1.2, -0.4), (-0.7, 2.5))
F_SOURCE = "def f(v):\n    x, y = v\n    return x*np.sin(y) + x**2\n"
ENTRY = "numerical_gradient"

RIGHT = """\
import numpy as np

def numerical_gradient(f, v, h=1e-5):
    v = np.asarray(v, dtype=float)
    grad = np.zeros_like(v)
    for i in range(v.size):
        step = np.zeros_like(v)
        step[i] = h
        grad[i] = (f(v + step) - f(v - step)) / (2 * h)
    return grad
"""


def expected_gradient(point: Sequence[float]) -> list[float]:
    at = {X: point[0], Y: point[1]}
    return [float(sympy.diff(F, s).subs(at)) for s in (X, Y)]


def default_calls() -> list[Call]:
    return [Call((function("f", F_SOURCE), array(p))) for p in POINTS]


def default_expected() -> list[Expected]:
    return [Expected(expected_gradient(p)) for p in POINTS]


def alive_with(token: str) -> list[int]:
    """Processes whose command line carries the run's token (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if token.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def assert_nothing_left(token: str) -> None:
    deadline = time.monotonic() + 3.0  # the kernel empties a PID namespace in ms
    while alive_with(token) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert alive_with(token) == [], "processes of the run are still alive"


Grade = Callable[..., tuple[RunReport, list[Check]]]
