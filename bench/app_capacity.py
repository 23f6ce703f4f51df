"""The capacity run of ``bench/app.py``: K learners at once against one server.

Each simulated learner is a headless Chromium tab doing the practice loop as fast as
it can: load a problem (a deep link to a fresh variant), type an answer (a wrong one,
so every check is graded and stored), press "Check answer" and wait for the feedback.
Submit → feedback is timed from the click to the verdict on screen. K grows (1, 2,
4, …) until p95 passes a second or the largest K is reached; the figure reported is
the largest K whose p95 stayed under one second. The baseline is K = 1 in the same
run. Known limit: the tabs run on the same machine as the server, so at large K the
browsers' own work counts against the server (a fuller run, with lighter clients,
is planned for ``bench/capacity.py``).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBLEM = "gd-step-given-gradient"
LEVELS = (1, 2, 4, 8)
ROUNDS = 4  # checks per learner at each K
P95_GOAL = 1.0


@dataclass(frozen=True)
class Level:
    learners: int
    samples: tuple[float, ...]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def _learner(browser: object, url: str, number: int, rounds: int) -> list[float]:
    context = await browser.new_context()  # type: ignore[attr-defined]
    page = await context.new_page()
    page.set_default_timeout(60_000)
    times = []
    try:
        for step in range(rounds):
            seed = 1000 * number + step
            await page.goto(f"{url}/practice?learner=Bench{number}&problem={PROBLEM}&seed={seed}")
            await page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]'
            )
            await page.get_by_role("textbox", name="Your answer").fill("123.25, -987.5")
            await page.get_by_text("We read this as").wait_for()
            start = time.perf_counter()
            await page.get_by_role("button", name="Check answer").click()
            await page.get_by_text("Saved, counted as").wait_for()
            times.append(time.perf_counter() - start)
    finally:
        await context.close()
    return times


async def _level(browser: object, url: str, learners: int) -> Level:
    runs = await asyncio.gather(*(_learner(browser, url, n, ROUNDS) for n in range(learners)))
    return Level(learners, tuple(t for run in runs for t in run))


async def _run(chromium: str, url: str) -> list[Level]:
    from playwright.async_api import async_playwright

    levels = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for learners in LEVELS:
                level = await _level(browser, url, learners)
                levels.append(level)
                print(
                    f"  K={learners}: p50 {level.p50 * 1000:.0f} ms, "
                    f"p95 {level.p95 * 1000:.0f} ms ({len(level.samples)} checks)",
                    flush=True,
                )
                if level.p95 >= P95_GOAL:
                    break
        finally:
            await browser.close()
    return levels


def capacity(chromium: str) -> list[Level]:
    """Start one server on a fresh store, run the levels, stop it."""
    with tempfile.TemporaryDirectory() as workdir:
        _add_learners(Path(workdir), max(LEVELS))
        url, process = _serve(Path(workdir))
        try:
            return asyncio.run(_run(chromium, url))
        finally:
            process.terminate()
            process.wait(timeout=20)


def _serve(workdir: Path) -> tuple[str, subprocess.Popen[bytes]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return url, process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit run app.py did not start")


def _add_learners(workdir: Path, count: int) -> None:
    code = (
        "from db import open_store\n"
        "s = open_store()\n"
        f"[s.learner(f'Bench{{n}}') for n in range({count})]\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def held(levels: list[Level]) -> int:
    """The most learners whose p95 submit → feedback stayed under the goal (0: none)."""
    return max((level.learners for level in levels if level.p95 < P95_GOAL), default=0)
