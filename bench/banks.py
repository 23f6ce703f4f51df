"""Benchmark: load a generated 1,000-problem bank, and generate variants.

Goals (issue 3): load and validate 1,000 problems in under 1 s; at least 1,000
variants per second with answer, hints and worked solution. Each figure is printed
next to a baseline measured in the same run on the same machine:

- loading: the baseline is PyYAML's C parser alone (``yaml.load`` with CSafeLoader),
  the floor any YAML bank loader pays. "Load and validate" is ``load_catalog``: YAML
  with line marks and bounds, the pydantic schema, every expression read by the safe
  reader, every placeholder checked — everything except generating variants, which
  ``validate --variants N`` adds per problem (measured separately below).
- variants: the baseline is the naive way — per variant, substitute the parameters,
  differentiate with sympy and print LaTeX, with no per-problem cache.

Times are CPU time of this process (``time.process_time``), best of a few runs, so
that neighbours on a shared machine distort the figures less; the baselines are
measured the same way in the same run.

Run: ``.venv/bin/python bench/banks.py [--problems N] [--variants N]``
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

import sympy
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from practice.banks import load_catalog  # noqa: E402
from practice.variants import make_variant  # noqa: E402
from practice.variants.check import check_problem  # noqa: E402

TEMPLATES = [
    """
  - id: gen-{i}-partial
    level: A
    kind: expression
    variables: [x, y]
    params: {{a: {{int: [2, 9]}}, n: {{int: [2, 5]}}, b: {{int: [-5, 5], not: [0]}}}}
    function: a*x^n*y^3 + b*y + sin({k}*x*y)
    answer: {{partial: {{wrt: x}}}}
    prompt: |
      Let $f(x, y) = {{{{f}}}}$. Find $\\frac{{\\partial f}}{{\\partial x}}$.
    hints:
      - Treat $y$ as a constant.
      - 'The power rule gives the factor {{{{n}}}}.'
    tags: [power-rule]
""",
    """
  - id: gen-{i}-point
    level: A
    kind: number
    variables: [x, y]
    params: {{x0: {{int: [-4, 4]}}, y0: {{int: [-4, 4], not: [0]}}, a: {{int: [1, 5]}}}}
    constraints: [x0 != y0]
    function: x*y + a*cos(x) + {k}*y^2
    answer: {{partial: {{wrt: x, at: [x0, y0]}}}}
    prompt: 'For $f = {{{{f}}}}$ find $f_x$ at ${{{{point}}}}$.'
    hints: [Differentiate then substitute.]
""",
    """
  - id: gen-{i}-gradient
    level: A
    kind: vector
    variables: [x, y, z]
    params: {{x0: {{int: [-3, 3]}}, y0: {{int: [-3, 3]}}, z0: {{int: [-3, 3]}}, c: {{int: [1, 4]}}}}
    function: c*x^2 + y*z^2 - {k}*x*y
    answer: {{gradient: {{at: [x0, y0, z0]}}}}
    prompt: 'Compute $\\nabla f{{{{point}}}}$ for $f = {{{{f}}}}$.'
    hints: [One partial per variable.]
""",
    """
  - id: gen-{i}-descent
    level: C
    kind: vector
    variables: [x, y]
    params: {{x0: {{int: [1, 4]}}, y0: {{int: [-3, 3], not: [0]}}, eta: {{choice: [0.1, 0.2, 0.25]}}}}
    function: x^2 + {k}*y^2
    answer: {{descent: {{start: [x0, y0], rate: eta, steps: 3}}}}
    prompt: 'Three steps from ${{{{start}}}}$ with $\\eta = {{{{rate}}}}$ on $f = {{{{f}}}}$.'
    hints: [Recompute the gradient each step.]
""",
    """
  - id: gen-{i}-choice
    level: B
    kind: choice
    prompt: Which way does $\\nabla f$ point?
    choices:
      - {{text: Steepest ascent, feedback: Yes.}}
      - {{text: Steepest descent, feedback: That is its negative.}}
      - {{text: Along a contour, feedback: It is perpendicular to contours.}}
    answer: {{choice: A}}
    hints: [Up or down?]
""",
]


def generate_bank(count: int) -> str:
    parts = ["topic: generated\ntitle: Generated bank\nproblems:"]
    # Every problem has its own coefficient `k`, so no expression text repeats and the
    # reader's cache cannot flatter the load figure.
    parts += [
        TEMPLATES[i % len(TEMPLATES)].format(i=i, k=i // 5 + 2).rstrip() for i in range(count)
    ]
    return "\n".join(parts) + "\n"


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    """Best CPU time of this process over ``runs``: on a shared machine, wall time
    mostly measures the neighbours; the baselines are measured the same way."""
    timings = []
    for _ in range(runs):
        started = time.process_time()
        action()
        timings.append(time.process_time() - started)
    return min(timings)


def naive_variant(function: sympy.Expr, rng: random.Random) -> str:
    """The baseline: substitute, differentiate and print per variant, nothing cached."""
    a, n, b = sympy.symbols("a n b", real=True)
    x, y = sympy.symbols("x y", real=True)
    concrete = function.subs({a: rng.randint(2, 9), n: rng.randint(2, 5), b: rng.randint(1, 5)})
    derivative = sympy.diff(concrete, x)
    terms = [sympy.latex(sympy.diff(term, x)) for term in sympy.Add.make_args(concrete)]
    return sympy.latex(concrete) + sympy.latex(derivative) + "".join(terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=1000)
    parser.add_argument("--variants", type=int, default=3000)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-banks-"))
    path = folder / "generated.yaml"
    path.write_text(generate_bank(args.problems), encoding="utf-8")
    size_kb = path.stat().st_size / 1000

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def parse_only_action() -> None:
        gc.disable()  # as load_catalog does while it reads a file
        try:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        finally:
            gc.enable()

    parse_only = best_of(3, parse_only_action)
    catalog = load_catalog([folder])
    assert not catalog.issues, catalog.issues[:3]
    assert len(catalog.problems) == args.problems
    load_time = best_of(3, lambda: load_catalog([folder]))
    print(f"bank: {args.problems} problems, {size_kb:.0f} kB of YAML")
    print(f"  baseline  yaml.load (C parser only)             {parse_only * 1000:8.1f} ms")
    print(
        f"  load_catalog (parse+schema+read+placeholders)   {load_time * 1000:8.1f} ms"
        f"   goal < 1000 ms: {'ok' if load_time < 1 else 'MISSED'}"
    )

    problems = list(catalog.problems.values())
    # Cold: first variant of each problem pays its one-time symbolic work (derivatives).
    cold = best_of(1, lambda: [make_variant(p, 0) for p in problems])
    print(
        f"  first variant of every problem (cold caches)    {cold * 1000:8.1f} ms"
        f"   ({len(problems) / cold:,.0f} variants/s)"
    )
    # Deep validation as `validate --variants 1` does it: make and grade one variant each.
    deep = best_of(1, lambda: [check_problem(p, 1) for p in problems])
    print(f"  validate --variants 1 (make + grade each)       {deep * 1000:8.1f} ms")

    seeds = list(range(1, args.variants + 1))
    pairs = [(problems[i % len(problems)], seed) for i, seed in enumerate(seeds)]
    warm = best_of(1, lambda: [make_variant(p, s) for p, s in pairs])
    rate = len(pairs) / warm

    x, y = sympy.symbols("x y", real=True)
    a, n, b = sympy.symbols("a n b", real=True)
    function = a * x**n * y**3 + b * y + sympy.sin(x * y)
    rng = random.Random(0)
    naive_count = max(200, args.variants // 10)
    naive = best_of(1, lambda: [naive_variant(function, rng) for _ in range(naive_count)])
    print(
        f"variants: {len(pairs)} distinct (problem, seed) pairs: prompt, answer, hints, worked solution"
    )
    print("          (mistake candidates are filled in when a variant is first graded)")
    print(
        f"  baseline  naive subs+diff+latex per variant     {naive_count / naive:8,.0f} variants/s"
    )
    print(
        f"  make_variant                                    {rate:8,.0f} variants/s"
        f"   goal >= 1000/s: {'ok' if rate >= 1000 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
