"""Issue 10: four sessions submitting an answer sympy needs minutes to build, over and
over, cannot stall the server: its health endpoint and another learner's submit →
feedback stay under a second while those sessions run.

Reading and grading happen in worker processes with CPU budgets, and sessions whose
answers overrun are set back so that they never hold the last free worker; the
server's own threads only draw. Many samples, each timed from the click to the
feedback on screen in a real browser, on the machine as it is. So that a machine
loaded by others (the development machines are shared, at loads of 10 and more)
cannot fail it while a real stall still does: health probes every 0.1 s, 90 % of
them under a second; the hostile sessions add less than a second to the median
check, against a baseline without them measured first in the same run; nothing at
all over ten seconds (before the workers, the server gave no health answer for
60-132 s). Every figure is printed.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_support import add_learner, start_server, wait_until_idle

SLOW = "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+{k}y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
HOSTILE_PROBLEM = "pd-bowl-partial-x"  # an expression in x and y
PROBLEM = "gd-step-given-gradient"
HOSTILE_SESSIONS = 4
SAMPLES = 12
LIMIT = 1.0
STALL = 10.0  # what the server did before workers: 60-132 s without a health answer


class Health:
    """Polls ``/_stcore/health`` on a thread and keeps the slowest answer."""

    def __init__(self, url: str) -> None:
        self.url = f"{url}/_stcore/health"
        self.times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> Health:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def _poll(self) -> None:
        while not self._stop.wait(0.1):
            start = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=30) as response:
                    response.read()
            except OSError:
                pass  # a refused probe counts as the time it took
            self.times.append(time.monotonic() - start)


def _hostile_tab(browser: Browser, url: str, seed: int) -> Page:
    tab = browser.new_context().new_page()
    tab.goto(f"{url}/practice?learner=Mallory{seed}&problem={HOSTILE_PROBLEM}&seed={seed}")
    wait_until_idle(tab)
    return tab


def _submit_slow(tab: Page, k: int) -> None:
    """Type a fresh variant of the slow answer and press Enter, without waiting."""
    box = tab.get_by_role("textbox", name="Your answer")
    box.fill(SLOW.format(k=k), timeout=5000)
    box.press("Enter", timeout=5000)


def _one_check(tab: Page, url: str, seed: int) -> float:
    """Open a fresh variant, type an answer, and time check → feedback."""
    tab.goto(f"{url}/practice?learner=Ana&problem={PROBLEM}&seed={seed}")
    wait_until_idle(tab)
    box = tab.get_by_role("textbox", name="Your answer")
    box.fill("1, 2")
    expect(tab.get_by_text("We read this as")).to_be_visible()
    wait_until_idle(tab)
    start = time.monotonic()
    tab.get_by_role("button", name="Check answer").click()
    expect(tab.get_by_text("Not right.")).to_be_visible(timeout=60_000)
    return time.monotonic() - start


def test_hostile_sessions_do_not_slow_the_others(
    browser: Browser, tmp_path: Path, page: Page
) -> None:
    with start_server(tmp_path, {"PRACTICE_WORKERS": "2"}) as server:
        add_learner(server.database_url, "Ana")
        for n in range(HOSTILE_SESSIONS):
            add_learner(server.database_url, f"Mallory{n}")
        with Health(server.url) as quiet:
            baseline = [_one_check(page, server.url, 50 + n) for n in range(SAMPLES // 2)]
        tabs = [_hostile_tab(browser, server.url, n) for n in range(HOSTILE_SESSIONS)]
        k = 3
        for _ in range(2):  # each hostile session overruns and is set back
            for tab in tabs:
                k += 1
                _submit_slow(tab, k)
            time.sleep(3)
        checks: list[float] = []
        with Health(server.url) as health:
            for sample in range(SAMPLES):
                for tab in tabs:  # keep them at it
                    k += 1
                    _submit_slow(tab, k)
                checks.append(_one_check(page, server.url, 100 + sample))
        log = server.log_tail(80)
        for tab in tabs:
            tab.context.close()
    print(f"baseline: {[round(t, 2) for t in baseline]}, health slowest {max(quiet.times):.3f}")
    probes = sorted(health.times)
    print(f"submit -> feedback: {[round(t, 2) for t in checks]}")
    print(
        f"health: {len(probes)} probes, p50 {probes[len(probes) // 2]:.3f} s, "
        f"p90 {probes[int(len(probes) * 0.9)]:.3f} s, slowest {probes[-1]:.3f} s"
    )
    assert len(probes) >= 20, log
    assert probes[int(len(probes) * 0.9)] < LIMIT, (probes[-10:], log)
    added = sorted(checks)[len(checks) // 2] - sorted(baseline)[len(baseline) // 2]
    assert added < LIMIT, (checks, baseline, log)
    assert max(probes[-1], *checks) < STALL, (probes[-10:], checks, log)
