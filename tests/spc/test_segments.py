"""Rebasing: each facet x rebase group is a segment with its own limits."""

from __future__ import annotations

import pandas as pd
import pytest

from impact.spc import ShortGroupWarning, spc, spc_summary
from tests.spc.helpers import BASELINE, flagged, frame, run


def test_rebase_starts_a_new_group_with_its_own_limits() -> None:
    values = BASELINE + [v + 10 for v in BASELINE]
    points = run(values, rebase="2023-01-01")
    assert points["rebase_group"].tolist() == [0] * 12 + [1] * 12
    assert points["mean"].iloc[0] == 10.0 and points["mean"].iloc[-1] == 20.0
    assert flagged(points) == {}
    summary = spc_summary(points)
    assert summary["n"].tolist() == [12, 12]
    assert summary["rebase_group"].tolist() == [0, 1]


def test_rebase_on_the_first_date_numbers_groups_from_one_like_r() -> None:
    points = run(BASELINE, rebase=["2022-01-01"])
    assert set(points["rebase_group"]) == {1}


def test_baseline_applies_within_each_rebase_group() -> None:
    values = BASELINE + [30.0] + BASELINE + [30.0]
    points = run(values, rebase="2023-02-01", fix_after_n_points=12)
    assert points.groupby("rebase_group")["mean"].first().tolist() == [10.0, 10.0]


def test_rebase_column_marks_the_first_point_of_each_group() -> None:
    data = frame(BASELINE + [v + 10 for v in BASELINE])
    data["new_process"] = data.index == 12
    with pytest.warns(ShortGroupWarning):
        points = spc(
            data,
            value_col="value",
            date_col="month",
            rebase_col="new_process",
            rules="plotthedots",
        )
    expected = run(BASELINE + [v + 10 for v in BASELINE], rebase="2023-01-01")
    pd.testing.assert_frame_equal(points, expected)
