"""The ``python -m practice`` entry point: usage errors and closed pipes end quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_closed_stdout_pipe_prints_no_traceback() -> None:
    # `preview … | head -0`: the reader has gone before we write a byte.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "practice", "preview", "gd-step-given-gradient", "--seed", "1"],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "practice", "frobnicate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid choice" in result.stderr


def test_an_ascii_only_output_gets_escapes_not_a_traceback() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "practice",
            "preview",
            "gd-step-given-gradient",
            "--seed",
            "1",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("ascii")
    assert "\\u" in text
    assert json.loads(text)["id"] == "gd-step-given-gradient"
