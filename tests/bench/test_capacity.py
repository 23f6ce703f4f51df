"""bench/capacity.py: a smoke run against a real ``streamlit run`` (3 learners, one
round each, short pauses; not timed), and the pieces that decide what it reports."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.loadgen.learner import PageChanged
from bench.loadgen.protocol import Page, Widget
from bench.loadgen.report import percentile
from bench.loadgen.server import check_options
from bench.loadgen.store import compare

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ["--levels", "3", "--rounds", "1", "--think", "0.2", "0.5", "--type-pause", "0.05", "0.2"]


def test_three_learners_each_submission_stored_once(tmp_path: Path) -> None:
    figures = tmp_path / "capacity.json"
    done = subprocess.run(
        [sys.executable, "bench/capacity.py", *SMOKE, "--json", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(figures.read_text())
    assert report["exactly_once"] is True
    [level] = report["levels"]
    assert level["learners"] == 3 and level["errors"] == []
    # an answer the app said it did not count (a near miss) is not a submission
    assert level["store"]["submitted"] == level["store"]["stored"] == 3 - level["not_counted"]
    assert level["store"]["missing"] == level["store"]["extra"] == 0 and level["lost"] == []
    assert level["submit"]["count"] == 3 and level["typing"]["count"] == 9
    # typing reruns only the answer box and its reading (a fragment), not the page
    assert level["typing_in_fragment"] == 9
    # "Next problem" acts in its callback: one run draws the next problem, not two
    assert level["onward_runs"] == level["onward"]["count"] > 0
    for spread in (level["submit"], level["typing"]):
        assert 0 < spread["p50"] <= spread["p95"] <= spread["max"] < 60
    assert level["cpu_percent"] > 0 and level["rss_main_mb"] > 50
    assert "| 3 | " in done.stdout and "every submission stored exactly once" in done.stdout


def _widget(kind: str, key: str | None, label: str) -> Widget:
    return Widget(kind, f"$$ID-0-{key}", key, label, "", "", False, False)


def test_widgets_are_found_by_key_or_by_label() -> None:
    page = Page(
        (
            _widget("text_input", "practice_answer_p1_7", "Answer"),
            _widget("button", None, "Check answer"),
        ),
        (),
        False,
    )
    assert page.find("text_input", key_part="_answer_", label_start="Your answer") is not None
    assert page.find("button", key_part="check", label_start="Check") is not None
    assert page.find("button", key_part="next_problem", label_start="Next problem") is None


def test_a_changed_page_is_reported_with_what_it_has() -> None:
    page = Page((_widget("selectbox", "topic", "Topic"),), ("ValueError: boom",), False)
    message = str(PageChanged("the 'Check answer' button", page))
    assert "could not find the 'Check answer' button" in message
    assert "selectbox 'Topic' (key topic)" in message and "ValueError: boom" in message


def test_only_streamlit_options_pass_through() -> None:
    options = ["--runner.postScriptGC", "false", "--server.fileWatcherType=none"]
    assert check_options(options) == options
    for bad in (["--levels2"], ["--database.url", "x"], ["--server.port"]):
        with pytest.raises(ValueError):
            check_options(bad)


def test_store_check_counts_missing_and_extra_answers() -> None:
    sent = {"a": Counter({"1 + 2": 1, "3": 1}), "b": Counter({"4": 1})}
    kept = {"a": Counter({"1 + 2": 2}), "b": Counter({"4": 1})}
    check = compare(["a", "b"], sent, kept)
    assert (check.submitted, check.stored, check.missing, check.extra) == (3, 3, 1, 1)
    assert not check.exactly_once and compare(["b"], sent, kept).exactly_once


def test_percentile_is_a_measured_value() -> None:
    values = [0.1 * n for n in range(1, 21)]
    assert percentile(values, 0.5) == values[9] and percentile(values, 0.95) == values[18]
    assert math.isnan(percentile([], 0.5))


def test_an_answer_the_app_did_not_count_is_left_out_of_the_store_check() -> None:
    from bench.loadgen.learner import counted
    from ui.feedback import CLOSE_NOT_COUNTED, NOT_COUNTED

    assert not counted(("**Close — give 4 significant figures.** " + CLOSE_NOT_COUNTED,))
    assert not counted(("Not right.", NOT_COUNTED))
    assert counted(("Not right. Try again, open a hint, or read the worked solution below.",))
    assert counted(())
