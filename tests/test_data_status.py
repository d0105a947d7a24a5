"""The "data as at" summary and the stale rule, at their thresholds."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from impact import data_status as ds

D = dt.date


@pytest.mark.parametrize(
    ("start", "frequency", "end"),
    [
        (D(2025, 3, 1), "month", D(2025, 4, 1)),
        (D(2025, 12, 1), "month", D(2026, 1, 1)),
        (D(2025, 10, 1), "quarter", D(2026, 1, 1)),
        (D(2025, 9, 1), "week", D(2025, 9, 8)),
    ],
)
def test_period_end(start: dt.date, frequency: str, end: dt.date) -> None:
    assert ds.period_end(start, frequency) == end


@pytest.mark.parametrize(
    ("frequency", "lag"),
    [("month", 75), ("week", 21), ("quarter", 135)],
)
def test_stale_exactly_one_day_after_the_allowed_lag(frequency: str, lag: int) -> None:
    start = D(2025, 1, 6) if frequency == "week" else D(2025, 1, 1)
    due = ds.period_end(start, frequency) + dt.timedelta(days=lag)
    assert not ds.is_stale(start, frequency, due)
    assert ds.is_stale(start, frequency, due + dt.timedelta(days=1))


def test_monthly_rtt_six_weeks_behind_is_not_stale_but_three_months_is() -> None:
    today = D(2025, 11, 26)
    assert not ds.is_stale(D(2025, 9, 1), "month", today)  # published mid-November
    assert ds.is_stale(D(2025, 8, 1), "month", today)
    assert ds.is_stale(None, "month", today)
    assert ds.is_stale(D(2025, 8, 1), None, today)  # no frequency: treated as monthly


def _latest() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric_id": ["ae_4hr_all", "rtt_18wk", "cap_q", "gp_2wk"],
            "metric_name": ["A&E 4-hour", "RTT 18 weeks", "Capability", "GP within 2 weeks"],
            "frequency": ["month", "month", "quarter", None],
            "latest_period": pd.to_datetime(
                ["2025-10-01", "2025-06-01", "2025-07-01", "2025-05-01"]
            ),
        }
    )


def test_summary_names_latest_period_newest_file_and_stale_metrics_oldest_first() -> None:
    files = [("a.csv", 1_700_000_000), ("sub/b.csv", 1_760_000_000_000_000_000), ("c.csv", None)]
    status = ds.summarise(_latest(), files, today=D(2025, 11, 26))
    assert status.latest_period == D(2025, 10, 1)
    assert status.newest_file == "sub/b.csv"
    assert status.newest_file_time == dt.datetime.fromtimestamp(1_760_000_000)
    assert [m.metric_id for m in status.stale] == ["gp_2wk", "rtt_18wk"]
    assert status.stale_ids == {"gp_2wk", "rtt_18wk"}
    assert status.stale[1].due_by == D(2025, 9, 14)
    sentence = ds.as_at_sentence(status)
    assert sentence.startswith("Data as at Oct 2025 · newest extract ")
    assert sentence.endswith("2 metrics are older than their reporting frequency allows.")
    assert ds.stale_lines(status)[1] == (
        "RTT 18 weeks: latest Jun 2025 (monthly figures were due by 14 Sep 2025)."
    )


def test_summary_of_an_empty_store() -> None:
    empty = pd.DataFrame(columns=["metric_id", "metric_name", "frequency", "latest_period"])
    status = ds.summarise(empty, [], today=D(2025, 11, 26))
    assert status.latest_period is None and status.newest_file is None and status.stale == ()
    assert ds.as_at_sentence(status) == "No observations loaded yet."


def test_format_period() -> None:
    assert ds.format_period(D(2025, 7, 1), "quarter") == "Q3 2025"
    assert ds.format_period(D(2025, 9, 1), "week") == "w/c 1 Sep 2025"
    assert ds.format_period(D(2025, 9, 1)) == "Sep 2025"
