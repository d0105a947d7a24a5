"""Per-facet parameters: directions and targets by value, mapping or column."""

from __future__ import annotations

import numpy as np
import pytest

from impact.spc import ShortGroupWarning, spc, spc_summary
from tests.spc.helpers import BASELINE, frame, labels, run, two_facets


def test_unknown_direction_is_rejected() -> None:
    with pytest.raises(ValueError, match="up"):
        run(BASELINE, improvement_direction="up")


def test_per_facet_targets_and_directions_by_tuple_key() -> None:
    with pytest.warns(ShortGroupWarning):  # the rebased facet has two groups of 12
        points = spc(
            two_facets(),
            value_col="value",
            date_col="month",
            facet_cols=["metric", "org"],
            improvement_direction={("m1", "A"): "increase", ("m2", "A"): "decrease"},
            target={("m1", "A"): 20.0},
            rebase={("m2", "A"): "2023-01-01"},
        )
    summary = spc_summary(points)
    assert summary["metric"].tolist() == ["m1", "m2", "m2"]
    assert labels(summary["assurance_type"]) == ["consistent_fail", None, "inconsistent"]
    assert points.groupby("metric")["target"].first().isna().tolist() == [False, True]


def test_per_row_columns_for_direction_and_a_target_that_changes_over_time() -> None:
    data = two_facets()
    data["direction"] = np.where(data["metric"] == "m1", "increase", "decrease")
    data["target"] = np.where(data["month"] >= "2023-06-01", 2.0, 50.0)
    data.loc[data["metric"] == "m2", "target"] = np.nan
    points = spc(
        data,
        value_col="value",
        date_col="month",
        facet_cols=["metric", "org"],
        improvement_direction_col="direction",
        target_col="target",
    )
    summary = spc_summary(points)
    # the last point's target (2) is below m1's lower limit; m2 has no target at all
    assert labels(summary["assurance_type"]) == ["consistent_pass", None]


def test_a_direction_that_changes_within_a_facet_is_rejected() -> None:
    data = frame(BASELINE, org="A")
    data["direction"] = ["increase"] * 6 + ["decrease"] * 6
    with pytest.raises(ValueError, match="org='A'"):
        spc(
            data,
            value_col="value",
            date_col="month",
            facet_cols="org",
            improvement_direction_col="direction",
        )
