"""How many learners one server holds: simulated learners over Streamlit's websocket.

Issue 16. Each simulated learner is one websocket speaking Streamlit's own protocol
(``BackMsg`` / ``ForwardMsg`` from the installed Streamlit, as a browser tab would) and
does the practice loop: open Practice with its own profile (``?learner=NAME``), type an
answer in three steps (three reruns, as the live preview does), check it, think 5–10 s,
next problem. The tool starts ``streamlit run app.py`` itself on a free loopback port,
on a fresh SQLite store, with any ``--server.*`` / ``--runner.*`` options passed through,
then raises the number of learners K level by level and prints per K: submit → feedback
and typing reruns (p50 / p95 / max), the server's CPU (its process tree, one core =
100 %) and RSS, and at the end submissions against attempts stored. It stops raising K
once the p95 of submit → feedback passes ``--stop-p95`` (10 s) or a learner was
dropped (a run that did not finish within ``--run-timeout``, a closed socket).

- ``--slow N`` adds N learners per level whose answers are slow to grade (see
  ``bench/loadgen/answers.py``); the others' figures are the table's, theirs are below it.
- ``--soak MINUTES`` instead keeps ``--learners`` seats busy with visits that come and
  go, printing RSS (and the rest) every ``--report-every`` seconds and the growth of
  RSS after ``--warmup`` minutes.

Everything is bounded (loopback only, rounds per learner, a timeout per run and per
level, the soak's deadline) and the server is stopped at the end, whatever happened.
Exit status: 0 when every submission was stored exactly once, 1 when not or when the
page no longer has what the loop needs (the message says what is missing), 2 for bad
arguments. Details and the baseline: docs/capacity.md.

Run: ``.venv/bin/python bench/capacity.py [--levels 5 10 20 …] [--slow 2]
[--runner.postScriptGC false] [--server.fileWatcherType none] [--soak 30]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_HERE = Path(__file__).resolve().parent
# Run as `python bench/capacity.py`, this folder heads sys.path; the project root must
# come first so `bench.loadgen` (and never a bench file shadowing a package) is found.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from bench.loadgen import answers  # noqa: E402
from bench.loadgen.learner import Learner, Pace, Plan, Recorder  # noqa: E402
from bench.loadgen.profiles import add_profiles  # noqa: E402
from bench.loadgen.report import LevelResult, level_line, level_table, slow_lines  # noqa: E402
from bench.loadgen.runs import Setup, SoakRow, run_level, run_soak  # noqa: E402
from bench.loadgen.server import AppServer, ServerFailed, check_options  # noqa: E402
from bench.loadgen.store import compare, stored_answers  # noqa: E402

DEFAULT_LEVELS = (5, 10, 20, 40, 80, 120, 150)
MAX_LEARNERS = 500
MAX_SOAK_MINUTES = 240.0
WARM_UP = Plan("cap-warm-up", rounds=1)


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        allow_abbrev=False,  # `--run…` must never be taken for a pass-through `--runner.*`
        description="Simulated learners over Streamlit's websocket against a server this "
        "starts; any --server.* / --runner.* option is passed to `streamlit run`.",
    )
    parse.add_argument("--levels", type=int, nargs="+", default=list(DEFAULT_LEVELS), metavar="K")
    parse.add_argument("--slow", type=int, default=0, help="slow-answer learners added per level")
    parse.add_argument("--rounds", type=int, default=3, help="problems per learner per level")
    parse.add_argument("--think", type=float, nargs=2, default=(5.0, 10.0), metavar=("MIN", "MAX"))
    parse.add_argument(
        "--type-pause", type=float, nargs=2, default=(0.3, 1.0), metavar=("MIN", "MAX")
    )
    parse.add_argument(
        "--arrival",
        type=float,
        help="seconds over which a level's learners arrive (default: think MAX)",
    )
    parse.add_argument(
        "--stop-p95", type=float, default=10.0, help="stop raising K past this p95 (s)"
    )
    parse.add_argument("--run-timeout", type=float, default=60.0, help="one rerun's limit (s)")
    parse.add_argument("--level-timeout", type=float, default=900.0, help="one level's limit (s)")
    parse.add_argument("--soak", type=float, metavar="MINUTES", help="soak instead of the ramp")
    parse.add_argument("--learners", type=int, default=40, help="seats during a soak")
    parse.add_argument("--report-every", type=float, default=60.0, help="soak report interval (s)")
    parse.add_argument(
        "--warmup",
        type=float,
        help="soak minutes before RSS growth counts (default: a fifth, at most 5)",
    )
    parse.add_argument(
        "--trace-memory",
        type=Path,
        metavar="DIR",
        help="run the server under tracemalloc, a snapshot in DIR every --report-every s "
        "(bench/memory_growth.py compares them)",
    )
    parse.add_argument(
        "--profiles", type=int, default=0, help="other learner profiles in the store first"
    )
    parse.add_argument("--seed", type=int, default=1)
    parse.add_argument("--json", type=Path, help="also write the figures to this file")
    return parse


def _arguments(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parse = parser()
    args, extra = parse.parse_known_args(argv)
    try:
        options = check_options(extra)
    except ValueError as error:
        parse.error(str(error))
    counts = [*args.levels, args.learners, args.slow + 1, args.rounds]
    if not all(1 <= count <= MAX_LEARNERS for count in counts):
        parse.error(f"learners, levels and rounds must be between 1 and {MAX_LEARNERS}")
    if args.soak is not None and not 0 < args.soak <= MAX_SOAK_MINUTES:
        parse.error(f"--soak takes 0 < MINUTES <= {MAX_SOAK_MINUTES:.0f}")
    if args.soak is not None and args.slow:
        parse.error("--slow is for the ramp; a soak has ordinary learners only")
    if min(*args.think, *args.type_pause) < 0 or args.think[0] > args.think[1]:
        parse.error("pauses must be MIN <= MAX, both >= 0")
    return args, options


def _setup(args: argparse.Namespace, server: AppServer, slow_problem: str | None) -> Setup:
    pace = Pace(tuple(args.think), tuple(args.type_pause), args.run_timeout)
    arrival = args.think[1] if args.arrival is None else args.arrival
    return Setup(
        server.url,
        server.pid,
        pace,
        args.rounds,
        arrival,
        args.level_timeout,
        slow_problem,
        args.seed,
    )


async def _warm_up(setup: Setup) -> Recorder:
    """One quick round first, so the cold start (imports, banks, caches) is not K's."""
    recorder = Recorder()
    quick = Pace((0.0, 0.0), (0.0, 0.0), max(setup.pace.run_timeout, 120.0))
    await Learner(WARM_UP, setup.url, quick, recorder, setup.rng(WARM_UP.name)).run()
    if recorder.errors:
        raise ServerFailed(f"the warm-up learner failed: {recorder.errors[0]}")
    first = recorder.times("open")
    print(f"warm-up: first page {first[0]:.1f} s after start" if first else "warm-up done")
    return recorder


async def _ramp(args: argparse.Namespace, setup: Setup) -> list[tuple[LevelResult, Recorder]]:
    await _warm_up(setup)
    levels = []
    for learners in args.levels:
        result, recorder = await run_level(setup, learners, args.slow)
        levels.append((result, recorder))
        print(level_line(result), flush=True)
        if result.errors:
            print(f"{len(result.errors)} learners were dropped: not raising K further")
            break
        if result.submit.p95 > args.stop_p95:
            print(f"p95 {result.submit.p95:.1f} s > {args.stop_p95:.0f} s: not raising K further")
            break
    return levels


def _check_levels(levels: list[tuple[LevelResult, Recorder]], server: AppServer) -> bool:
    stored = stored_answers(server.store_path)
    good = True
    for result, recorder in levels:
        slow = [name for name in result.names if name in recorder.slow_learners]
        usual = [name for name in result.names if name not in recorder.slow_learners]
        result.store = compare(usual, recorder.submitted, stored)
        result.slow_store = compare(slow, recorder.submitted, stored) if slow else None
        for name, answer in result.store.missing_answers:
            said = " / ".join(recorder.said.get((name, answer), ())) or "nothing"
            result.lost.append(f"{name} checked {answer!r}, not stored; the page said: {said}")
        good &= result.store.exactly_once and (
            result.slow_store is None or not result.slow_store.extra
        )
    return good


def _print_ramp(options: list[str], levels: list[LevelResult]) -> None:
    print(f"\nconfiguration: {' '.join(options) or 'default'}")
    print(level_table(levels))
    for line in slow_lines(levels):
        print(line)
    for result in levels:
        for error in result.errors[:3]:
            print(f"  K={result.learners}: {error}")
        for line in result.lost:
            print(f"  K={result.learners}: {line}")


def _soak_report(rows: list[SoakRow], warmup: float) -> dict[str, float]:
    warm = next((row for row in rows if row.minute >= warmup), rows[0])
    end = rows[-1]
    growth = 100.0 * (end.rss_main_mb - warm.rss_main_mb) / warm.rss_main_mb
    print(
        f"\nRSS after warm-up ({warm.minute:.1f} min) {warm.rss_main_mb:.0f} MB, at the end "
        f"{end.rss_main_mb:.0f} MB: growth {growth:+.1f} % (peak {max(r.rss_main_mb for r in rows):.0f} MB)"
    )
    return {"warm_mb": warm.rss_main_mb, "end_mb": end.rss_main_mb, "growth_percent": growth}


def _show_row(row: SoakRow) -> None:
    print(
        f"| {row.minute:5.1f} | {row.active} | {row.submits} | {row.submit_p95:.2f} s "
        f"| {row.cpu_percent:.0f} % | {row.rss_main_mb:.0f} / {row.rss_tree_mb:.0f} MB |",
        flush=True,
    )


def _soak(args: argparse.Namespace, setup: Setup, server: AppServer) -> tuple[dict[str, Any], bool]:
    async def both() -> tuple[list[SoakRow], Recorder, list[str]]:
        await _warm_up(setup)
        print("| minute | learners active | submits | submit p95 | server CPU | RSS main / tree |")
        print("|---|---|---|---|---|---|")
        return await run_soak(setup, args.learners, args.soak, args.report_every, _show_row)

    rows, recorder, names = asyncio.run(both())
    server.stop()
    check = compare(names, recorder.submitted, stored_answers(server.store_path))
    print(
        f"submitted {check.submitted}, stored {check.stored}: {check.missing} missing, {check.extra} extra"
    )
    warmup = min(5.0, args.soak / 5) if args.warmup is None else args.warmup
    summary = _soak_report(rows, warmup) if rows else {}
    data = {
        "soak": [asdict(row) for row in rows],
        "rss": summary,
        "store": asdict(check),
        "errors": recorder.errors,
    }
    return data, check.exactly_once


def _launch(args: argparse.Namespace) -> dict[str, Any]:
    """How to start the server: as it is, or under tracemalloc (``--trace-memory``)."""
    if args.trace_memory is None:
        return {}
    env = {
        "PRACTICE_TRACE_DIR": str(args.trace_memory.resolve()),
        "PRACTICE_TRACE_EVERY": str(args.report_every),
    }
    return {"launcher": (sys.executable, str(_HERE / "loadgen" / "traced.py")), "env": env}


def _measure(
    args: argparse.Namespace, options: list[str], workdir: Path
) -> tuple[dict[str, Any], bool]:
    """Start the server, run the ramp or the soak, stop the server, check the store."""
    slow_problem = answers.slow_problem(ROOT) if args.slow else None
    with AppServer(ROOT, workdir, options, **_launch(args)) as server:
        add_profiles(server.store_path, args.profiles)
        setup = _setup(args, server, slow_problem)
        if args.soak is not None:
            return _soak(args, setup, server)
        levels = asyncio.run(_ramp(args, setup))
        server.stop()  # so the store is read after every write has landed
        good = _check_levels(levels, server)
        _print_ramp(options, [result for result, _ in levels])
        if any(result.errors for result, _ in levels):
            print(f"\nthe server's log ends with:\n{server.log_tail()}")
        return {"levels": [result.as_json() for result, _ in levels]}, good


def main(argv: list[str] | None = None) -> int:
    args, options = _arguments(argv)
    load = os.getloadavg()[0]
    print(
        f"{os.cpu_count()} cores, load average {load:.1f}; options: {' '.join(options) or 'default'}"
    )
    with tempfile.TemporaryDirectory(prefix="capacity-") as workdir:
        try:
            data, good = _measure(args, options, Path(workdir))
        except RuntimeError as error:  # the server, the page or the store: said in one line
            print(f"capacity: {error}", file=sys.stderr)
            return 1
    print("every submission stored exactly once" if good else "STORE CHECK FAILED: see above")
    if args.json is not None:
        figures = {"options": options, "exactly_once": good, **data}
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
