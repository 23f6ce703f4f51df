"""bench/memory_growth.py and the traced launcher's heap figures: a growth made on
purpose between two real tracemalloc snapshots is found at the line that made it."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from bench import memory_growth
from bench.loadgen.traced import heap_figures

_kept: list[bytes] = []


def _grow() -> None:
    _kept.extend(bytes(1000) + bytes([i % 256]) for i in range(3000))  # the growth


def test_the_growth_is_traced_to_the_line_that_kept_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracemalloc.start(4)
    try:
        tracemalloc.take_snapshot().dump(str(tmp_path / "000-000001.snap"))
        _grow()
        tracemalloc.take_snapshot().dump(str(tmp_path / "001-000002.snap"))
    finally:
        tracemalloc.stop()
        _kept.clear()
    (tmp_path / "heap.jsonl").write_text(json.dumps({"seconds": 60, **heap_figures()}) + "\n")
    assert memory_growth.main([str(tmp_path), "--from", "0", "--top", "3"]) == 0
    out = capsys.readouterr().out
    first_line = out.split("lines whose allocations grew most")[1].splitlines()[2]
    assert "test_memory_growth.py" in first_line and "+2.9" in first_line  # 3,000 kB
    assert "| 1.0 | " in out and "rss (MB)" in out


def test_heap_figures_say_where_the_memory_is() -> None:
    figures = heap_figures()
    assert figures["rss"] > 10
    assert 0 < figures["malloc_in_use"] < figures["rss"] * 2  # glibc's, on Debian
    assert figures["sqlite"] >= 0
    assert "python_traced" not in figures  # only while tracemalloc runs
