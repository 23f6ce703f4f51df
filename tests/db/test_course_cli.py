"""``python -m practice course …`` on SQLite and PostgreSQL, through ``practice.cli.main``
in this process (the ``cli`` fixture), and once as a process as the operator runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from db import open_store
from practice.people import Identity
from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[2]
ANA = Identity("https://id.example.org", "sub-ana", "Ana Lopez", "ana@example.org")


def test_an_operator_sets_up_a_course(cli: Callable[..., CliRun], db_url: str) -> None:
    made = cli("course", "create", "Calculus II", DATABASE_URL=db_url)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("course 1: Calculus II; join code ")
    code = made.stdout.split()[-1]
    assert cli("course", "code", "calculus ii", DATABASE_URL=db_url).stdout == f"{code}\n"
    assert cli("course", "list", DATABASE_URL=db_url).stdout == f"1\tCalculus II\t{code}\n"

    added = cli("course", "add-instructor", "1", "Ben@example.org", DATABASE_URL=db_url)
    assert added.returncode == 0 and "when they first sign in" in added.stdout
    store = open_store(db_url)
    try:
        ana = store.courses.person(ANA)
        assert store.courses.join(ana.id, code) is not None
    finally:
        store.close()
    members = cli("course", "members", "Calculus II", "--json", DATABASE_URL=db_url)
    rows = json.loads(members.stdout)
    assert [(r["role"], r["name"], r["email"], r["signed_in"]) for r in rows] == [
        ("student", "Ana Lopez", "ana@example.org", True),
        ("instructor", "(invited, not signed in yet)", "ben@example.org", False),
    ]
    plain = cli("course", "members", "1", DATABASE_URL=db_url).stdout
    assert plain.splitlines()[0] == "Calculus II: 2 member(s)"

    rotated = cli("course", "rotate-code", "Calculus II", DATABASE_URL=db_url)
    assert rotated.returncode == 0 and rotated.stdout.strip() not in ("", code)


def test_mistakes_are_one_line_and_exit_1(cli: Callable[..., CliRun], db_url: str) -> None:
    assert cli("course", "create", "Calculus", DATABASE_URL=db_url).returncode == 0
    for args, words in [
        (("create", "calculus"), "already a course"),
        (("create", "  "), "course name"),
        (("code", "Physics"), "no course 'Physics'"),
        (("members", "99"), "no course '99'"),
        (("add-instructor", "Calculus", "nobody"), "not an email"),
    ]:
        result = cli("course", *args, DATABASE_URL=db_url)
        assert result.returncode == 1, args
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_bad_usage_is_2_and_every_action_has_help(
    cli: Callable[..., CliRun], sqlite_url: str
) -> None:
    assert cli("course", DATABASE_URL=sqlite_url).returncode == 2
    assert cli("course", "create", DATABASE_URL=sqlite_url).returncode == 2
    assert cli("course", "rename", "x", DATABASE_URL=sqlite_url).returncode == 2
    for action in ("create", "list", "add-instructor", "code", "rotate-code", "members"):
        shown = cli("course", action, "--help", DATABASE_URL=sqlite_url)
        assert shown.returncode == 0 and "usage: python -m practice course" in shown.stdout


def test_an_unusable_store_is_one_line(cli: Callable[..., CliRun]) -> None:
    result = cli("course", "list", DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert result.returncode == 1 and result.stderr.startswith("error: cannot use the progress")


def test_the_command_runs_as_a_process(sqlite_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url}
    done = subprocess.run(
        [sys.executable, "-m", "practice", "course", "create", "Optimisation"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and "join code" in done.stdout, done.stderr
