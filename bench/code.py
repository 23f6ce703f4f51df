"""Benchmark: grading learner code in the bubblewrap sandbox, beside a plain subprocess.

    .venv/bin/python bench/code.py                 # 10 rounds, sequential and 2 at once
    .venv/bin/python bench/code.py --rounds 3

Goal (issue 15): p95 under 2 s per submission in the sandbox.

- start cost: an empty file with no tests, so only the process, the namespaces and the
  harness (with numpy's import) are timed.
- submissions: six typical files for ``numerical_gradient`` (right; forward
  differences; editing ``v`` in place; an exception; a syntax error; one that prints a
  lot), each graded on six tests: every call in the sandbox, every verdict outside
  against sympy's gradient. Latency is wall time per submission; throughput is
  submissions per second of wall time, one at a time and two at once (two cores).
- baseline: the same harness and tests in a plain subprocess (``python -I -S``, the
  same rlimits, no namespaces), measured in the same run, so the figures say what
  the sandbox itself costs on this (noisy, shared) machine.
- server CPU: what the grading process itself spends per submission (pipes, JSON,
  comparisons), ``time.process_time``; the learner's code runs in other processes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import sympy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.sandbox import Call, RunReport, array, function  # noqa: E402
from practice.sandbox.compare import Expected, check  # noqa: E402
from practice.sandbox.runner import run_function, run_unsandboxed  # noqa: E402

GOAL_P95_S = 2.0
X, Y = sympy.symbols("x y", real=True)
FUNCTIONS = [  # (sympy, the same function as the learner's f receives it)
    (X * sympy.sin(Y) + X**2, "def f(v):\n    x, y = v\n    return x*np.sin(y) + x**2\n"),
    (sympy.exp(X) * Y**2, "def f(v):\n    x, y = v\n    return np.exp(x)*y**2\n"),
    (X**2 + 10 * Y**2, "def f(v):\n    x, y = v\n    return x**2 + 10*y**2\n"),
]
POINTS = [(1.2, -0.4), (-0.7, 2.5)]

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
SUBMISSIONS = {
    "right": RIGHT,
    "forward": RIGHT.replace("(f(v + step) - f(v - step)) / (2 * h)", "(f(v + step) - f(v)) / h"),
    "in place": RIGHT.replace(
        "step = np.zeros_like(v)\n        step[i] = h", "step = v\n        v[i] += h"
    ),
    "exception": RIGHT.replace("return grad", "return grad / 0 if grad.size < 0 else undefined"),
    "syntax": RIGHT.replace(
        "def numerical_gradient(f, v, h=1e-5):", "def numerical_gradient(f, v, h=1e-5)"
    ),
    "prints": RIGHT.replace("    return grad", "    print(grad, 'x' * 100_000)\n    return grad"),
}


@dataclass(frozen=True)
class Sample:
    wall_s: float
    server_cpu_s: float
    passed: int


def tests() -> tuple[list[Call], list[Expected]]:
    calls, expected = [], []
    for expr, source in FUNCTIONS:
        for point in POINTS:
            at = {X: point[0], Y: point[1]}
            calls.append(Call((function("f", source), array(point))))
            expected.append(Expected([float(sympy.diff(expr, s).subs(at)) for s in (X, Y)]))
    return calls, expected


Runner = Callable[..., RunReport]


def grade_once(runner: Runner, source: str, calls: list[Call], expected: list[Expected]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    report = runner(source, "numerical_gradient", calls)
    passed = sum(check(o, e).passed for o, e in zip(report.outcomes, expected, strict=True))
    return Sample(time.perf_counter() - wall, time.process_time() - cpu, passed)


def start_cost(runner: Runner, rounds: int) -> list[float]:
    return [grade_once(runner, "", [], []).wall_s for _ in range(rounds)]


def submissions(runner: Runner, rounds: int, workers: int) -> tuple[list[Sample], float]:
    calls, expected = tests()
    jobs = [source for _ in range(rounds) for source in SUBMISSIONS.values()]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        samples = list(pool.map(lambda s: grade_once(runner, s, calls, expected), jobs))
    return samples, time.perf_counter() - started


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="of each of the six submissions")
    args = parser.parse_args(argv)
    runners = {"sandbox": run_function, "plain subprocess": run_unsandboxed}
    check_verdicts(runners)
    print(
        f"{'':18}{'start p50':>10}{'start p95':>10}  | submissions: at once, per s, p50, p95, server CPU"
    )
    worst = 0.0
    for name, runner in runners.items():
        starts = start_cost(runner, args.rounds * 2)
        for workers in (1, 2):
            samples, elapsed = submissions(runner, args.rounds, workers)
            walls = [s.wall_s for s in samples]
            cpu_ms = 1000 * statistics.mean(s.server_cpu_s for s in samples)
            print(
                f"{name:18}{1000 * statistics.median(starts):8.0f}ms"
                f"{1000 * percentile(starts, 0.95):8.0f}ms  | {workers}  "
                f"{len(samples) / elapsed:6.1f}/s  {statistics.median(walls):5.2f} s"
                f"  {percentile(walls, 0.95):5.2f} s  {cpu_ms:5.1f} ms"
            )
            if name == "sandbox":
                worst = max(worst, percentile(walls, 0.95))
    print(f"\ngoal: p95 < {GOAL_P95_S:g} s in the sandbox; worst p95 {worst:.2f} s")
    return 0 if worst < GOAL_P95_S else 1


def check_verdicts(runners: dict[str, Runner]) -> None:
    """Both runners must agree on what passes, or the timing compares different work."""
    calls, expected = tests()
    for name, source in SUBMISSIONS.items():
        counts = {grade_once(r, source, calls, expected).passed for r in runners.values()}
        if len(counts) != 1:
            raise SystemExit(f"{name}: the runners disagree ({counts})")
        print(f"{name:10} passes {counts.pop()} of {len(calls)} tests")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
