"""Problem banks: the YAML format (``schema``), loading with line numbers, the catalog.

``load_catalog()`` is the entry point: it never raises for what a bank contains, and
returns the compiled problems together with every issue found.
"""

from practice.banks.catalog import (
    BankInfo,
    Catalog,
    find_bank_files,
    load_catalog,
)
from practice.banks.loader import BankIssue
from practice.banks.problem import Problem

__all__ = [
    "BankInfo",
    "BankIssue",
    "Catalog",
    "Problem",
    "find_bank_files",
    "load_catalog",
]
