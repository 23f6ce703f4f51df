"""The summary ``validate`` ends with, shared by the command line and the Instructor page
so an instructor reads the same counts in both places."""

from __future__ import annotations

from collections import Counter

from practice.banks.catalog import Catalog
from practice.vocabulary import Kind, Level


def counted(number: int, noun: str) -> str:
    """``1 bank``, ``2 banks``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary_lines(catalog: Catalog, errors: int) -> list[str]:
    """Banks and problems that loaded, the error count, then problems per kind (a
    problem in parts counted as such: its parts have kinds of their own) and level."""
    kinds = Counter(problem.kind for problem in catalog.problems.values() if not problem.parts)
    levels = Counter(problem.level for problem in catalog.problems.values())
    in_parts = sum(1 for problem in catalog.problems.values() if problem.parts)
    found = counted(errors, "error") if errors else "no errors"
    return [
        f"{counted(len(catalog.banks), 'bank')}, {counted(len(catalog.problems), 'problem')}, {found}",
        "  by kind:  "
        + ", ".join([*(f"{kind} {kinds[kind]}" for kind in Kind), f"in parts {in_parts}"]),
        "  by level: " + ", ".join(f"{level} {levels[level]}" for level in Level),
    ]
