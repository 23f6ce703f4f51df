"""Small helpers shared by the bank tests (imported by name: pytest puts this folder
on sys.path)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

from practice.banks import Catalog, Problem
from practice.variants import Variant, grade_variant, make_variant

Load = Callable[[], Catalog]

BANK_HEADER = "topic: test-topic\ntitle: Test topic\nproblems:\n"


def bank_text(problems_yaml: str) -> str:
    """A bank file around problems written as YAML (dedented, list items at column 2)."""
    return BANK_HEADER + textwrap.indent(textwrap.dedent(problems_yaml).strip("\n"), "  ") + "\n"


def issue_lines(catalog: Catalog) -> list[str]:
    """Issues as printed, with the folder stripped so tests read like the CLI."""
    return [str(issue).replace(os.path.dirname(issue.file) + "/", "") for issue in catalog.issues]


def one_problem(write_bank: Callable[..., Path], load: Load, yaml_text: str) -> Problem:
    write_bank(yaml_text)
    catalog = load()
    assert catalog.issues == [], [str(issue) for issue in catalog.issues]
    [problem] = catalog.problems.values()
    return problem


def variant_of(
    write_bank: Callable[..., Path], load: Load, yaml_text: str, seed: int = 0
) -> Variant:
    variant = make_variant(one_problem(write_bank, load, yaml_text), seed)
    assert grade_variant(variant, variant.answer).correct, variant.answer
    return variant
