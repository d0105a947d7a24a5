#!/usr/bin/env bash
# Run the whole test suite: unit, store, SPC golden, AppTest pages and real-browser tests,
# in parallel on two workers (pytest-xdist).
# Creates .venv, installs the pinned test requirements and, as root on Debian, the system
# Chromium the browser tests drive (never a downloaded browser build) and the PostgreSQL the
# records tests start a throwaway cluster of (tests/pg_cluster.py).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export PYTHONDONTWRITEBYTECODE=1
# Two workers (the machines have two cores), each given whole test files and tests/browser as
# one unit (tests/conftest.py groups them), so fixtures are built once; IMPACT_TEST_WORKERS=0
# runs in this one process.
exec .venv/bin/python -m pytest -q -n "${IMPACT_TEST_WORKERS:-2}" --dist loadgroup "$@"
