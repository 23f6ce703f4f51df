"""How many learners a class server holds: simulated learners through haproxy against
1 and 2 replicas on one PostgreSQL store.

Issue 14, item 4. For each replica count it starts ``python -m deploy.class_server``
(N ``streamlit run`` replicas behind haproxy, free loopback ports, a fresh schema in
the PostgreSQL at ``--database-url``, local mode), warms every replica up, then raises
the number of learners K level by level. Each learner is the websocket client of
``bench/capacity.py`` (``bench/loadgen``, docs/capacity.md): open Practice with its own
profile, type an answer in three reruns, check it, think, next problem. A learner's
websocket goes to the replica haproxy picks (``leastconn``: the one with the fewest
connections) and stays there. Per K it prints submit → feedback and typing reruns
(p50 / p95 / max), the CPU of the whole class server (every replica and haproxy, one
core = 100 %), how busy the machine was, the load average, and submissions against
attempts stored in PostgreSQL; at the end, per replica count, the largest K whose
submit → feedback p95 stayed under ``--goal`` (1 s) and what that is per replica.

Class mode would add a sign-in per learner (an OpenID Connect provider); the reruns a
signed-in learner makes are the ones measured here.

Exit status: 0 when every submission was stored exactly once, 1 when not (or when the
server or the page failed), 2 for bad arguments.

Run: ``.venv/bin/python bench/class_load.py [--replicas 1 2] [--levels 10 20 40 80]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_HERE = Path(__file__).resolve().parent
# Run as `python bench/class_load.py`, this folder heads sys.path; the project root
# must come first so `bench.loadgen` is found as a package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from bench.loadgen.class_server import ClassServerProcess, PostgresSchema  # noqa: E402
from bench.loadgen.learner import Learner, Pace, Plan, Recorder  # noqa: E402
from bench.loadgen.report import LevelResult, level_line  # noqa: E402
from bench.loadgen.runs import Setup, run_level  # noqa: E402
from bench.loadgen.server import ServerFailed  # noqa: E402
from bench.loadgen.store import compare, stored_answers_at  # noqa: E402

DEFAULT_LEVELS = (10, 20, 40, 80)
DEFAULT_DATABASE = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MAX_LEARNERS = 500
MAX_REPLICAS = 8


@dataclass
class Configuration:
    """One replica count and its levels."""

    replicas: int
    levels: list[LevelResult] = field(default_factory=list)

    def best(self, goal: float) -> int:
        """The largest K whose p95 stayed under ``goal``, nobody dropped, nothing lost."""
        good = [
            r.learners
            for r in self.levels
            if r.submit.count and r.submit.p95 < goal and not r.errors
            and r.store is not None and r.store.exactly_once
        ]  # fmt: skip
        return max(good, default=0)


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        allow_abbrev=False,
        description="Simulated learners through haproxy against 1 and 2 replicas on PostgreSQL.",
    )
    parse.add_argument("--replicas", type=int, nargs="+", default=[1, 2], metavar="N")
    parse.add_argument("--levels", type=int, nargs="+", default=list(DEFAULT_LEVELS), metavar="K")
    parse.add_argument("--rounds", type=int, default=2, help="problems per learner per level")
    parse.add_argument("--think", type=float, nargs=2, default=(5.0, 10.0), metavar=("MIN", "MAX"))
    parse.add_argument(
        "--type-pause", type=float, nargs=2, default=(0.3, 1.0), metavar=("MIN", "MAX")
    )
    parse.add_argument("--arrival", type=float, help="seconds over which learners arrive")
    parse.add_argument("--goal", type=float, default=1.0, help="the p95 a level must stay under")
    parse.add_argument("--stop-p95", type=float, default=5.0, help="stop raising K past this p95")
    parse.add_argument("--run-timeout", type=float, default=60.0, help="one rerun's limit (s)")
    parse.add_argument("--level-timeout", type=float, default=600.0, help="one level's limit (s)")
    parse.add_argument("--database-url", default=DEFAULT_DATABASE, help="a PostgreSQL database")
    parse.add_argument("--seed", type=int, default=1)
    parse.add_argument("--json", type=Path, help="also write the figures to this file")
    return parse


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parse = parser()
    args = parse.parse_args(argv)
    if not all(1 <= k <= MAX_LEARNERS for k in [*args.levels, args.rounds]):
        parse.error(f"levels and rounds must be between 1 and {MAX_LEARNERS}")
    if not all(1 <= n <= MAX_REPLICAS for n in args.replicas):
        parse.error(f"replicas must be between 1 and {MAX_REPLICAS}")
    if min(*args.think, *args.type_pause) < 0 or args.think[0] > args.think[1]:
        parse.error("pauses must be MIN <= MAX, both >= 0")
    if not args.database_url.startswith("postgresql"):
        parse.error("--database-url must be a PostgreSQL URL (postgresql+psycopg://…)")
    return args


async def _warm_up(setup: Setup, replicas: int) -> None:
    """One quick learner per replica at once (haproxy spreads them), so no level pays
    for a replica's cold start (imports, banks, caches)."""
    recorder = Recorder()
    quick = Pace((0.0, 0.0), (0.0, 0.0), max(setup.pace.run_timeout, 120.0))
    plans = [Plan(f"cls-warm-{n}", rounds=1) for n in range(replicas)]
    await asyncio.gather(
        *(Learner(p, setup.url, quick, recorder, setup.rng(p.name)).run() for p in plans)
    )
    if recorder.errors:
        raise ServerFailed(f"the warm-up learners failed: {recorder.errors[0]}")


async def _ramp(
    args: argparse.Namespace, setup: Setup, replicas: int
) -> list[tuple[LevelResult, Recorder]]:
    await _warm_up(setup, replicas)
    levels = []
    for learners in args.levels:
        result, recorder = await run_level(setup, learners, 0)
        levels.append((result, recorder))
        print(f"{replicas} replica(s), {level_line(result)}", flush=True)
        if result.errors:
            print(f"{len(result.errors)} learners were dropped: not raising K further")
            break
        if result.submit.p95 > args.stop_p95:
            print(f"p95 {result.submit.p95:.1f} s > {args.stop_p95:.0f} s: not raising K further")
            break
    return levels


def _measure(args: argparse.Namespace, replicas: int, workdir: Path) -> Configuration:
    pace = Pace(tuple(args.think), tuple(args.type_pause), args.run_timeout)
    arrival = args.think[1] if args.arrival is None else args.arrival
    with PostgresSchema(args.database_url) as url:
        with ClassServerProcess(ROOT, workdir, replicas, url) as server:
            setup = Setup(
                server.url, server.pid, pace, args.rounds, arrival, args.level_timeout,
                None, args.seed,
            )  # fmt: skip
            levels = asyncio.run(_ramp(args, setup, replicas))
            if any(result.errors for result, _ in levels):
                print(f"the class server's logs end with:\n{server.log_tail(10)}")
            server.stop()  # every write has landed before the store is read
        stored = stored_answers_at(url)
    configuration = Configuration(replicas)
    for result, recorder in levels:
        result.store = compare(result.names, recorder.submitted, stored)
        configuration.levels.append(result)
    return configuration


def table(configurations: list[Configuration]) -> str:
    rows = [
        "| replicas | learners | submit → feedback p50 / p95 / max | typing rerun p50 / p95 / max "
        "| class server CPU (1 core = 100 %) | machine busy | submitted / stored | errors "
        "| load avg |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for configuration in configurations:
        for r in configuration.levels:
            check = r.store
            kept = (
                "–"
                if check is None
                else f"{check.submitted} / {check.stored}"
                + (
                    " (exactly once)"
                    if check.exactly_once
                    else f" ({check.missing} missing, {check.extra} extra)"
                )
            )
            rows.append(
                f"| {configuration.replicas} | {r.learners} | {r.submit.text()} | {r.typing.text()} "
                f"| {r.cpu_percent:.0f} % | {r.machine_percent:.0f} % | {kept} | {len(r.errors)} "
                f"| {r.load_before:.1f} → {r.load_after:.1f} |"
            )
    return "\n".join(rows)


def summary(configurations: list[Configuration], goal: float) -> list[str]:
    lines = []
    for configuration in configurations:
        best, n = configuration.best(goal), configuration.replicas
        tried = ", ".join(str(r.learners) for r in configuration.levels)
        if best:
            lines.append(
                f"- {n} replica(s): submit → feedback p95 < {goal:g} s up to K = {best} "
                f"(levels tried: {tried}): {best / n:.0f} learners per replica"
            )
        else:
            lines.append(f"- {n} replica(s): no level (tried {tried}) had p95 < {goal:g} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    configurations: list[Configuration] = []
    with tempfile.TemporaryDirectory(prefix="class-load-") as workdir:
        try:
            for replicas in args.replicas:
                configurations.append(_measure(args, replicas, Path(workdir)))
        except RuntimeError as error:  # the server, the page or the store: one line
            print(f"class_load: {error}", file=sys.stderr)
            return 1
    good = all(
        r.store is not None and r.store.exactly_once for c in configurations for r in c.levels
    )
    print()
    print(table(configurations))
    for line in summary(configurations, args.goal):
        print(line)
    print("every submission stored exactly once" if good else "STORE CHECK FAILED: see above")
    if args.json is not None:
        figures: dict[str, Any] = {
            "exactly_once": good,
            "goal": args.goal,
            "configurations": [
                {
                    "replicas": c.replicas,
                    "best_learners": c.best(args.goal),
                    "levels": [r.as_json() for r in c.levels],
                }
                for c in configurations
            ],
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
