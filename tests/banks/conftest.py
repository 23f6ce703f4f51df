"""Fixtures for the bank tests: write small banks to a temporary folder and load them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bank_helpers import bank_text

from practice.banks import Catalog, load_catalog


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "bank.yaml", *, raw: bool = False) -> Path:
        path = tmp_path / name
        path.write_text(text if raw else bank_text(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load(tmp_path: Path) -> Callable[[], Catalog]:
    return lambda: load_catalog([tmp_path])
