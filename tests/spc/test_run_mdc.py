"""The Making Data Count rule set end to end: left-out rows, rebasing, the baseline."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from impact.spc import spc
from tests.spc.helpers import BASELINE, flagged, frame, run


def quiet_spc(data: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spc(data, date_col="month", **kwargs)


def test_mdc_is_the_default_and_counts_points_beyond_the_limit_in_two_of_three() -> None:
    values = [*BASELINE, 9.0, 16.0, 14.0, 10.5, 9.0, 11.0, 9.0]
    mdc = quiet_spc(frame(values), value_col="value", fix_after_n_points=12)
    assert mdc.attrs["spc"]["rules"] == "mdc"
    assert flagged(mdc) == {13: "Above UCL", 14: "2 in 3 Above CL"}
    plotthedots = run(values, fix_after_n_points=12)
    assert flagged(plotthedots) == {13: "Above UCL"}


def test_a_left_out_point_keeps_the_segments_lines_where_they_are_constant() -> None:
    data = frame([*BASELINE, np.nan, *BASELINE])
    points = quiet_spc(data, value_col="value")
    assert points["mean"].nunique() == 1 and not points["upl"].isna().any()
    assert points.at[12, "outside_limits"] is pd.NA
    assert points.at[12, "point_type"] == "common_cause"


def test_a_left_out_point_has_no_limits_where_they_vary_with_the_denominator() -> None:
    data = frame([5.0] * 14, cases=[50.0] * 6 + [0.0] + [60.0] * 7)
    points = quiet_spc(data, numerator_col="value", denominator_col="cases", chart="p")
    assert np.isnan(points.at[6, "upl"]) and not np.isnan(points.at[7, "upl"])
    assert points.at[6, "mean"] == pytest.approx(65 / 720)


def test_each_rebase_group_has_its_own_limits_and_the_baseline_fixes_them() -> None:
    values = BASELINE + [v + 10 for v in BASELINE]
    points = quiet_spc(frame(values), value_col="value", rebase="2023-01-01")
    assert points.groupby("rebase_group")["mean"].first().tolist() == [10.0, 20.0]
    fixed = quiet_spc(frame([*BASELINE, *[12.0] * 8]), value_col="value", fix_after_n_points=12)
    assert fixed["mean"].nunique() == 1 and fixed["mean"].iloc[0] == 10.0
    assert fixed["fix_y"].iloc[12] is pd.NA


def test_the_rule_columns_say_which_rule_fired_on_which_side() -> None:
    values = [*BASELINE, 9.0, *[10.5] * 7, 9.0]
    points = quiet_spc(frame(values), value_col="value", fix_after_n_points=12)
    assert points["shift"].tolist()[13:20] == [1] * 7
    assert set(points.loc[13:19, "point_type"]) == {"special_cause_improvement"}
    shorter = quiet_spc(frame(values), value_col="value", fix_after_n_points=12, shift_points=8)
    assert not shorter["shift"].any()
