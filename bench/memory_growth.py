"""Where the server's memory went during a soak: its heap report, and what its Python
heap gained between two ``tracemalloc`` snapshots.

``bench/capacity.py --soak M --trace-memory DIR`` leaves a heap report (RSS, glibc's
allocator, SQLite, Python) and a snapshot in DIR every ``--report-every`` seconds
(``bench/loadgen/traced.py``). This prints the report, then compares the snapshot taken
after the warm-up with the last: the traced total of each (what Python allocated and
still holds, next to the RSS the soak printed: the rest is the allocator's and C
libraries'), then the allocation sites whose memory grew most, by the line that
allocated it and by the whole stack, so a growth can be traced to the code that keeps
what it allocated.

Run: ``.venv/bin/python bench/memory_growth.py DIR [--from N] [--to N] [--top N]``
(snapshots numbered from 0 in the order they were taken; by default the second and the
last).
"""

from __future__ import annotations

import argparse
import json
import sys
import tracemalloc
from pathlib import Path

IGNORED = (
    tracemalloc.Filter(False, tracemalloc.__file__),
    tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
    tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
    tracemalloc.Filter(False, "<unknown>"),
)


def _load(path: Path) -> tracemalloc.Snapshot:
    return tracemalloc.Snapshot.load(str(path)).filter_traces(IGNORED)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:+.2f} MB" if size < 0 or size else "0 MB"


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _by_line(old: tracemalloc.Snapshot, new: tracemalloc.Snapshot, top: int) -> None:
    print(f"\n## the {top} lines whose allocations grew most\n")
    for stat in new.compare_to(old, "lineno")[:top]:
        frame = stat.traceback[0]
        print(
            f"{_megabytes(stat.size_diff):>11}  {stat.count_diff:+8d} blocks  "
            f"{_short(frame.filename)}:{frame.lineno}"
        )


def _by_stack(old: tracemalloc.Snapshot, new: tracemalloc.Snapshot, top: int) -> None:
    print(f"\n## the {top} stacks whose allocations grew most\n")
    for stat in new.compare_to(old, "traceback")[:top]:
        print(f"{_megabytes(stat.size_diff)}, {stat.count_diff:+d} blocks:")
        for frame in reversed(stat.traceback):  # innermost last, as in a traceback
            print(f"    {_short(frame.filename)}:{frame.lineno}")


def _heap_lines(folder: Path) -> None:
    """The heap report the traced server wrote beside its snapshots."""
    path = folder / "heap.jsonl"
    if not path.exists():
        return
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if not lines:
        return
    names = [name for name in lines[0] if name != "seconds"]
    print("| minute | " + " | ".join(f"{name} (MB)" for name in names) + " |")
    print("|---|" + "---|" * len(names))
    for line in lines:
        cells = " | ".join(f"{line.get(name, 0):.1f}" for name in names)
        print(f"| {line['seconds'] / 60:.1f} | {cells} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parse = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parse.add_argument("folder", type=Path)
    parse.add_argument("--from", dest="start", type=int, default=1)
    parse.add_argument("--to", dest="end", type=int, default=-1)
    parse.add_argument("--top", type=int, default=15)
    args = parse.parse_args(argv)
    _heap_lines(args.folder)
    snaps = sorted(args.folder.glob("*.snap"))
    if len(snaps) < 2:
        print(f"{args.folder}: fewer than two tracemalloc snapshots to compare", file=sys.stderr)
        return 0 if (args.folder / "heap.jsonl").exists() else 1
    first, last = snaps[min(args.start, len(snaps) - 2)], snaps[args.end]
    old, new = _load(first), _load(last)
    for name, snap in ((first.name, old), (last.name, new)):
        total = sum(stat.size for stat in snap.statistics("filename"))
        print(f"{name}: {total / 2**20:.1f} MB traced")
    _by_line(old, new, args.top)
    _by_stack(old, new, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
