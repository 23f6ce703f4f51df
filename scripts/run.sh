#!/usr/bin/env bash
# Quick start, command 1: install what the app needs into .venv and start it.
# The progress store defaults to an SQLite file in data/, created and migrated on
# first start; set DATABASE_URL to use PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/python -m streamlit run app.py "$@"
