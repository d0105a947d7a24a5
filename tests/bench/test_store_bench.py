"""The benchmark harness: its coded SPC input names the same series and points as the store."""

from __future__ import annotations

import warnings

from bench.store_bench import SCALES, build_dataset, spc_input
from impact import spc
from impact.store import Store


def test_spc_input_codes_give_back_the_stored_labels(tmp_path) -> None:
    """The SPC benchmark's coded input names the same series and points as the table."""
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


def test_the_synthetic_extracts_are_written_whole_with_no_temporary_files(tmp_path) -> None:
    data = tmp_path / "data"
    counts = build_dataset(data, SCALES["small"])
    files = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert not [f for f in files if f.endswith(".tmp") or "/." in f or f.startswith(".")]
    assert len(files) == counts["files"] == 2 + SCALES["small"].months + 1
    assert "practices/gp_month_001.csv" in files and "trusts/trust_metrics_year_1.csv" in files


def test_the_automatic_limits_figure_runs_every_series() -> None:
    """auto_limits_all_series_s times the algorithm over each metric x organisation series."""
    import numpy as np
    import pandas as pd

    from bench.store_bench import auto_limits_figures

    months = pd.date_range("2021-01-01", periods=30, freq="MS")
    frame = pd.DataFrame(
        {
            "metric_id": pd.Categorical(np.repeat(["a", "b", "a"], 30)),
            "org_code": pd.Categorical(np.repeat(["X", "X", "Y"], 30)),
            "period_start": np.tile(months, 3),
            "value": np.random.default_rng(2).normal(50, 2, 90),
        }
    )
    figures = auto_limits_figures(frame)
    assert figures["auto_limits_series"] == 3 and figures["auto_limits_all_series_s"] > 0
