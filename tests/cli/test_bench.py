"""``python -m impact bench --scale small``: a smoke test that every figure is measured."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.store_bench import FIGURES
from impact import PROJECT_ROOT

KEYS = list(FIGURES)


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
        if key in ("spc_all_series_s", "auto_limits_all_series_s") and figures[key] is None:
            continue
        assert isinstance(figures[key], float) and figures[key] > 0, key
