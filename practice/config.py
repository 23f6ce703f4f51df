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


LOCAL_MODE = "local"
CLASS_MODE = "class"
MODES = (LOCAL_MODE, CLASS_MODE)


class ConfigError(ValueError):
    """A setting the app cannot run with; the message says what to change."""


def practice_mode() -> str:
    """``PRACTICE_MODE``: ``local`` (the default: profiles by name, no sign-in) or
    ``class`` (sign-in with OpenID Connect, roles and courses). Case and spaces are
    ignored; anything else is a ``ConfigError`` rather than a silent fall-back to local
    mode, which would open every learner's record to a class."""
    raw = os.environ.get("PRACTICE_MODE", "").strip().lower()
    if not raw:
        return LOCAL_MODE
    if raw not in MODES:
        raise ConfigError(
            f"PRACTICE_MODE={raw!r} is not a mode: use 'local' (the default) or 'class'."
        )
    return raw


def class_mode() -> bool:
    return practice_mode() == CLASS_MODE
