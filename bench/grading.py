"""Benchmark: grade a mixed set of requests, side by side with a naive grader.

Goals (issues 2 and 9): at least 1,000 answers/s on one core, p99 under 5 ms, at least
5x the naive grader's throughput, and right where the naive grader is wrong — including
answers written the way students write them (`2xy`, `ycos(xy)`, `2i + 4j`, `[2 4]`,
`cos2`, a value rounded to 4 significant figures).

- ours: ``practice.grading.grade`` on every request: ordinary answers (right, wrong,
  unicode, decimals, vectors, choices) and hostile ones (``9^9^9^9``, injections, deep
  nesting, junk). "Cold" clears our read and compile caches before every request, so
  each answer is read and compiled from scratch; "warm" keeps them, as a running app
  does for a variant's reference answer.
- naive: ``parse_expr`` (sympify with implicit multiplication and ``^``) on both sides,
  then ``simplify(a - b) == 0``; run on the non-hostile part only, since it would hang
  on ``9^9^9^9`` and execute ``__import__(...)``. This file is the ONLY place in the
  project that calls sympify/parse_expr, and only on the fixed request set below, never
  on learner text.

Each request carries the verdict a teacher would give; both graders are scored on it.
Times are CPU time of this process (``time.process_time``) per request, so neighbours
on a shared machine distort them less.

Run: ``.venv/bin/python bench/grading.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sympy
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.grading import grade  # noqa: E402
from practice.mathread.numeric import _compile_cached  # noqa: E402
from practice.mathread.reader import _read_cached  # noqa: E402


@dataclass(frozen=True)
class Request:
    kind: str
    expected: str
    answer: str
    variables: tuple[str, ...] = ()
    truth: bool | None = None  # a teacher's verdict; None for hostile requests


XY = ("x", "y")
ORDINARY = [
    Request("number", "3 + cos(2)", "2.5839", (), True),
    Request("number", "3 + cos(2)", "2.58", (), False),
    Request("number", "1/2", "0.5", (), True),
    Request("number", "sqrt(2)", "1.41421", (), True),
    Request("number", "pi/4", "0.785398", (), True),
    Request("number", "exp(-1)", "0.36788", (), True),
    Request("number", "ln(2)", "0.69315", (), True),
    Request("number", "0.1*3", "0.3", (), True),
    Request("number", "2^10", "1024", (), True),
    Request("number", "-4.2", "4.2", (), False),
    Request("number", "1/3", "0.33", (), False),
    Request("number", "2*pi", "2π", (), True),
    Request("expression", "sin(2x)", "2 sin(x) cos(x)", ("x",), True),
    Request("expression", "x^2 y", "x y^2", XY, False),
    Request("expression", "(x+1)^2", "x^2 + 2x + 1", ("x",), True),
    Request("expression", "2 x y + y^2", "y(2x + y)", XY, True),
    Request("expression", "ln(x^2)", "2 ln(x)", ("x",), True),
    Request("expression", "abs(x)", "x", ("x",), False),
    Request("expression", "exp(x + y)", "exp(x) exp(y)", XY, True),
    Request("expression", "cos(x)^2", "1 - sin(x)^2", ("x",), True),
    Request("expression", "1/(2 sqrt(x))", "0.5 x^(-1/2)", ("x",), True),
    Request("expression", "2x cos(x^2)", "2x cos(x²)", ("x",), True),
    Request("expression", "3x^2 - 2y", "3x^2 \u2212 2y", XY, True),
    Request("expression", "tanh(x)", "(e^x - e^-x)/(e^x + e^-x)", ("x",), True),
    Request("expression", "x/10", "0.1x", ("x",), True),
    Request("expression", "w - 0.1*(2w - 4)", "0.8w + 0.4", ("w",), True),
    Request("expression", "sin(2x)", "2 sin(x)", ("x",), False),
    Request("expression", "x", "sqrt(x^2)", ("x",), False),
    Request("expression", "2 x y", "x y", XY, False),
    Request("expression", "sin(x)^2", "sin^2 x", ("x",), True),
    Request("expression", "abs(x - y)", "|x - y|", XY, True),
    Request("expression", "pi x", "π x", ("x",), True),
    Request("expression", "x y cos(x y)", "x·y·cos(x y)", XY, True),
    Request("expression", "exp(-x^2) (1 - 2x^2)", "e^(-x^2) - 2x^2 e^(-x^2)", ("x",), True),
    Request("expression", "1/(1 + x^2)", "(1 + x^2)^-1", ("x",), True),
    Request("vector", "(1, 2, 3)", "<1, 2, 3>", (), True),
    Request("vector", "(0.8, 1.2)", "[4/5, 6/5]", (), True),
    Request("vector", "(0.8, 1.2)", "(1.2, 0.8)", (), False),
    Request("vector", "(3 + cos(2), 1/2)", "(2.5839, 0.5)", (), True),
    Request("vector", "(1, 2)", "\u27e81, 2\u27e9", (), True),
    Request("vector", "(1, 2, 3)", "1, 5, 3", (), False),
    Request("choice", "A,C", "c, a", (), True),
    Request("choice", "A", "b", (), False),
    # as students write them (issue 9)
    Request("expression", "2*x*y", "2xy", XY, True),
    Request("expression", "y*cos(x*y)", "ycos(xy)", XY, True),
    Request("expression", "x*exp(x*y)", "xe^(xy)", XY, True),
    Request("expression", "3*x^2*y", "3x^2y", XY, True),
    Request("expression", "-2*x*y*sin(x^2*y)", "-2xysin(x^2y)", XY, True),
    Request("expression", "2*x*y", "2xy^2", XY, False),
    Request("vector", "(2, 4)", "2i + 4j", (), True),
    Request("vector", "(12, -16)", "[12 -16]", (), True),
    Request("number", "3 + cos(2)", "3 + cos2", (), True),
    Request("number", "3 + cos(2)", "2.584", (), True),
    Request("number", "40", "4*10^1", (), True),
]
HOSTILE = [
    Request("expression", "x", answer, ("x",))
    for answer in (
        "9^9^9^9",
        "10**10**10",
        "2^(10^6)",
        "(10^60)^333",
        "__import__('os').system('true')",
        "().__class__.__bases__[0].__subclasses__()",
        "lambda: 1",
        "(" * 300 + "x" + ")" * 300,
        "x" * 499,
        "exp(exp(exp(exp(10))))",
        "sin(10^1000 pi)",
        "+".join(["x^9 sin(x)"] * 25),
        "|" * 200,
        "1e999 * 1e999",
        "sqrt(" * 30 + "x" + ")" * 30,
    )
]


def ours(request: Request) -> bool:
    return grade(
        request.kind, request.expected, request.answer, variables=request.variables
    ).correct


_TRANSFORMS = (*standard_transformations, implicit_multiplication_application, convert_xor)


def _naive_read(text: str) -> sympy.Expr:
    # The baseline's reader: parse_expr evaluates Python. Fixed bench text only.
    return parse_expr(text.replace("\u00b7", "*"), transformations=_TRANSFORMS)


def _naive_equal(answer: str, expected: str) -> bool:
    try:
        return bool(sympy.simplify(_naive_read(answer) - _naive_read(expected)) == 0)
    except Exception:  # the naive grader calls anything it cannot read wrong
        return False


def naive(request: Request) -> bool:
    if request.kind == "choice":
        return {p.strip().upper() for p in request.answer.split(",")} == set(
            request.expected.split(",")
        )
    if request.kind == "vector":
        answer, expected = _components(request.answer), _components(request.expected)
        return len(answer) == len(expected) and all(map(_naive_equal, answer, expected))
    return _naive_equal(request.answer, request.expected)


def _components(text: str) -> list[str]:
    return text.strip().strip("()[]<>\u27e8\u27e9").split(",")


@dataclass
class Run:
    latencies: list[float]
    verdicts: list[bool]

    @property
    def throughput(self) -> float:
        return len(self.latencies) / sum(self.latencies)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def measure(grader: Callable[[Request], bool], requests: Sequence[Request], cold: bool) -> Run:
    latencies, verdicts = [], []
    gc.collect()
    for request in requests:
        if cold:
            _read_cached.cache_clear()
            _compile_cached.cache_clear()
        start = time.process_time()
        verdict = grader(request)
        latencies.append(time.process_time() - start)
        verdicts.append(verdict)
    return Run(latencies, verdicts)


def wrong(run: Run, requests: Sequence[Request]) -> list[Request]:
    return [
        r
        for r, v in zip(requests, run.verdicts, strict=True)
        if r.truth is not None and v != r.truth
    ]


def line(name: str, run: Run, requests: Sequence[Request]) -> str:
    return (
        f"{name:<28} {run.throughput:>9,.0f}/s   p50 {run.percentile(0.5) * 1e3:6.2f} ms   "
        f"p99 {run.percentile(0.99) * 1e3:7.2f} ms   max {max(run.latencies) * 1e3:8.2f} ms   "
        f"wrong verdicts {len(wrong(run, requests))}/{sum(r.truth is not None for r in requests)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the request set")
    args = parser.parse_args()
    mixed = (ORDINARY + HOSTILE) * args.repeat
    ordinary = ORDINARY * max(1, args.repeat // 4)
    for request in ORDINARY + HOSTILE:  # warm imports and sympy's own caches for both
        ours(request)
    for request in ORDINARY:
        naive(request)

    print(f"mixed set: {len(ORDINARY)} ordinary + {len(HOSTILE)} hostile requests, x{args.repeat}")
    cold, warm = measure(ours, mixed, cold=True), measure(ours, mixed, cold=False)
    print(line("ours, mixed, cold caches", cold, mixed))
    print(line("ours, mixed, warm caches", warm, mixed))
    hostile_run = measure(ours, HOSTILE, cold=True)
    print(
        f"{'ours, hostile only, cold':<28} max {max(hostile_run.latencies) * 1e3:.2f} ms "
        f"(every hostile request refused: {not any(hostile_run.verdicts)})"
    )

    print(f"\nnon-hostile part: {len(ORDINARY)} requests x{len(ordinary) // len(ORDINARY)}")
    ours_ordinary = measure(ours, ordinary, cold=True)
    naive_ordinary = measure(naive, ordinary, cold=False)
    print(line("ours (cold caches)", ours_ordinary, ordinary))
    print(line("naive sympify + simplify", naive_ordinary, ordinary))
    print(
        f"throughput ratio ours/naive: {ours_ordinary.throughput / naive_ordinary.throughput:.1f}x   "
        f"median latency ratio naive/ours: "
        f"{statistics.median(naive_ordinary.latencies) / statistics.median(ours_ordinary.latencies):.1f}x"
    )
    naive_wrong = wrong(measure(naive, ORDINARY, cold=False), ORDINARY)
    ours_wrong = wrong(measure(ours, ORDINARY, cold=True), ORDINARY)
    print(
        f"\nwhere the naive grader is wrong ({len(naive_wrong)} of {len(ORDINARY)}; "
        f"ours wrong on {len(set(naive_wrong) & set(ours_wrong))} of them):"
    )
    for request in naive_wrong:
        print(
            f"  {request.kind:<10} expected {request.expected!r:<22} answer {request.answer!r:<30} "
            f"teacher: {'right' if request.truth else 'wrong'}"
        )
    for request in ours_wrong:
        print(f"  OURS WRONG: {request}")


if __name__ == "__main__":
    main()
