"""Sorting by facet and date, and the dates the engine refuses."""

from __future__ import annotations

import pandas as pd
import pytest

from impact.spc import spc
from tests.spc.helpers import BASELINE, frame


def test_duplicate_dates_raise_naming_facet_and_date() -> None:
    data = pd.concat([frame(BASELINE, org="A"), frame([1.0], start="2022-03-01", org="A")])
    with pytest.raises(ValueError, match=r"2022-03-01.*org='A'"):
        spc(data, value_col="value", date_col="month", facet_cols="org")


def test_unsorted_input_gives_the_same_answer() -> None:
    data = frame([*BASELINE, 9.0, *[10.5] * 7, 9.0])
    shuffled = data.sample(frac=1, random_state=3)
    expected = spc(data, value_col="value", date_col="month")
    got = spc(shuffled, value_col="value", date_col="month")
    pd.testing.assert_frame_equal(expected, got)


def test_missing_dates_and_facet_values_are_rejected() -> None:
    data = frame(BASELINE, org="A")
    data.loc[3, "month"] = pd.NaT
    with pytest.raises(ValueError, match="missing date in row 3"):
        spc(data, value_col="value", date_col="month")
    data = frame(BASELINE, org="A")
    data.loc[2, "org"] = None
    with pytest.raises(ValueError, match="missing value in facet column 'org'"):
        spc(data, value_col="value", date_col="month", facet_cols="org")
