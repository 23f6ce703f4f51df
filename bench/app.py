"""Benchmark the Streamlit app: cold start to first page, and submit → feedback.

Goals (issue 5): first page served under 3 s from a cold start; feedback under
150 ms at the median. Every figure is printed next to a baseline measured in the
same run on the same machine:

- ``cold-start``: ``streamlit run app.py`` as a subprocess, timed from launch to
  (a) ``/_stcore/health`` answering (the server is up) and (b) the first page's
  script having finished in headless Chromium (``data-test-script-state`` is
  ``notRunning``: the page is served and drawn). The baseline is the same for a
  one-line ``st.write("hello")`` app — what Streamlit itself costs.
- ``first-run``: AppTest's first run of ``app.py`` on the Explore page in a fresh
  Python process (imports, store, the page), against AppTest's first run of the
  one-line app. Server-side only, no browser.
- ``submit-feedback``: server-side time from submitting an answer to the feedback
  being drawn (AppTest ``run()`` after the answer is entered), against a rerun of
  the same page with nothing submitted.

- ``capacity``: K learners (headless Chromium tabs) doing the practice loop at once
  against one ``streamlit run`` server, K = 1, 2, 4, 8 until p95 submit → feedback
  passes a second: p50/p95 per K, and how many learners one server holds at p95 < 1 s
  (``bench/app_capacity.py``). The baseline is one learner alone.

Run: ``.venv/bin/python bench/app.py [--repeats N] [--only NAME ...]``

Adding a measurement: write a function returning a ``Measurement`` and add it to
``MEASUREMENTS``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.plain.navigation import EXPLORE, PRACTICE  # noqa: E402

HELLO_APP = 'import streamlit as st\nst.write("hello")\n'
START_TIMEOUT = 120.0


@dataclass
class Measurement:
    """Samples (seconds) of one thing, with its same-run baseline and goal."""

    name: str
    what: str
    samples: list[float]
    baseline: list[float] = field(default_factory=list)
    baseline_what: str = ""
    goal: float | None = None  # seconds, compared with the median
    note: str = ""

    def report(self) -> str:
        lines = [f"{self.name}: {self.what}"]
        if not self.samples:
            lines.append(f"  not measured: {self.note}")
            return "\n".join(lines)
        median = statistics.median(self.samples)
        spread = f"min {min(self.samples) * 1000:.0f} ms, max {max(self.samples) * 1000:.0f} ms"
        lines.append(f"  median {median * 1000:.0f} ms  ({len(self.samples)} runs; {spread})")
        if self.baseline:
            base = statistics.median(self.baseline)
            lines.append(
                f"  baseline {base * 1000:.0f} ms ({self.baseline_what}); "
                f"ratio {median / base:.2f}×, extra {1000 * (median - base):.0f} ms"
            )
        if self.goal is not None:
            verdict = "meets" if median < self.goal else "MISSES"
            lines.append(f"  goal < {self.goal * 1000:.0f} ms: {verdict}")
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)


# --- cold start of `streamlit run` ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _chromium() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )


def _time_server_start(
    script: Path, workdir: Path, browser: object | None
) -> tuple[float, float | None]:
    """Seconds from launching ``streamlit run script`` to health, and to the first page drawn."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=script.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not _healthy(url):
            if process.poll() is not None or time.perf_counter() - started > START_TIMEOUT:
                raise RuntimeError(f"streamlit run {script.name} did not start")
            time.sleep(0.02)
        healthy = time.perf_counter() - started
        drawn = None
        if browser is not None:
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(url)
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]',
                timeout=START_TIMEOUT * 1000,
            )
            drawn = time.perf_counter() - started
            page.close()
        return healthy, drawn
    finally:
        process.terminate()
        process.wait(timeout=20)


def cold_start(repeats: int) -> list[Measurement]:
    chromium = _chromium()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hello = work / "hello_app.py"
        hello.write_text(HELLO_APP, encoding="utf-8")
        runs: dict[str, list[tuple[float, float | None]]] = {"app": [], "hello": []}

        def measure(browser: object | None) -> None:
            for i in range(repeats):  # interleaved, so both see the same machine load
                runs["hello"].append(_time_server_start(hello, work / f"h{i}", browser))
                runs["app"].append(
                    _time_server_start(ROOT / "app.py", _fresh(work / f"a{i}"), browser)
                )

        if chromium is None:
            measure(None)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium, headless=True,
                    args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
                )  # fmt: skip
                measure(browser)
                browser.close()

    results = [
        Measurement(
            "cold-start/health",
            "`streamlit run app.py` launch → /_stcore/health answers",
            [h for h, _ in runs["app"]],
            [h for h, _ in runs["hello"]],
            "the one-line app",
        )
    ]
    drawn = [d for _, d in runs["app"] if d is not None]
    results.append(
        Measurement(
            "cold-start/first-page",
            "launch → first page's script finished in headless Chromium (fresh store)",
            drawn,
            [d for _, d in runs["hello"] if d is not None],
            "the one-line app",
            goal=3.0,
            note="" if drawn else "no chromium on this machine",
        )
    )
    results.append(
        Measurement(
            "cold-start/page-after-health",
            "server up → first page drawn (the first script run plus the browser's own load)",
            [d - h for h, d in runs["app"] if d is not None],
            [d - h for h, d in runs["hello"] if d is not None],
            "the one-line app",
            note="" if drawn else "no chromium on this machine",
        )
    )
    return results


def _fresh(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- AppTest first run in a fresh process ---------------------------------------------

_FIRST_RUN = """
import sys, time
t0 = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
if len(sys.argv) > 2:
    at.switch_page(sys.argv[2]).run()
assert not at.exception, at.exception
print(time.perf_counter() - t0)
"""


def _first_run(script: Path, page: str | None, workdir: Path) -> float:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
    args = [sys.executable, "-c", _FIRST_RUN, str(script), *([page] if page else [])]
    out = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def first_run(repeats: int) -> list[Measurement]:
    app, hello = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hello_script = work / "hello_app.py"
        hello_script.write_text(HELLO_APP, encoding="utf-8")
        for i in range(repeats):
            hello.append(_first_run(hello_script, None, _fresh(work / f"h{i}")))
            app.append(_first_run(ROOT / "app.py", EXPLORE.path, _fresh(work / f"a{i}")))
    return [
        Measurement(
            "first-run",
            "fresh process: import AppTest, run app.py, switch to Explore (AppTest, no browser)",
            app,
            hello,
            "AppTest first run of the one-line app",
        )
    ]


# --- submit → feedback (Practice page) ------------------------------------------------


BENCH_PROBLEM = ("gd-step-given-gradient", 1)  # a vector answer with a named mistake
BENCH_ANSWERS = ("1, 2", "3, 4")  # wrong for every variant, so each one is graded and stored


def submit_feedback(repeats: int) -> list[Measurement]:
    """AppTest on the Practice page; per sample, a new variant of the problem is drawn
    ("Next variant", untimed) and an answer typed (its live reading run, untimed), then
    the run that clicks "Check answer" is timed: grade (the variant's first grading, so
    its mistake candidates are worked out then), store the attempt with its FSRS
    update, draw the feedback. A second figure re-checks the same variant (candidates
    already known). Baseline: the same page rerun with nothing submitted."""
    samples = max(repeats, 20)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        at = _practice_app()
        first, again, rerun = [], [], []
        for i in range(samples + 1):  # the first round warms caches and is dropped
            at.button(key="practice_next_variant").click().run()
            first_time = _timed_submission(at, BENCH_ANSWERS[0])
            again_time = _timed_submission(at, BENCH_ANSWERS[1])
            started = time.perf_counter()
            at.run()
            rerun_time = time.perf_counter() - started
            if i:
                first.append(first_time)
                again.append(again_time)
                rerun.append(rerun_time)
        _check_stored(2 * (samples + 1))
    baseline = "a rerun of the same page with nothing submitted"
    return [
        Measurement(
            "submit-feedback",
            "AppTest: answer to a new variant submitted → graded, stored, feedback drawn",
            first,
            rerun,
            baseline,
            goal=0.150,
        ),
        Measurement(
            "submit-feedback/again",
            "AppTest: a second answer to the same variant (mistake candidates known)",
            again,
            rerun,
            baseline,
            goal=0.150,
        ),
    ]


def _timed_submission(at: Any, answer: str) -> float:
    """Type ``answer`` into the current variant's box (untimed), then time "Check"."""
    from ui.answer_box import answer_key
    from ui.practice_flow import Desk

    desk = Desk("practice")
    current = at.session_state[desk.round_key]
    at.text_input(key=answer_key(desk.name, current.problem_id, current.seed)).input(answer).run()
    started = time.perf_counter()
    at.button(key=desk.check_key).click().run()
    elapsed = time.perf_counter() - started
    assert not at.exception, at.exception
    assert at.session_state[desk.round_key].attempts == current.attempts + 1, "not graded"
    assert at.error or at.warning or at.success, "the submission drew no feedback"
    return elapsed


def _practice_app() -> Any:
    """app.py on the Practice page for a new learner, on one fixed variant."""
    from streamlit.testing.v1 import AppTest

    from db import open_store

    open_store().learner("Bench")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    problem, seed = BENCH_PROBLEM
    at.query_params.update({"learner": "Bench", "problem": problem, "seed": str(seed)})
    at.run()
    at.switch_page(PRACTICE.path).run()
    assert not at.exception, at.exception
    return at


def _check_stored(expected: int) -> None:
    """Every timed submission really was stored (not only drawn)."""
    from db import open_store

    store = open_store()
    try:
        learner = store.find_learner("Bench")
        assert learner is not None and len(store.attempts(learner.id)) == expected
    finally:
        store.close()


def capacity(repeats: int) -> list[Measurement]:
    """K learners at once against one server (``bench/app_capacity.py``)."""
    from bench.app_capacity import P95_GOAL, held
    from bench.app_capacity import capacity as run_levels

    chromium = _chromium()
    if chromium is None:
        return [Measurement("capacity", "K learners at once", [], note="no chromium here")]
    levels = run_levels(chromium)
    top = levels[-1]
    return [
        Measurement(
            "capacity",
            f"submit → feedback with {top.learners} learners practising at once "
            f"(p95 {top.p95 * 1000:.0f} ms)",
            list(top.samples),
            list(levels[0].samples),
            "one learner alone",
            note=f"one server holds {held(levels)} learners at p95 < {P95_GOAL:g} s "
            f"(tried K = {', '.join(str(level.learners) for level in levels)})",
        )
    ]


MEASUREMENTS: dict[str, Callable[[int], list[Measurement]]] = {
    "cold-start": cold_start,
    "first-run": first_run,
    "submit-feedback": submit_feedback,
    "capacity": capacity,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="samples per measurement")
    parser.add_argument("--only", nargs="+", choices=sorted(MEASUREMENTS), help="run only these")
    args = parser.parse_args(argv)
    for name in args.only or MEASUREMENTS:
        for measurement in MEASUREMENTS[name](args.repeats):
            print(measurement.report(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
