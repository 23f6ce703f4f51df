"""Profile one rerun of each practice action on a real ``streamlit run`` server:
typing (the live reading), submit (Check answer) and next problem.

The server runs ``app.py`` on a fresh SQLite store through ``bench/loadgen/profiled.py``,
which puts every script run under ``cProfile`` on the server's script thread and
writes it to a file named by what asked for the run. One simulated learner
(``bench/loadgen``, Streamlit's own websocket protocol) does the practice loop: open
Practice on one typed-answer problem, type an answer in three steps, check it, *Next
problem* (passing over problems without a typed answer). The first rounds warm the
caches and are left out. Prints, per action, the median run (the script thread's CPU
time and wall time, the profiler's overhead included, and the garbage collector's
share) and where the CPU time goes: own time grouped by where the code lives, then the
functions with the most cumulative time per run.

Run: ``.venv/bin/python bench/rerun_profile.py [--rounds N] [--top N] [--problem ID]
[--profiles N] [--server.x V …]`` (``--profiles``: that many other learners in the
store, as on a shared lab machine, for the sidebar's picker to list) (Streamlit options pass through, as in ``bench/capacity.py``;
``PRACTICE_GC_FREEZE=0`` in the environment reaches the server).

Not a test: the figures depend on the machine. docs/capacity.md records them with
what was removed after reading them.
"""

from __future__ import annotations

import argparse
import asyncio
import pstats
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadgen.profiles import add_profiles  # noqa: E402
from bench.loadgen.protocol import AppConnection, Page, Widget  # noqa: E402
from bench.loadgen.server import AppServer, check_options  # noqa: E402

DEFAULT_PROBLEM = "pd-bowl-partial-x"
WARM_ROUNDS = 3
TYPED = ("3", "3 + x", "3 + x/2")
WHERE = (  # (label, path fragments), in the order a function is classified
    ("our pages and helpers", ("/app_pages/", "/ui/", "/app.py")),
    ("the store (SQLAlchemy, SQLite)", ("/db/", "sqlalchemy", "sqlite3")),
    ("waiting for a worker (pipes)", ("multiprocessing/", "selectors.py", "/practice/workers/")),
    ("sympy", ("/sympy/",)),
    ("the core", ("/practice/",)),
    ("Streamlit", ("/streamlit/",)),
    ("protobuf", ("google/protobuf",)),
    ("built-in calls", ("~",)),
)
ACTIONS = (  # (name, what it is, which runs: a file label or its start)
    ("typing", "one edit of the answer: the live reading", ("fragment", "page")),
    ("submit", "Check answer: grade, store, draw the feedback", ("practice_check",)),
    ("next", "Next problem: pick, a new round, draw it (+ its st.rerun)", ("practice_next",)),
)


@dataclass(frozen=True)
class Run:
    path: Path
    number: int
    label: str
    wall_ms: float
    cpu_ms: float
    gc_ms: float

    @classmethod
    def of(cls, path: Path) -> Run:
        number, rest = path.stem.split("-", 1)
        label, wall, cpu, collecting = rest.rsplit("-", 3)
        return cls(path, int(number), label, float(wall), float(cpu), float(collecting))


def _answer_box(page: Page) -> Widget | None:
    return page.find("text_input", key_part="_answer_", label_start="Your answer")


def _button(page: Page, key_part: str, label: str) -> Widget:
    found = page.find("button", key_part=key_part, label_start=label)
    if found is None:
        raise SystemExit(f"no {label!r} button on the page: {page.describe()}")
    return found


async def _sign_in(tab: AppConnection) -> Page:
    page = await tab.open()
    if page.find("button", key_part="next_problem") is not None:
        return page
    name_box = page.find("text_input", key_part="new_name", label_start="Your name")
    create = next((w for w in page.widgets if w.is_form_submitter), None)
    if name_box is None or create is None:
        raise SystemExit(f"no Practice page and no profile form: {page.describe()}")
    return await tab.rerun({name_box: "Profiler"}, trigger=create)


async def drive(url: str, problem: str, rounds: int, marks: list[int], folder: Path) -> None:
    """The loop; ``marks`` gets how many runs were written before the measured rounds."""
    query = urlencode({"learner": "Profiler", "problem": problem, "seed": "1"})
    async with AppConnection(url, "practice", query, run_timeout=120) as tab:
        page = await _sign_in(tab)
        for number in range(WARM_ROUNDS + rounds):
            if number == WARM_ROUNDS:
                await asyncio.sleep(0.5)  # the last run's file is written
                marks.append(len(list(folder.glob("*.prof"))))
            while (box := _answer_box(page)) is None:
                page = await tab.rerun(trigger=_button(page, "next_problem", "Next problem"))
            for text in TYPED:
                page = await tab.rerun({box: f"{number} + {text}"})
                box = _answer_box(page) or box
            check = _button(page, "check", "Check")
            page = await tab.rerun({box: f"{number} + {TYPED[-1]}"}, trigger=check)
            page = await tab.rerun(trigger=_button(page, "next_problem", "Next problem"))
            if page.exceptions:
                raise SystemExit(f"the app drew an error: {page.exceptions[0]}")


def _where(filename: str) -> str:
    for label, fragments in WHERE:
        if any(fragment in filename for fragment in fragments):
            return label
    return "other"


def report(name: str, what: str, runs: list[Run], top: int) -> None:
    print(f"\n## {name}: {what}")
    if not runs:
        print("no runs")
        return
    labels = sorted({run.label for run in runs})
    cpu = [run.cpu_ms for run in runs]
    print(
        f"{len(runs)} runs ({', '.join(labels)}): script thread CPU median "
        f"{statistics.median(cpu):.1f} ms, max {max(cpu):.1f} ms (under the profiler, which "
        f"about doubles it); wall median {statistics.median(r.wall_ms for r in runs):.1f} ms; "
        f"garbage collection {statistics.fmean(run.gc_ms for run in runs):.2f} ms per run"
    )
    stats = pstats.Stats(*(str(run.path) for run in runs))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    count = len(runs)
    own: dict[str, float] = {}
    for (filename, _line, _function), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        own[_where(filename)] = own.get(_where(filename), 0.0) + tottime
    total = sum(own.values()) or 1.0
    print("own time per run by where the code lives: " + ", ".join(
        f"{label} {seconds / count * 1000:.1f} ms ({seconds / total:.0%})"
        for label, seconds in sorted(own.items(), key=lambda item: -item[1])
    ))  # fmt: skip
    print(f"{'cumulative ms/run':>18}  {'calls/run':>9}  function")
    rows = sorted(raw.items(), key=lambda item: -item[1][3])
    shown = 0
    for (filename, line, function), (_cc, calls, _tt, cumulative, _callers) in rows:
        if shown >= top:
            break
        place = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        if function.startswith("<") and function != "<module>" or place == "~":
            continue
        print(f"{cumulative / count * 1000:18.2f}  {calls / count:9.1f}  {place}:{line} {function}")
        shown += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="measured rounds")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--problem", default=DEFAULT_PROBLEM)
    parser.add_argument(
        "--profiles", type=int, default=0, help="other learner profiles in the store"
    )
    args, options = parser.parse_known_args(argv)
    try:
        check_options(options)
    except ValueError as error:
        parser.error(str(error))
    workdir = Path(tempfile.mkdtemp(prefix="rerun-profile-"))
    folder = workdir / "profiles"
    folder.mkdir()
    launcher = (sys.executable, str(ROOT / "bench" / "loadgen" / "profiled.py"))
    marks: list[int] = []
    with AppServer(
        ROOT, workdir, options, launcher=launcher, env={"PRACTICE_PROFILE_DIR": str(folder)}
    ) as server:
        add_profiles(server.store_path, args.profiles)
        asyncio.run(drive(server.url, args.problem, args.rounds, marks, folder))
    runs = sorted((Run.of(path) for path in folder.glob("*.prof")), key=lambda run: run.number)
    measured = runs[marks[0] :]
    print(f"profiles in {folder}; options: {' '.join(options) or 'the project config'}")
    for name, what, labels in ACTIONS:
        chosen = [run for run in measured if run.label.startswith(labels)]
        report(name, what, chosen, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
