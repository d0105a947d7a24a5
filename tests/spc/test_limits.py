"""XmR limits: the designed baseline, screening, the fixed baseline and degenerate series."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from impact.spc import MIN_POINTS_FOR_LIMITS, SHORT_GROUP_MESSAGE, ShortGroupWarning, spc
from tests.spc.helpers import BASELINE, flagged, frame, run, with_baseline


def test_baseline_gives_the_designed_limits() -> None:
    points = with_baseline([10.0])
    assert points["mean"].iloc[0] == 10.0
    assert points["upl"].iloc[0] == pytest.approx(15.32)
    assert points["nupl"].iloc[0] == pytest.approx(10 + 2 * 2.66 / 3 * 2)
    assert flagged(points) == {}


def test_screening_drops_large_moving_ranges_once() -> None:
    values = [*BASELINE, 40.0, 11.0, 9.0]
    screened = run(values)
    unscreened = run(values, screen_outliers=False)
    mr = np.abs(np.diff(values))
    assert unscreened["upl"].iloc[0] == pytest.approx(np.mean(values) + 2.66 * mr.mean())
    kept = mr[mr < 3.267 * mr.mean()]
    assert screened["upl"].iloc[0] == pytest.approx(np.mean(values) + 2.66 * kept.mean())


def test_baseline_fixes_limits_to_the_first_points() -> None:
    points = with_baseline([12.0] * 8)
    assert points["fix_y"].iloc[12] is pd.NA
    assert points["mean"].nunique() == 1 and points["mean"].iloc[0] == 10.0


def test_baseline_shorter_than_twelve_is_rejected() -> None:
    assert MIN_POINTS_FOR_LIMITS == 12
    with pytest.raises(ValueError, match="at least 12"):
        run(BASELINE, fix_after_n_points=11)


def test_constant_series_has_no_limits_and_no_flags() -> None:
    points = run([5.0] * 15)
    assert np.isnan(points["upl"].iloc[0]) and points["upl"].iloc[0] is not pd.NA
    assert points["mean"].iloc[0] == 5.0
    assert not points["special_cause_flag"].any()
    assert points["outside_limits"].isna().all()
    assert (points["relative_to_mean"] == 0).all()


def test_constant_series_without_screening_has_zero_width_limits() -> None:
    points = run([5.0] * 15, screen_outliers=False)
    assert points["upl"].iloc[0] == 5.0 and not points["special_cause_flag"].any()


def test_missing_value_is_excluded_from_mean_and_kept_as_missing() -> None:
    values = [*BASELINE[:5], np.nan, *BASELINE[5:]]
    points = run(values)
    assert points["mean"].iloc[0] == pytest.approx(np.nanmean(values))
    assert points["fix_y"].iloc[5] is pd.NA
    assert points.at[5, "special_cause_type"] == "Common Cause"


def test_short_groups_warn_with_rs_message() -> None:
    with pytest.warns(ShortGroupWarning) as caught:
        points = spc(frame(BASELINE), value_col="value", date_col="month")
    assert str(caught[0].message) == SHORT_GROUP_MESSAGE
    assert points["short_group_warning"].all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShortGroupWarning)
        spc(frame([*BASELINE, 9.0]), value_col="value", date_col="month")
