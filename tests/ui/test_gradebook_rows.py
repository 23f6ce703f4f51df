"""The gradebook's rows and CSV (``ui.plain.gradebook``)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from db.gradebook import ProblemMistakes, StudentSummary
from db.records import MistakeCount
from ui.plain.gradebook import Student, as_csv, mistake_rows, student_rows


def test_rows_put_first_try_beside_overall_and_mastery_per_topic() -> None:
    when = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    summaries = {
        1: StudentSummary(1, 4, 2, 2, 0, when, {"gradients": 0.25}),
        2: StudentSummary(2, 1, 1, 1, 1, when, {"partials": 1.0}),
    }
    people = [Student(2, "ben", None), Student(1, "Ana", "ana@x.org"), Student(3, "Cy")]
    rows = student_rows(people, summaries, {"gradients": "Gradients"})
    assert [r["student"] for r in rows] == ["Ana", "ben", "Cy"]
    assert rows[0]["accuracy (%)"] == 50.0 and rows[0]["first-try accuracy (%)"] == 0.0
    assert rows[0]["mastery: Gradients (%)"] == 25.0 and rows[0]["mastery: partials (%)"] is None
    assert rows[0]["last active"] == "2026-12-01 08:30 UTC"
    assert rows[2]["attempts"] == 0 and rows[2]["first-try accuracy (%)"] is None


def test_the_csv_reads_back_and_defuses_formulas() -> None:
    rows: list[dict[str, object]] = [
        {"student": "=HYPERLINK(1)", "email": "", "accuracy (%)": None, "attempts": 3},
        {"student": "Ana, Jr.", "email": "a@x", "accuracy (%)": 50.0, "attempts": 1},
    ]
    parsed = list(csv.DictReader(io.StringIO(as_csv(rows))))
    assert parsed[0]["student"] == "'=HYPERLINK(1)" and parsed[0]["accuracy (%)"] == ""
    assert parsed[1] == {
        "student": "Ana, Jr.",
        "email": "a@x",
        "accuracy (%)": "50.0",
        "attempts": "1",
    }
    assert as_csv([]) == ""


def test_mistake_rows_name_the_mistakes() -> None:
    rows = mistake_rows(
        [ProblemMistakes("g1", (MistakeCount("sign-error", 2), MistakeCount("x-y", 1)))],
        {"g1": "A gradient"},
    )
    assert rows[0]["title"] == "A gradient"
    assert (
        "×2" in str(rows[0]["commonest mistakes"])
        and "sign" in str(rows[0]["commonest mistakes"]).lower()
    )
