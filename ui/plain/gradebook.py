"""The gradebook as rows for a table and as CSV, without Streamlit.

One row per student: who (name, email), attempts, accuracy beside first-try accuracy
(retries aside), last active, and mastery per topic (the spaced-repetition model's
chance of solving now, counted in full once it lasts: ``practice.scheduling.mastery``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from db.gradebook import ProblemMistakes, StudentSummary
from practice.vocabulary import mistake_name


@dataclass(frozen=True)
class Student:
    """A row's person: their learner id, name and (class mode) email."""

    learner_id: int
    name: str
    email: str | None = None


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def student_rows(
    students: Sequence[Student],
    summaries: dict[int, StudentSummary],
    topic_titles: dict[str, str],
) -> list[dict[str, object]]:
    """The gradebook's rows, by name; a mastery column for every topic anyone met."""
    topics = sorted({t for s in summaries.values() for t in s.mastery})
    rows: list[dict[str, object]] = []
    for student in sorted(students, key=lambda s: (s.name.casefold(), s.learner_id)):
        summary = summaries.get(student.learner_id, StudentSummary(student.learner_id))
        row: dict[str, object] = {
            "student": student.name,
            "email": student.email or "",
            "attempts": summary.attempts,
            "accuracy (%)": _percent(summary.accuracy),
            "first-try accuracy (%)": _percent(summary.first_try_accuracy),
            "last active": _when(summary.last_active),
        }
        for topic in topics:
            mastery = summary.mastery.get(topic)
            row[f"mastery: {topic_titles.get(topic, topic)} (%)"] = _percent(mastery)
        rows.append(row)
    return rows


def as_csv(rows: list[dict[str, object]]) -> str:
    """The rows as CSV with a header; empty cells for unknown values. A cell that a
    spreadsheet would run as a formula (=, +, -, @ first) is quoted with a leading '."""
    out = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def mistake_rows(
    problems: list[ProblemMistakes], titles: dict[str, str]
) -> list[dict[str, object]]:
    """One row per problem: its commonest recognised mistakes, named, with counts."""
    return [
        {
            "problem id": p.problem_id,
            "title": titles.get(p.problem_id, ""),
            "commonest mistakes": "; ".join(
                f"{mistake_name(m.tag)} ×{m.count}" for m in p.mistakes
            ),
        }
        for p in problems
    ]
