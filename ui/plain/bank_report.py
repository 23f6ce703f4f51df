"""What the Instructor page says about the banks, as plain data.

The deep check is ``practice.variants.check.check_problem`` — the function behind
``python -m practice validate`` — run one problem at a time so the page can show
progress; its messages become ``BankIssue`` lines exactly as the CLI prints them.
No Streamlit here, so the lines and counts are tested without a page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from practice.banks import BankIssue, Catalog, Problem
from practice.banks.summary import summary_lines
from practice.limits import LIMITS
from practice.variants.check import problem_issues_within
from practice.vocabulary import Kind, Level
from practice.workers.views import CodeView
from ui.plain.text import escape_markdown


@dataclass(frozen=True)
class CheckStep:
    """One problem checked: how far along the run is, and what was wrong with it."""

    done: int
    total: int
    problem_id: str
    issues: tuple[BankIssue, ...]


Checker = Callable[[Problem, int], Sequence[BankIssue]]


def in_this_process(problem: Problem, variants: int) -> list[BankIssue]:
    """As `validate` checks: a problem sympy cannot finish is one issue, not a hang
    (on the main thread only: the app checks in its grading workers instead)."""
    return problem_issues_within(problem, variants, LIMITS.time.problem_check_seconds(variants))


def deep_check(
    problems: Sequence[Problem], variants: int, check: Checker = in_this_process
) -> Iterator[CheckStep]:
    """Check each problem as ``validate --variants N`` does, yielding after each one."""
    total = len(problems)
    for done, problem in enumerate(problems, 1):
        yield CheckStep(done, total, problem.id, tuple(check(problem, variants)))


def issue_lines(issues: Iterable[BankIssue]) -> list[str]:
    """``FILE:LINE: PROBLEM_ID: message`` lines, in the CLI's order (file, then line)."""
    ordered = sorted(issues, key=lambda issue: (issue.file, issue.line or 0))
    return [str(issue) for issue in ordered]


@dataclass(frozen=True)
class KindLevelCounts:
    """Problems per kind (rows) and level (columns), as ``validate``'s summary counts them."""

    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    def rows(self) -> list[dict[str, str | int]]:
        """One row per kind with a column per level and a total: ready for a table."""
        table: list[dict[str, str | int]] = []
        for kind in self.kinds:
            row: dict[str, str | int] = {"kind": str(kind)}
            row.update({f"level {lv}": self.counts.get((kind, lv), 0) for lv in self.levels})
            row["total"] = sum(self.counts.get((kind, lv), 0) for lv in self.levels)
            table.append(row)
        return table


def kind_level_counts(problems: Iterable[Problem]) -> KindLevelCounts:
    counts: Counter[tuple[str, str]] = Counter((p.kind, p.level) for p in problems)
    kinds = tuple(Kind) + tuple(sorted({k for k, _ in counts} - set(Kind)))
    levels = tuple(Level) + tuple(sorted({lv for _, lv in counts} - set(Level)))
    return KindLevelCounts(kinds, levels, dict(counts))


def summary_line(catalog: Catalog, errors: int) -> str:
    """The first line of ``validate``'s summary."""
    return summary_lines(catalog, errors)[0]


def bank_rows(catalog: Catalog) -> list[dict[str, str | int]]:
    return [
        {
            "file": bank.file,
            "topic": bank.topic,
            "title": bank.title,
            "problems": len(bank.problem_ids),
        }
        for bank in catalog.banks
    ]


def code_tests_markdown(code: CodeView) -> str:
    """A code variant's tests with what each must return, one bullet each, for the
    Instructor page's preview."""
    lines = []
    for test in code.tests:
        call = f"on {escape_markdown(test.description)}, " if test.description else ""
        expected = escape_markdown(test.expected)
        lines.append(f"- **{escape_markdown(test.name)}**: {call}expects {expected}")
    return "\n".join(lines)
