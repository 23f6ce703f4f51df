"""The command line's promises (../shared/contracts.md §1-2) with odd arguments and odd
environments: exit 2 for bad usage, exit 1 with one clear line for input that is wrong,
never a traceback; and the same behaviour from any working folder. Runs in this process
(``main``, ``cli``) but for two smoke tests that start one: from another folder, and
without a database driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from practice.cli import main
from tests.conftest import CliRun

Cli = Callable[..., CliRun]

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
topic: good-topic
title: Good
problems:
  - id: good-one
    level: A
    kind: number
    prompt: What is 1 + 1?
    hints: [Add.]
    answer: {value: 2}
    fixed: true
"""


def in_a_process(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "practice", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("preview", "good-one", "--seed", "-1"), "must be between 0 and"),
        (("preview", "good-one", "--seed", "1.5"), "not a whole number: '1.5'"),
        (("preview", "good-one", "--seed", "1_000"), "not a whole number"),
        (("preview", "good-one", "--seed", "\u0663"), "not a whole number"),  # Arabic-Indic 3
        (("preview", "good-one", "--seed", "99999999999999999999"), "must be between 0 and"),
        (("preview", "good-one", "--seed", "9" * 5000), "too large: '999"),
        (("check", "good-one", "--seed", "x", "2"), "not a whole number: 'x'"),
        (("check", "good-one", "--seed", "1"), "required: ANSWER"),
        (("validate", ""), "PATH must not be empty"),
        (("validate", "--variants", "0"), "must be between 1 and 10000"),
        (("validate", "--time-limit", "0"), "must be more than 0"),
        (("validate", "--time-limit", "soon"), "not a number of seconds: 'soon'"),
        (("export", "--learner", "ana", "--format", "xml"), "invalid choice: 'xml'"),
        (("export",), "required: --learner"),
        (("db",), "required: ACTION"),
        (("list", "--bogus"), "unrecognized arguments: --bogus"),
    ],
)
def test_bad_usage_is_exit_2_with_one_error_line(
    banks: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    monkeypatch.setenv("PRACTICE_BANKS", str(banks))
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    error = err.strip().splitlines()[-1]
    assert message in error and len(error) < 300


@pytest.mark.parametrize("seed", ["0", "9223372036854775807", " 7 "])
def test_seeds_at_the_edges_work(
    banks: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seed: str
) -> None:
    monkeypatch.setenv("PRACTICE_BANKS", str(banks))
    assert main(["preview", "good-one", "--seed", seed, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == int(seed)


def test_unknown_id_says_when_the_banks_did_not_load(tmp_path: Path, cli: Cli) -> None:
    done = cli("preview", "good-one", PRACTICE_BANKS=str(tmp_path / "missing"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "unknown problem `good-one`; `python -m practice list` shows them all "
        "(1 bank error: run `python -m practice validate`)"
    ]
    listed = cli("list", PRACTICE_BANKS=str(tmp_path / "missing"))
    assert listed.returncode == 0 and listed.stdout == ""
    assert listed.stderr == "1 bank error: run `python -m practice validate`\n"


def test_check_of_an_unknown_id_and_an_empty_answer(banks: Path, cli: Cli) -> None:
    unknown = cli("check", "good-on", "--seed", "1", "2", PRACTICE_BANKS=str(banks))
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("unknown problem `good-on` (did you mean `good-one`?)")
    assert len(unknown.stderr.splitlines()) == 1
    empty = cli("check", "good-one", "--seed", "1", "", PRACTICE_BANKS=str(banks))
    assert empty.returncode == 0  # graded: an answer that cannot be read
    result = json.loads(empty.stdout)
    assert result["correct"] is False and result["error"]


def test_practice_banks_with_empty_and_missing_entries(
    banks: Path, tmp_path: Path, cli: Cli
) -> None:
    # Empty entries are skipped; a missing folder is an error, the others still load.
    done = cli("validate", PRACTICE_BANKS=f":{banks}::{tmp_path / 'missing'}:")
    assert done.returncode == 1
    assert done.stdout.splitlines()[:2] == [
        f"{tmp_path / 'missing'}:1: -: no such file or folder",
        "1 bank, 1 problem, 1 error",
    ]
    # Only empty entries: the default folder, as when it is unset.
    assert cli("list", "--json", PRACTICE_BANKS=" : ").stdout == cli("list", "--json").stdout


def test_same_answers_from_another_working_folder(banks: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(ROOT)}
    here = in_a_process("preview", "gd-step-given-gradient", "--seed", "3", "--json")
    there = in_a_process(
        "preview", "gd-step-given-gradient", "--seed", "3", "--json", cwd=elsewhere, **env
    )
    assert here.returncode == there.returncode == 0
    assert here.stdout == there.stdout
    validated = in_a_process("validate", "--variants", "2", cwd=elsewhere, **env)
    assert validated.returncode == 0 and "no errors" in validated.stdout
    # Bank paths given relative to that folder are found and shown relative to it.
    (elsewhere / "mine.yaml").write_text(
        GOOD.replace("good-one", "mine").replace("topic: good-topic", "topic: x: y")
    )
    broken = in_a_process("validate", "mine.yaml", cwd=elsewhere, **env)
    assert broken.returncode == 1
    assert broken.stdout.startswith("mine.yaml:1: -: YAML syntax error")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("bogus", "Could not parse SQLAlchemy URL"),
        ("mysql://someone@nowhere/db", "no driver installed for this kind of database URL"),
        ("nosuchdialect://x", "Can't load plugin"),
        ("postgresql+psycopg://postgres:secret@127.0.0.1:1/x", "connection failed"),
    ],
)
@pytest.mark.parametrize("command", [("db", "upgrade"), ("export", "--learner", "ana")])
def test_a_bad_database_url_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    reason: str,
    command: tuple[str, ...],
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(list(command)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("error: cannot use the progress store (") and reason in line
    assert "secret" not in line


def test_a_missing_database_driver_is_no_traceback() -> None:
    done = in_a_process("db", "upgrade", DATABASE_URL="mysql://someone@nowhere/db")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: cannot use the progress store (no driver installed")
    assert len(done.stderr.splitlines()) == 1


def test_a_store_that_is_not_a_database(tmp_path: Path, cli: Cli) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("just text\n" * 100)
    done = cli("export", "--learner", "ana", DATABASE_URL=f"sqlite:///{not_a_db}")
    assert done.returncode == 1
    assert done.stderr == "error: cannot use the progress store (file is not a database)\n"
