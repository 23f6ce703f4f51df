#!/usr/bin/env bash
# The class server on one machine: N `streamlit run` replicas on one PostgreSQL store,
# Debian's haproxy in front (sticky by cookie, websockets, health checks), migrations
# applied once before the replicas start. Ctrl+C stops all of it.
#
#   DATABASE_URL=postgresql+psycopg://USER@HOST/DB PRACTICE_MODE=class \
#       bash scripts/class-server.sh --replicas 3 --port 8501
#
# Options: --replicas N (2), --host ADDR (0.0.0.0), --port P (8501), --first-port Q
# (8511: the replicas' loopback ports), --log-dir DIR (data/class-server), and any
# --server.* / --runner.* option for every replica. See README "Running a class server".
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
missing=()
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
        command -v haproxy >/dev/null 2>&1 || exit 1
    fi
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/python -m deploy.class_server "$@"
