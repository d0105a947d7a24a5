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


def _month_major(n_orgs: int, months: int) -> pd.DataFrame:
    """Every organisation's series, stored a month at a time (as monthly extracts arrive):
    long runs of one date, every facet with every date."""
    data = pd.concat(
        [frame([*BASELINE, 9.0, 10.5, 12.0][:months], org=f"O{k:02d}") for k in range(n_orgs)]
    )
    data["value"] += data["org"].str[1:].astype(int)
    return data.sort_values(["month", "org"], ignore_index=True)


def test_month_major_input_gives_the_sorted_answer() -> None:
    data = _month_major(40, 15)
    by_org = data.sort_values(["org", "month"], ignore_index=True)
    expected = spc(by_org, value_col="value", date_col="month", facet_cols="org")
    got = spc(data, value_col="value", date_col="month", facet_cols="org")
    pd.testing.assert_frame_equal(expected, got)
    shuffled = data.sample(frac=1, random_state=4)
    got = spc(shuffled, value_col="value", date_col="month", facet_cols="org")
    pd.testing.assert_frame_equal(expected, got)


def test_a_duplicate_among_as_many_rows_as_facets_times_dates_is_refused() -> None:
    # 40 x 15 rows and 15 distinct dates, but one organisation has a month twice
    data = _month_major(40, 15)
    at = data.index[(data["org"] == "O07") & (data["month"] == "2022-04-01")]
    data.loc[at, "month"] = pd.Timestamp("2022-03-01")
    with pytest.raises(ValueError, match=r"duplicate date 2022-03-01 in facet org='O07'"):
        spc(
            data.sample(frac=1, random_state=5),
            value_col="value",
            date_col="month",
            facet_cols="org",
        )


def test_a_missing_date_in_a_run_of_one_month_names_its_row() -> None:
    data = _month_major(40, 15)
    data.loc[123, "month"] = pd.NaT
    with pytest.raises(ValueError, match="missing date in row 123"):
        spc(data, value_col="value", date_col="month", facet_cols="org")
