"""Benchmark: grading learner code in the bubblewrap sandbox, beside a plain subprocess.

    .venv/bin/python bench/code.py                 # 10 rounds, sequential and 2 at once
    .venv/bin/python bench/code.py --rounds 3

Goal (issue 15): p95 under 2 s per submission in the sandbox.

- start cost: an empty file with no tests, so only the process, the namespaces and the
  harness (with numpy's import) are timed.
- submissions: six typical files for the shipped ``ml-implement-numerical-gradient``
  (its model solution; forward differences; editing ``v`` in place; an exception; a
  syntax error; one that prints a lot), each graded on that problem's six tests: every
  call in the sandbox, every verdict outside against sympy's gradient. Latency is wall time per submission; throughput is
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.banks import load_catalog  # noqa: E402
from practice.grading.code import CodeTask  # noqa: E402
from practice.sandbox import RunReport  # noqa: E402
from practice.sandbox.compare import check  # noqa: E402
from practice.sandbox.runner import run_function, run_unsandboxed  # noqa: E402
from practice.variants import make_variant  # noqa: E402

GOAL_P95_S = 2.0
PROBLEM, SEED = "ml-implement-numerical-gradient", 1


def submissions_of(task: CodeTask) -> dict[str, str]:
    """Six typical files: the model solution and five ways of getting it wrong."""
    right = task.solution
    quotient = "(f(v + step) - f(v - step)) / (2 * h)"
    return {
        "right": right,
        "forward": right.replace(quotient, "(f(v + step) - f(v)) / h"),
        "in place": right.replace("step = np.zeros_like(v)\n        step[i] = h", "v[i] += h\n        step = 0 * v"),
        "exception": right.replace("return grad", "return grad / undefined"),
        "syntax": right.replace("h=1e-5):", "h=1e-5)"),
        "prints": right.replace("    return grad", "    print(grad, 'x' * 100_000)\n    return grad"),
    }  # fmt: skip


@dataclass(frozen=True)
class Sample:
    wall_s: float
    server_cpu_s: float
    passed: int


Runner = Callable[..., RunReport]


def grade_once(runner: Runner, source: str, task: CodeTask) -> Sample:
    """What ``practice.grading.code.grade_code`` does, with the runner chosen."""
    wall, cpu = time.perf_counter(), time.process_time()
    report = runner(source, task.entry, [case.call for case in task.cases])
    verdicts = [check(o, c.expected) for o, c in zip(report.outcomes, task.cases, strict=True)]
    passed = sum(verdict.passed for verdict in verdicts)
    return Sample(time.perf_counter() - wall, time.process_time() - cpu, passed)


def start_cost(runner: Runner, task: CodeTask, rounds: int) -> list[float]:
    empty = CodeTask(task.entry, task.signature, task.starter, task.solution, ())
    return [grade_once(runner, "", empty).wall_s for _ in range(rounds)]


def submissions(
    runner: Runner, task: CodeTask, rounds: int, workers: int
) -> tuple[list[Sample], float]:
    jobs = [source for _ in range(rounds) for source in submissions_of(task).values()]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        samples = list(pool.map(lambda source: grade_once(runner, source, task), jobs))
    return samples, time.perf_counter() - started


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="of each of the six submissions")
    args = parser.parse_args(argv)
    runners = {"sandbox": run_function, "plain subprocess": run_unsandboxed}
    task = make_variant(load_catalog().problems[PROBLEM], SEED).code
    assert task is not None
    check_verdicts(runners, task)
    print(
        f"{'':18}{'start p50':>10}{'start p95':>10}  | submissions: at once, per s, p50, p95, server CPU"
    )
    worst = 0.0
    for name, runner in runners.items():
        starts = start_cost(runner, task, args.rounds * 2)
        for workers in (1, 2):
            samples, elapsed = submissions(runner, task, args.rounds, workers)
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


def check_verdicts(runners: dict[str, Runner], task: CodeTask) -> None:
    """Both runners must agree on what passes, or the timing compares different work."""
    for name, source in submissions_of(task).items():
        counts = {grade_once(r, source, task).passed for r in runners.values()}
        if len(counts) != 1:
            raise SystemExit(f"{name}: the runners disagree ({counts})")
        print(f"{name:10} passes {counts.pop()} of {len(task.cases)} tests")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
