#!/usr/bin/env bash
# Run the dashboard on the shipped demo data (or on IMPACT_DATA_DIR when set).
# Creates .venv and installs the pinned runtime requirements on first use.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
# python -m impact serve is streamlit run dashboard.py, warmed before the first visit.
exec .venv/bin/python -m impact serve \
  --server.fileWatcherType=poll \
  --browser.gatherUsageStats=false "$@"
