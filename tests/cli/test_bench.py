"""``python -m impact bench --scale small``: a smoke test that every figure is measured."""

from __future__ import annotations

import json
import subprocess
import sys

from impact import PROJECT_ROOT

KEYS = [
    "rows",
    "files",
    "duckdb_ingest_s",
    "cold_ingest_s",
    "ours_end_to_end_s",
    "pandas_end_to_end_s",
    "warm_restart_s",
    "one_new_file_s",
    "org_query_s",
    "spc_all_series_s",
    "peak_rss_mb",
    "pandas_peak_rss_mb",
]


def test_small_benchmark_reports_every_figure() -> None:
    command = "from impact.cli.bench import main; main(['--scale', 'small', '--json'])"
    done = subprocess.run(
        [sys.executable, "-c", command],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert list(figures)[: len(KEYS)] == KEYS
    assert figures["rows"] == figures["rows_loaded"] > 1000
    assert figures["files"] >= 10
    assert figures["files_parsed_on_restart"] == 0
    assert figures["new_file_seen"] is True
    for key in KEYS[2:]:
        if key == "spc_all_series_s" and figures[key] is None:
            continue
        assert isinstance(figures[key], float) and figures[key] > 0, key
