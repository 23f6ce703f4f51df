"""Where the project finds its banks and its store.

Read from the environment on each call rather than at import, so tests and the
app can point one process at a fresh store or bank folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_BANK_DIR = PROJECT_ROOT / "problems"
DEFAULT_SQLITE_PATH = DATA_DIR / "progress.sqlite3"


def bank_dirs() -> list[Path]:
    """Folders of YAML banks: ``PRACTICE_BANKS`` split on ``:``, else ``problems/``."""
    raw = os.environ.get("PRACTICE_BANKS", "")
    parts = [p for p in raw.split(":") if p.strip()]
    if not parts:
        return [DEFAULT_BANK_DIR]
    return [Path(p).expanduser() for p in parts]


def database_url() -> str:
    """SQLAlchemy URL of the progress store: ``DATABASE_URL``, else the SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"
