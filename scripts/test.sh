#!/usr/bin/env bash
# Quick start, command 2: install everything the tests need and run the whole suite
# (lint, types, pytest with the SQLite, PostgreSQL, Streamlit and browser tests).
# Needs Debian's chromium (browser tests), bubblewrap (the code sandbox) and haproxy (the
# class server's tests): installed here with apt-get when missing and we are root.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

# Debian packages pip cannot give: chromium for the browser tests, bubblewrap (bwrap),
# the sandbox learner code runs in, haproxy in front of the class server's replicas.
# The tests that need them fail without them, by design.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's ${missing[*]} for the tests"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "warning: missing ${missing[*]}; install these Debian packages for the browser and sandbox tests" >&2
    fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; exec .venv/bin/python -m pytest "$@"
