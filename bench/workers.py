"""Benchmark: what the worker pool adds to a grading, beside the in-process grader.

Goal (issue 10): less than 2 ms added to a typical grading at the median.

- in-process: ``practice.grading.grade`` called directly, as the server did before
  grading moved into worker processes; warm caches, as in a running server.
- pool: the same requests through ``Grading.grade_request`` (one worker, so it has
  the same warm caches): pickling, the pipe both ways, the CPU-budget timer, the
  allow-listed unpickling of the reply, and the admission bookkeeping.
- pool, variant: ``Grading.grade`` by problem id and seed (the app's path: the worker
  keeps the variant) beside ``grade_variant`` in-process.
- round trip: a task that does nothing, i.e. the pool's own cost; with ``--pebble``
  (when the package is installed) the same through ``pebble.ProcessPool``, the
  library we measured before writing our own (practice/workers/pool.py says why).

Times are wall-clock per request (the pool's cost is mostly waiting on the pipe,
which CPU time would not see); the two sides are measured interleaved, in the same
run, so the machine's load weighs on both alike.

Run: ``.venv/bin/python bench/workers.py [--repeat N] [--pebble]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.banks import load_catalog  # noqa: E402
from practice.grading import grade  # noqa: E402
from practice.variants import grade_variant, make_variant  # noqa: E402
from practice.workers import Budget, open_grading  # noqa: E402

REQUESTS = [
    ("number", "3 + cos(2)", "2.5839", ()),
    ("number", "1/2", "0.5", ()),
    ("expression", "sin(2x)", "2 sin(x) cos(x)", ("x",)),
    ("expression", "2 x y + y^2", "y(2x + y)", ("x", "y")),
    ("expression", "x^2 y", "x y^2", ("x", "y")),
    ("vector", "2.6, -0.8", "⟨2.6, −0.8⟩", ()),
    ("vector", "(2y, 2x)", "(2y, 2 x)", ("x", "y")),
    ("choice", "A,C", "c a", ()),
]
VARIANT_ANSWERS = [
    ("gd-step-given-gradient", 1, "-67/20, -4/5"),
    ("gd-step-given-gradient", 1, "(-2.65, -1.2)"),
]
NOTHING = Budget(cpu=1.0, wall=5.0)


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def side_by_side(
    name: str,
    inline: Sequence[Callable[[], object]],
    pooled: Sequence[Callable[[], object]],
    repeat: int,
) -> None:
    here: list[float] = []
    there: list[float] = []
    for _ in range(repeat):
        for local, remote in zip(inline, pooled, strict=True):
            here.append(timed(local))
            there.append(timed(remote))
    added = median_ms(there) - median_ms(here)
    verdict = "meets" if added < 2.0 else "MISSES"
    print(
        f"{name:<28} in-process median {median_ms(here):6.3f} ms  p95 {p95_ms(here):6.3f} ms | "
        f"pool median {median_ms(there):6.3f} ms  p95 {p95_ms(there):6.3f} ms | "
        f"added {added:+.3f} ms ({verdict} the 2 ms goal)"
    )


def round_trips(repeat: int, pebble: bool) -> None:
    grading = open_grading(1)
    try:
        samples = [
            timed(lambda: grading.pool.run(os.getpid, budget=NOTHING)) for _ in range(repeat)
        ]
        print(
            f"{'round trip, ours':<28} median {median_ms(samples):6.3f} ms  p95 {p95_ms(samples):6.3f} ms"
        )
    finally:
        grading.pool.close()
    if not pebble:
        return
    try:
        import multiprocessing

        from pebble import ProcessPool
    except ImportError:
        print("round trip, pebble: not installed (pip install pebble)")
        return
    with ProcessPool(max_workers=1, context=multiprocessing.get_context("forkserver")) as pool:
        pool.schedule(os.getpid).result()
        samples = [
            timed(lambda: pool.schedule(os.getpid, timeout=5).result()) for _ in range(repeat)
        ]
    print(
        f"{'round trip, pebble':<28} median {median_ms(samples):6.3f} ms  p95 {p95_ms(samples):6.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pebble", action="store_true", help="also time pebble's pool")
    args = parser.parse_args()
    grading = open_grading(1)
    try:
        inline = [partial(grade, k, e, a, variables=v) for k, e, a, v in REQUESTS]
        pooled = [partial(grading.grade_request, k, e, a, variables=v) for k, e, a, v in REQUESTS]
        catalog = load_catalog()
        variants = {
            (pid, seed): make_variant(catalog.problems[pid], seed)
            for pid, seed, _ in VARIANT_ANSWERS
        }
        inline_v = [partial(grade_variant, variants[p, s], a) for p, s, a in VARIANT_ANSWERS]
        pooled_v = [partial(grading.grade, p, s, a) for p, s, a in VARIANT_ANSWERS]
        calls: list[Callable[[], object]] = [*inline, *pooled, *inline_v, *pooled_v]
        for warm in calls:
            warm()
        print(f"{len(REQUESTS)} grading requests x{args.repeat}, one worker, warm caches")
        side_by_side("grade(kind, expected, answer)", inline, pooled, args.repeat)
        side_by_side("grade by problem and seed", inline_v, pooled_v, args.repeat * 4)
    finally:
        grading.pool.close()
    round_trips(args.repeat * 5, args.pebble)


if __name__ == "__main__":
    main()
