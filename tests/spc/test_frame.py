"""Facets: independent series, categorical labels kept, the input left as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.spc import spc, spc_summary
from tests.spc.helpers import BASELINE, frame, two_facets


def test_facets_are_independent_and_sorted() -> None:
    points = spc(two_facets(), value_col="value", date_col="month", facet_cols=["metric", "org"])
    assert points["metric"].tolist() == ["m1"] * 24 + ["m2"] * 24
    assert points.groupby("metric")["mean"].first().tolist() == [10.0, 20.0]
    assert list(points.columns[:4]) == ["metric", "org", "month", "value"]


def test_categorical_facets_keep_their_labels() -> None:
    """Categorical facets built from integer codes, with categories out of alphabetical order
    and some never used, label every point with its own series (as the benchmark feeds it)."""
    orgs = ["unused", "Z1", "A2", "M3", "also unused"]
    metrics = ["speed", "never", "quality"]
    rows = [(m, o, month) for m in (0, 2) for o in (3, 1, 2) for month in range(14)]
    rng = np.random.default_rng(5)
    order = rng.permutation(len(rows))  # shuffled, as a database join returns rows
    metric_code = np.array([rows[i][0] for i in order])
    org_code = np.array([rows[i][1] for i in order])
    month = np.array([rows[i][2] for i in order])
    value = 100.0 * metric_code + 10.0 * org_code + month % 2  # each series on its own level
    data = pd.DataFrame(
        {
            "metric": pd.Categorical.from_codes(metric_code, metrics),
            "org": pd.Categorical.from_codes(org_code, orgs),
            "month": pd.Timestamp("2022-01-01") + pd.to_timedelta(month * 31, unit="D"),
            "value": value,
        }
    )
    points = spc(data, value_col="value", date_col="month", facet_cols=["metric", "org"])
    level = points["value"].to_numpy() // 10
    assert points["metric"].map(metrics.index).astype(int).tolist() == (level // 10).tolist()
    assert points["org"].map(orgs.index).astype(int).tolist() == (level % 10).tolist()
    # sorted by the categories' own order, which only keeps the categories that occur
    assert points["metric"].cat.categories.tolist() == ["speed", "quality"]
    assert points["org"].cat.categories.tolist() == ["Z1", "A2", "M3"]
    assert points.groupby(["metric", "org"], observed=True)["mean"].first().tolist() == [
        10.5,
        20.5,
        30.5,
        210.5,
        220.5,
        230.5,
    ]
    summary = spc_summary(points)
    assert summary[["metric", "org"]].astype(str).values.tolist() == [
        [m, o] for m in ("speed", "quality") for o in ("Z1", "A2", "M3")
    ]


def test_input_is_not_modified() -> None:
    data = frame([*BASELINE, 9.0]).iloc[::-1]
    before = data.copy()
    spc(data, value_col="value", date_col="month")
    pd.testing.assert_frame_equal(data, before)
