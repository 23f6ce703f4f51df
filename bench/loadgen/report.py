"""Figures of one load level and the tables they are printed in (Markdown, so a run's
output can be pasted into docs/capacity.md as it is)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .store import StoreCheck

MB = 1024 * 1024


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1): always one of the measured values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Spread:
    """p50, p95 and max of some timings, in seconds."""

    count: int
    p50: float
    p95: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(
            len(values),
            percentile(values, 0.5),
            percentile(values, 0.95),
            max(values, default=math.nan),
        )

    def text(self, *, with_max: bool = True) -> str:
        if not self.count:
            return "–"
        parts = [self.p50, self.p95, self.max] if with_max else [self.p50, self.p95]
        return " / ".join(f"{value:.2f}" for value in parts) + " s"


@dataclass
class LevelResult:
    """What K simultaneous learners saw and what the server spent on them."""

    learners: int
    slow_learners: int
    submit: Spread
    typing: Spread
    onward: Spread  # "next problem" (or skip) to the next page drawn
    opening: Spread
    slow_submit: Spread
    cpu_percent: float  # server tree, % of one core, over ``window`` seconds
    machine_percent: float  # all processes, % of all cores, over the same window
    window: float
    window_kind: str  # "all present" or "whole level"
    rss_main_mb: float  # peak during the level
    rss_tree_mb: float
    client_cpu_percent: float
    load_before: float
    load_after: float
    skips: int
    errors: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # submissions not stored, with why
    store: StoreCheck | None = None
    slow_store: StoreCheck | None = None
    typing_in_fragment: int = 0  # typing reruns the server ran as a fragment only
    onward_runs: int = 0  # script runs of every "next problem" (and skip), summed
    not_counted: int = 0  # ordinary checks the page said were not counted (not in the check)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("names")
        return data


def _stored(result: LevelResult) -> str:
    if result.store is None:
        return "–"
    check = result.store
    verdict = (
        "exactly once" if check.exactly_once else f"{check.missing} missing, {check.extra} extra"
    )
    return f"{check.submitted} / {check.stored} ({verdict})"


def level_table(results: Sequence[LevelResult]) -> str:
    """The ramp's table, one row per level."""
    rows = [
        "| learners | submit → feedback p50 / p95 / max | typing rerun p50 / p95 / max "
        "| next problem p50 / p95 | server CPU (1 core = 100 %) | machine busy "
        "| RSS main / tree | submitted / stored | errors | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        who = f"{result.learners}" + (
            f" + {result.slow_learners} slow" if result.slow_learners else ""
        )
        rows.append(
            f"| {who} | {result.submit.text()} | {result.typing.text()} "
            f"| {result.onward.text(with_max=False)} | {result.cpu_percent:.0f} % "
            f"| {result.machine_percent:.0f} % | {result.rss_main_mb:.0f} / {result.rss_tree_mb:.0f} MB | {_stored(result)} "
            f"| {len(result.errors)} | {result.load_before:.1f} → {result.load_after:.1f} |"
        )
    return "\n".join(rows)


def slow_lines(results: Sequence[LevelResult]) -> list[str]:
    """The slow learners' own figures, where there were any."""
    lines = []
    for result in results:
        if not result.slow_learners:
            continue
        check = result.slow_store
        kept = f"{check.stored} of {check.submitted} stored, {check.extra} extra" if check else "–"
        lines.append(
            f"- {result.learners} + {result.slow_learners} slow: the slow answers' "
            f"submit → feedback {result.slow_submit.text()}; {kept}"
        )
    return lines


def level_line(result: LevelResult) -> str:
    """A progress line printed as each level ends."""
    return (
        f"K={result.learners}{'+' + str(result.slow_learners) + ' slow' if result.slow_learners else ''}: "
        f"submit {result.submit.text()} ({result.submit.count}), typing {result.typing.text()} "
        f"({result.typing_in_fragment} of {result.typing.count} as a fragment), "
        f"server CPU {result.cpu_percent:.0f} % over {result.window:.0f} s ({result.window_kind}), "
        f"machine {result.machine_percent:.0f} % busy, "
        f"RSS {result.rss_main_mb:.0f} MB, load generator CPU {result.client_cpu_percent:.0f} %, "
        f"skips {result.skips}, not counted by the app {result.not_counted}, "
        f"errors {len(result.errors)}"
    )
