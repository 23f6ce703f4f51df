#!/usr/bin/env bash
# Quick start, command 1: install what the app needs into .venv and start it.
# The progress store defaults to an SQLite file in data/, created and migrated on
# first start; set DATABASE_URL to use PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
# Code exercises run learner code in Debian's bubblewrap sandbox; without it they are
# not graded (fail closed). Installed here when missing and we are root.
if ! command -v bwrap >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's bubblewrap, the sandbox for code exercises"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
    else
        echo "warning: no bwrap on PATH; install Debian's 'bubblewrap' package to grade code exercises" >&2
    fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
# `--dev`: watch the source files and rerun on save (production, the default, watches
# nothing: see .streamlit/config.toml); any other argument goes to `streamlit run`.
if [ "${1:-}" = "--dev" ]; then
    shift
    set -- --server.fileWatcherType auto --server.runOnSave true "$@"
fi
exec .venv/bin/python -m streamlit run app.py "$@"
