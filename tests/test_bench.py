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


def test_spc_input_codes_give_back_the_stored_labels(tmp_path) -> None:
    """The SPC benchmark's coded input names the same series and points as the table."""
    from impact.bench import SCALES, build_dataset, spc_input
    from impact.store import Store

    data = tmp_path / "data"
    build_dataset(data, SCALES["small"])
    for extra in list(data.rglob("gp_month_*.csv"))[2:]:
        extra.unlink()  # two months of practices and the trust files are plenty here
    store = Store(data, tmp_path / "cache")
    frame = spc_input(store.cursor())
    expected = (
        store.cursor()
        .execute(
            "SELECT o.metric_id, o.org_code, o.period_start, o.value, m.improvement_direction "
            "FROM observations o JOIN metrics m USING (metric_id) ORDER BY ALL"
        )
        .fetchall()
    )
    got = sorted(
        zip(
            frame["metric_id"].astype(str),
            frame["org_code"].astype(str),
            frame["period_start"].dt.date,
            frame["value"],
            frame["improvement_direction"].astype(str),
            strict=True,
        )
    )
    assert got == expected
    import warnings

    from impact import spc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc.ShortGroupWarning)  # 12 months: trial limits
        points = spc.spc(
            frame,
            value_col="value",
            date_col="period_start",
            facet_cols=["metric_id", "org_code"],
            improvement_direction_col="improvement_direction",
        )
    labels = zip(
        points["metric_id"].astype(str),
        points["org_code"].astype(str),
        points["period_start"].dt.date,
        strict=True,
    )
    assert sorted(labels) == [row[:3] for row in expected]
