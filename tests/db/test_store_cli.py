"""``python -m practice export`` and ``db upgrade``: through ``practice.cli.main`` in this
process (fast), and once end to end as a user would run them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import open_store
from db.migrate import head_revision
from practice.cli import main
from practice.grading.results import TestResult
from practice.session import Attempt

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 2, 1, 7, 0, tzinfo=UTC)


def practice(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "practice", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def fill(url: str) -> None:
    store = open_store(url)
    ana = store.learner("Ana")
    other = store.learner("Bea")
    answers = ["2x", 'say "hi", then\nnewline', "√2 · π"]
    for i, answer in enumerate(answers):
        store.record_attempt(
            ana.id,
            Attempt(
                problem_id=f"p{i}",
                topic="gradients",
                level="A",
                kind="expression",
                seed=i,
                answer=answer,
                read_as=None if i else "2 x",
                correct=i == 0,
                score=float(i == 0),
                mistake=None if i == 0 else "sign-error",
                seconds=4.5,
            ),
            when=T0 + timedelta(minutes=i),
        )
    store.record_attempt(
        other.id,
        Attempt(
            problem_id="p0",
            topic="gradients",
            level="A",
            kind="expression",
            seed=1,
            answer="x",
            read_as="x",
            correct=False,
            score=0.0,
        ),
        when=T0,
    )
    store.close()


def test_export_csv_has_one_row_per_attempt(db_url: str) -> None:
    fill(db_url)
    done = practice(db_url, "export", "--learner", " ana ", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [row["answer"] for row in rows] == ["2x", 'say "hi", then\nnewline', "√2 · π"]
    assert {row["learner"] for row in rows} == {"Ana"}
    assert rows[0]["created_at"] == T0.isoformat() and rows[0]["correct"] == "True"
    assert rows[1]["read_as"] == "" and rows[1]["mistake"] == "sign-error"


def test_export_json_is_a_list_of_objects(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_url)
    status, out, err = run(
        monkeypatch, capsys, db_url, "export", "--learner", "Ana", "--format", "json"
    )
    assert status == 0, err
    rows = json.loads(out)
    assert len(rows) == 3 and rows[2]["answer"] == "√2 · π"
    assert rows[0]["correct"] is True and rows[1]["read_as"] is None
    assert set(rows[0]) >= {"problem_id", "seed", "answer", "correct", "score", "created_at"}


def test_export_default_format_is_csv(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_url)
    status, out, _ = run(monkeypatch, capsys, db_url, "export", "--learner", "Bea")
    assert status == 0 and len(out.strip().splitlines()) == 2


def test_unknown_learner_is_a_clear_error(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_url)
    for name in ["Nobody", "", "x" * 5000, "\x07", "\x00"]:
        status, out, err = run(monkeypatch, capsys, db_url, "export", "--learner", name)
        assert (status, out) == (1, "")
        assert err.startswith("error: no learner named") and err.count("\n") == 1


def test_db_upgrade_creates_and_migrates_the_store(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(monkeypatch, capsys, db_url, "db", "upgrade")
    assert status == 0, err
    assert f"revision {head_revision()}" in out
    assert run(monkeypatch, capsys, db_url, "db", "upgrade")[0] == 0


def test_unreachable_store_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    for url in [
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
        "nosuchdb://x",
        f"sqlite:///{blocked}/store.sqlite3",
    ]:
        for args in (["export", "--learner", "Ana"], ["db", "upgrade"]):
            status, out, err = run(monkeypatch, capsys, url, *args)
            assert (status, out) == (1, "")
            assert err.startswith("error: cannot use the progress store") and err.count("\n") == 1


def test_unknown_learner_end_to_end(sqlite_url: str) -> None:
    done = practice(sqlite_url, "export", "--learner", "Nobody", "--format", "json")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == "error: no learner named 'Nobody'"


def test_a_store_from_a_newer_version_is_one_line(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlalchemy

    assert run(monkeypatch, capsys, sqlite_url, "db", "upgrade")[0] == 0
    engine = sqlalchemy.create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for args in (["export", "--learner", "Ana"], ["db", "upgrade"]):
        status, out, err = run(monkeypatch, capsys, sqlite_url, *args)
        assert (status, out) == (1, "")
        assert err == (
            "error: cannot use the progress store (cannot migrate it: Can't locate revision "
            "identified by '9999'; was it made by a newer version?)\n"
        )


def test_export_shows_a_code_attempts_tests(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db_url)
    cleo = store.learner("Cleo")
    tests = (TestResult("test 1", True, "got (2, 1)"), TestResult("test 2", False, "expected 1"))
    code = Attempt("p9", "ml-gradients", "C", "code", 3, "def g(): ...\n", None, False, 0.5)
    store.record_attempt(cleo.id, replace(code, tests=tests), when=T0)
    store.close()
    status, out, err = run(
        monkeypatch, capsys, db_url, "export", "--learner", "Cleo", "--format", "json"
    )
    assert status == 0, err
    (row,) = json.loads(out)
    assert row["answer"] == "def g(): ...\n"
    assert row["tests"] == [
        {"name": "test 1", "passed": True, "message": "got (2, 1)"},
        {"name": "test 2", "passed": False, "message": "expected 1"},
    ]
    status, out, err = run(monkeypatch, capsys, db_url, "export", "--learner", "Cleo")
    (line,) = list(csv.DictReader(io.StringIO(out)))
    assert json.loads(line["tests"])[1]["passed"] is False
