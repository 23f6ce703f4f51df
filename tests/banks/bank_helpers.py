"""Small helpers shared by the bank tests (imported by name: pytest puts this folder
on sys.path)."""

from __future__ import annotations

import os
import textwrap

from practice.banks import Catalog

BANK_HEADER = "topic: test-topic\ntitle: Test topic\nproblems:\n"


def bank_text(problems_yaml: str) -> str:
    """A bank file around problems written as YAML (dedented, list items at column 2)."""
    return BANK_HEADER + textwrap.indent(textwrap.dedent(problems_yaml).strip("\n"), "  ") + "\n"


def issue_lines(catalog: Catalog) -> list[str]:
    """Issues as printed, with the folder stripped so tests read like the CLI."""
    return [str(issue).replace(os.path.dirname(issue.file) + "/", "") for issue in catalog.issues]
