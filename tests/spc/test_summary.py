"""The summary: one row per facet x rebase group, its counts, and assurance on the last group."""

from __future__ import annotations

import pandas as pd

from impact.spc import spc, spc_summary
from impact.spc.summary import SUMMARY_COLUMNS
from tests.spc.helpers import BASELINE, frame, labels, run, with_baseline


def test_counts_each_point_type() -> None:
    points = with_baseline([20.0, 10.5, 0.0])
    summary = spc_summary(points)
    assert summary[["n", "common_cause"]].values.tolist() == [[len(points), len(points) - 2]]
    assert summary["special_cause_improvement"].tolist() == [1]
    assert summary["special_cause_concern"].tolist() == [1]
    assert list(summary.columns) == list(SUMMARY_COLUMNS)


def test_assurance_belongs_to_the_last_group_only() -> None:
    values = BASELINE + [v + 10 for v in BASELINE]
    points = run(values, rebase="2023-01-01", target=30.0)
    summary = spc_summary(points)
    assert summary["rebase_group"].tolist() == [0, 1]
    assert labels(summary["assurance_type"]) == [None, "consistent_fail"]
    assert summary["mean"].tolist() == [10.0, 20.0]


def test_empty_points_give_an_empty_summary_with_the_columns() -> None:
    data = frame([1.0], org="A").iloc[0:0]
    points = spc(data, value_col="value", date_col="month", facet_cols="org")
    summary = spc_summary(points)
    assert summary.empty and list(summary.columns) == ["org", *SUMMARY_COLUMNS]
    assert isinstance(summary, pd.DataFrame)
