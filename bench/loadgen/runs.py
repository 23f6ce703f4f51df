"""A load level (K learners arriving, each doing a few rounds, then leaving) and a soak
(learners coming and going for a fixed time), with the server's usage sampled beside.

Every level and the soak are bounded: a learner does a fixed number of rounds, every
run has a timeout, a level has a wall-clock limit after which its learners are
cancelled, and a soak stops taking new visits at its deadline.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from .learner import Learner, Pace, Plan, Recorder
from .report import MB, LevelResult, Spread
from .server import Usage, read_usage

SAMPLE_EVERY = 1.0  # seconds between readings of the server's /proc
MIN_WINDOW = 5.0  # shorter than this, the "all learners present" window is not used


@dataclass(frozen=True)
class Setup:
    """What every level of one run shares."""

    url: str
    server_pid: int
    pace: Pace
    rounds: int
    arrival: float  # a level's learners arrive spread over this many seconds
    level_timeout: float
    slow_problem: str | None
    seed: int

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}-{name}")


class UsageLog:
    """Reads the server's usage every second while open (``async with``)."""

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self.readings: list[Usage] = []
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> UsageLog:
        self.readings.append(read_usage(self._pid))
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
        self.readings.append(read_usage(self._pid))

    async def _sample(self) -> None:
        while True:
            await asyncio.sleep(SAMPLE_EVERY)
            self.readings.append(read_usage(self._pid))

    def cpu_percent(self, start: float, end: float) -> float:
        """The tree's CPU between the readings nearest ``start`` and ``end``."""
        inside = [u for u in self.readings if start <= u.at <= end] or self.readings
        first, last = inside[0], inside[-1]
        if last.at <= first.at:
            return 0.0
        return 100.0 * (last.cpu_seconds - first.cpu_seconds) / (last.at - first.at)

    def machine_percent(self, start: float, end: float) -> float:
        """How busy the whole machine was (all cores = 100 %), neighbours included."""
        inside = [u for u in self.readings if start <= u.at <= end] or self.readings
        first, last = inside[0], inside[-1]
        total = last.machine_total - first.machine_total
        return 100.0 * (last.machine_busy - first.machine_busy) / total if total else 0.0

    def peak(self, start: float, end: float) -> Usage:
        inside = [u for u in self.readings if start <= u.at <= end] or self.readings
        return max(inside, key=lambda usage: usage.rss_main)

    def latest(self) -> Usage:
        return self.readings[-1]


async def _after(delay: float, work: Coroutine[Any, Any, None]) -> None:
    await asyncio.sleep(delay)
    await work


async def _finish(tasks: list[asyncio.Task[None]], timeout: float, recorder: Recorder) -> None:
    """Wait for the learners; a benchmark fault (``PageChanged``) stops them all and
    propagates; learners still busy at the timeout are cancelled and reported."""
    done, pending = await asyncio.wait(tasks, timeout=timeout, return_when=asyncio.FIRST_EXCEPTION)
    failed = next((task for task in done if task.exception() is not None), None)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
    if failed is not None:
        raise failed.exception()  # type: ignore[misc]
    if pending:
        recorder.errors.append(f"{len(pending)} learners still busy after {timeout:.0f} s, stopped")


def _window(recorder: Recorder, start: float, end: float) -> tuple[float, float, str]:
    """From the last arrival to the first departure, when every learner was there."""
    if recorder.started and len(recorder.started) == len(recorder.finished):
        first_gone = min(recorder.finished.values())
        last_in = max(recorder.started.values())
        if first_gone - last_in >= MIN_WINDOW:
            return last_in, first_gone, "all present"
    return start, end, "whole level"


async def run_level(setup: Setup, learners: int, slow: int) -> tuple[LevelResult, Recorder]:
    """K learners (and ``slow`` slow ones among them) arrive, practise, leave."""
    recorder = Recorder()
    tag = f"k{learners}" + (f"s{slow}" if slow else "")
    plans = [Plan(f"cap-{tag}-{i:03d}", setup.rounds) for i in range(learners)]
    plans += [Plan(f"cap-{tag}-slow-{i}", setup.rounds, setup.slow_problem) for i in range(slow)]
    random.Random(setup.seed).shuffle(plans)
    load_before, client_before, start = os.getloadavg()[0], time.process_time(), time.monotonic()
    async with UsageLog(setup.server_pid) as usage:
        tasks = [
            asyncio.create_task(
                _after(
                    setup.arrival * index / len(plans),
                    Learner(plan, setup.url, setup.pace, recorder, setup.rng(plan.name)).run(),
                )
            )
            for index, plan in enumerate(plans)
        ]
        await _finish(tasks, setup.level_timeout, recorder)
    end = time.monotonic()
    window_start, window_end, window_kind = _window(recorder, start, end)
    peak = usage.peak(start, end)
    return LevelResult(
        learners=learners,
        slow_learners=slow,
        submit=Spread.of(recorder.times("submit")),
        typing=Spread.of(recorder.times("type")),
        onward=Spread.of(recorder.times("next") + recorder.times("skip")),
        opening=Spread.of(recorder.times("open") + recorder.times("profile")),
        slow_submit=Spread.of(recorder.times("submit", slow=True)),
        cpu_percent=usage.cpu_percent(window_start, window_end),
        machine_percent=usage.machine_percent(window_start, window_end),
        window=window_end - window_start,
        window_kind=window_kind,
        rss_main_mb=peak.rss_main / MB,
        rss_tree_mb=peak.rss_tree / MB,
        client_cpu_percent=100.0 * (time.process_time() - client_before) / (end - start),
        load_before=load_before,
        load_after=os.getloadavg()[0],
        skips=recorder.skips,
        not_counted=recorder.not_counted,
        errors=recorder.errors,
        names=[plan.name for plan in plans],
        typing_in_fragment=sum(
            1 for s in recorder.samples if s.what == "type" and not s.slow and s.fragment
        ),
        onward_runs=sum(s.runs for s in recorder.samples if s.what in ("next", "skip")),
    ), recorder


@dataclass(frozen=True)
class SoakRow:
    """One reporting interval of a soak."""

    minute: float
    active: int
    submits: int
    submit_p95: float
    cpu_percent: float
    rss_main_mb: float
    rss_tree_mb: float


async def run_soak(
    setup: Setup,
    learners: int,
    minutes: float,
    every: float,
    show: Callable[[SoakRow], None],
) -> tuple[list[SoakRow], Recorder, list[str]]:
    """``learners`` seats, each a visit after another (a new learner, 2–6 rounds, then
    a pause), so sessions keep opening and closing. Each visit is a new profile: a name
    that came back would, after some dozens of problems, be recommended only the
    multiple-choice and self-check problems the loop passes over."""
    recorder, stop = Recorder(), asyncio.Event()
    names: list[str] = []
    active = [0]
    start = time.monotonic()
    deadline = start + 60.0 * minutes

    async def seat(index: int) -> None:
        rng = setup.rng(f"seat-{index}")
        await asyncio.sleep(setup.arrival * index / learners)
        while time.monotonic() < deadline:
            names.append(f"soak-{len(names):04d}")
            plan = Plan(names[-1], rng.randint(2, 6))
            active[0] += 1
            try:
                await Learner(plan, setup.url, setup.pace, recorder, setup.rng(plan.name)).run(stop)
            finally:
                active[0] -= 1
            await asyncio.sleep(rng.uniform(0, setup.pace.think[1]))

    rows: list[SoakRow] = []
    async with UsageLog(setup.server_pid) as usage:
        seats = [asyncio.create_task(seat(index)) for index in range(learners)]
        mark = start
        while time.monotonic() < deadline:
            await asyncio.sleep(min(every, max(0.0, deadline - time.monotonic())))
            now = time.monotonic()
            rows.append(_soak_row(recorder, usage, mark, now, start, active[0]))
            show(rows[-1])
            mark = now
            if any(seat.done() for seat in seats):
                break  # a seat ends early only on a fault of the benchmark: say it now
        stop.set()
        await _finish(seats, 6 * setup.pace.run_timeout + setup.pace.think[1], recorder)
    return rows, recorder, names


def _soak_row(
    recorder: Recorder, usage: UsageLog, since: float, now: float, start: float, active: int
) -> SoakRow:
    submits = [s.seconds for s in recorder.samples if s.what == "submit" and since < s.ended <= now]
    peak = usage.latest()
    return SoakRow(
        minute=(now - start) / 60.0,
        active=active,
        submits=len(submits),
        submit_p95=Spread.of(submits).p95,
        cpu_percent=usage.cpu_percent(since, now),
        rss_main_mb=peak.rss_main / MB,
        rss_tree_mb=peak.rss_tree / MB,
    )
