"""Every form a period is written in, and the month arithmetic behind the filters."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from impact import calendar


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (calendar.month_key, date(2025, 9, 14), "2025-09"),
        (calendar.month_short, date(2025, 9, 1), "Sep 2025"),
        (calendar.month_long, pd.Timestamp("2025-09-30"), "September 2025"),
        (calendar.day_short, date(2024, 3, 5), "05 Mar 2024"),
        (calendar.month_short, "2026-01-01", "Jan 2026"),
        (calendar.month_long, datetime(2024, 12, 31, 23, 59), "December 2024"),
    ],
)
def test_each_form_of_a_month(function, value, expected) -> None:
    assert function(value) == expected


@pytest.mark.parametrize(
    ("frequency", "short", "long"),
    [
        ("month", "Sep 2025", "September 2025"),
        ("week", "w/c 1 Sep 2025", "the week of 1 September 2025"),
        ("quarter", "Q3 2025", "the quarter from September 2025"),
    ],
)
def test_periods_by_frequency(frequency, short, long) -> None:
    assert calendar.period_short(date(2025, 9, 1), frequency) == short
    assert calendar.period_long(date(2025, 9, 1), frequency) == long


def test_missing_values() -> None:
    assert calendar.period_short(None) == "no data"
    assert calendar.period_short(pd.NaT) == "no data"
    assert calendar.day_short(None) == ""
    assert calendar.day_short(pd.NaT) == ""


def test_span() -> None:
    assert calendar.span_short(date(2024, 4, 1), date(2025, 3, 1)) == "Apr 2024 to Mar 2025"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 1)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2025, 1, 1), -1, date(2024, 12, 1)),
        (date(2025, 3, 1), -27, date(2022, 12, 1)),
        (date(2025, 3, 1), 0, date(2025, 3, 1)),
    ],
)
def test_add_months(start, months, expected) -> None:
    assert calendar.add_months(start, months) == expected


def test_months_between_counts_whole_months() -> None:
    assert calendar.months_between(date(2024, 4, 1), date(2025, 3, 31)) == 11
    assert calendar.months_between(date(2025, 3, 1), date(2025, 3, 20)) == 0
    assert calendar.months_between(date(2025, 3, 1), date(2024, 3, 1)) == -12


def test_month_starts_are_distinct_and_sorted() -> None:
    periods = [date(2025, 2, 14), pd.Timestamp("2025-01-03"), None, pd.NaT, date(2025, 2, 1)]
    assert calendar.month_starts(periods) == [date(2025, 1, 1), date(2025, 2, 1)]
    assert calendar.month_start(pd.Timestamp("2025-02-14 10:00")) == date(2025, 2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-09", date(2025, 9, 1)),
        (" 2025-9 ", date(2025, 9, 1)),
        ("2025-09-17", date(2025, 9, 1)),
        ("2025-13", None),
        ("2025-00", None),
        ("1899-12", None),
        ("Sep 2025", None),
        ("", None),
        ("2025-09-1x", None),
    ],
)
def test_parse_month(text, expected) -> None:
    assert calendar.parse_month(text) == expected


def test_a_month_round_trips_through_its_url_form() -> None:
    for month in (date(1999, 1, 1), date(2025, 12, 1)):
        assert calendar.parse_month(calendar.month_key(month)) == month
