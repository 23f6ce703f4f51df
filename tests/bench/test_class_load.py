"""bench/class_load.py: a smoke run through haproxy against two replicas on a fresh
PostgreSQL schema (3 learners, one round each, short pauses; not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMOKE = [
    "--replicas", "2", "--levels", "3", "--rounds", "1",
    "--think", "0.2", "0.5", "--type-pause", "0.05", "0.2",
]  # fmt: skip


@pytest.mark.postgres
def test_three_learners_through_haproxy_each_submission_stored_once(tmp_path: Path) -> None:
    figures = tmp_path / "class_load.json"
    done = subprocess.run(
        [sys.executable, "bench/class_load.py", *SMOKE, "--json", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(figures.read_text())
    assert report["exactly_once"] is True
    [configuration] = report["configurations"]
    assert configuration["replicas"] == 2
    [level] = configuration["levels"]
    assert level["learners"] == 3 and level["errors"] == []
    assert level["store"]["submitted"] == level["store"]["stored"] == 3
    assert level["store"]["missing"] == level["store"]["extra"] == 0
    assert level["submit"]["count"] == 3 and level["typing"]["count"] == 9
    assert level["cpu_percent"] > 0  # the class server's whole tree: replicas and haproxy
    assert "| 2 | 3 | " in done.stdout and "every submission stored exactly once" in done.stdout
    assert "learners per replica" in done.stdout or "no level" in done.stdout


def test_a_store_other_than_postgresql_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, "bench/class_load.py", "--database-url", "sqlite:///x.sqlite3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "PostgreSQL" in done.stderr
