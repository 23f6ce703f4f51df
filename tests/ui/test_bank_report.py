"""The Instructor page's plain-data helpers and class figures, without a page."""

from __future__ import annotations

from pathlib import Path

from db.records import MistakeCount, ProblemSummary
from practice.banks import BankIssue, load_catalog
from practice.variants import make_variant
from practice.variants.check import check_problem
from practice.workers.views import VariantView
from tests.app.instructor_banks import DEEP_ERROR, LOAD_ERROR, write_banks
from ui.plain import bank_report, class_charts
from ui.plain.bank_report import code_tests_markdown


def test_issue_lines_are_the_cli_lines_in_file_then_line_order() -> None:
    issues = [
        BankIssue("b.yaml", 3, "p2", "late"),
        BankIssue("a.yaml", None, None, "missing"),
        BankIssue("b.yaml", 1, "p1", "early"),
    ]
    assert bank_report.issue_lines(issues) == [
        "a.yaml:1: -: missing",
        "b.yaml:1: p1: early",
        "b.yaml:3: p2: late",
    ]


def test_deep_check_reports_progress_and_the_validate_messages(tmp_path: Path) -> None:
    catalog = load_catalog([write_banks(tmp_path / "banks")])
    problems = list(catalog.problems.values())
    steps = list(bank_report.deep_check(problems, variants=2))
    assert [(s.done, s.total, s.problem_id) for s in steps] == [
        (1, 3, "good-add"),
        (2, 3, "good-partial"),
        (3, 3, "good-never"),
    ]
    found = [issue for step in steps for issue in step.issues]
    never = catalog.problems["good-never"]
    assert [i.message for i in found] == check_problem(never, 2)
    lines = bank_report.issue_lines([*catalog.issues, *found])
    assert [line.replace(f"{tmp_path / 'banks'}/", "") for line in lines][0] == LOAD_ERROR
    assert lines[1].replace(f"{tmp_path / 'banks'}/", "").startswith(DEEP_ERROR)


def test_kind_level_counts_and_bank_rows(tmp_path: Path) -> None:
    catalog = load_catalog([write_banks(tmp_path / "banks")])
    counts = bank_report.kind_level_counts(catalog.problems.values())
    rows = {row["kind"]: row for row in counts.rows()}
    assert rows["number"] == {
        "kind": "number",
        "level A": 1,
        "level B": 0,
        "level C": 1,
        "level D": 0,
        "total": 2,
    }
    assert rows["expression"]["level B"] == 1 and rows["choice"]["total"] == 0
    assert bank_report.summary_line(catalog, 0) == "2 banks, 3 problems, no errors"
    assert bank_report.summary_line(catalog, 2) == "2 banks, 3 problems, 2 errors"
    banks = {row["topic"]: row for row in bank_report.bank_rows(catalog)}
    assert banks["good-topic"]["problems"] == 3 and banks["broken-topic"]["problems"] == 0
    assert str(banks["good-topic"]["file"]).endswith("good.yaml")


def test_accuracy_per_problem_hardest_first() -> None:
    summaries = [
        ProblemSummary("easy", 4, 2, 4, 10.0),
        ProblemSummary("hard", 5, 3, 1, 40.0),
        ProblemSummary("mid", 2, 1, 1, 20.0),
    ]
    [bars] = class_charts.accuracy_per_problem_figure(summaries).data
    assert list(bars.y) == ["hard", "mid", "easy"]
    assert list(bars.x) == [20.0, 50.0, 100.0]
    assert [tuple(c) for c in bars.customdata] == [(1, 5, 3), (1, 2, 1), (4, 4, 2)]


def test_accuracy_per_problem_shows_only_the_hardest() -> None:
    summaries = [ProblemSummary(f"p{i:02}", 10, 1, i % 10, 5.0) for i in range(40)]
    [bars] = class_charts.accuracy_per_problem_figure(summaries, limit=3).data
    assert list(bars.y) == ["p00", "p10", "p20"] and list(bars.x) == [0.0, 0.0, 0.0]
    assert len(class_charts.accuracy_per_problem_figure(summaries).data[0].y) == 15


def test_mistake_tags_figure_keeps_the_store_order() -> None:
    counts = [MistakeCount("power-rule-factor", 3), MistakeCount("descent-sign", 1)]
    [bars] = class_charts.mistake_tags_figure(counts).data
    assert list(bars.y) == [
        "Power-rule factor dropped",
        "Stepping uphill (wrong sign in the update)",
    ]
    assert list(bars.customdata) == ["power-rule-factor", "descent-sign"]
    assert list(bars.x) == [3, 1]


def test_a_code_variants_tests_are_listed_with_what_they_expect() -> None:
    problem = load_catalog().problems["gd-code-one-step"]
    view = VariantView.of(make_variant(problem, 3))
    assert view.code is not None
    lines = code_tests_markdown(view.code).splitlines()
    assert len(lines) == len(view.code.tests) == 4
    assert "gradient\\_step" not in lines[0]  # the call is described by its arguments
    assert "grad\\_f = ∇" in lines[0] and "expects \\(" in lines[0]
    assert lines[-1].startswith("- **leaves w unchanged**: expects \\(1, \\-2\\)")
