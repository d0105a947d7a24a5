"""The "data as at" summary and the stale rule, at their thresholds."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

from impact import data_status as ds

D = dt.date


@pytest.mark.parametrize(
    ("latest", "frequency", "fresh_reference", "stale_reference"),
    [
        (D(2025, 8, 1), "month", D(2025, 9, 1), D(2025, 10, 1)),  # one month behind is normal
        (D(2025, 12, 1), "month", D(2026, 1, 1), D(2026, 2, 1)),  # across a year end
        (D(2025, 4, 1), "quarter", D(2025, 7, 1), D(2025, 8, 1)),
        (D(2025, 9, 1), "week", D(2025, 9, 15), D(2025, 9, 16)),  # 14 days allowed
        (D(2025, 8, 1), None, D(2025, 9, 1), D(2025, 10, 1)),  # no frequency: monthly
    ],
)
def test_stale_at_its_threshold(
    latest: dt.date, frequency: str | None, fresh_reference: dt.date, stale_reference: dt.date
) -> None:
    assert not ds.is_stale(latest, frequency, fresh_reference)
    assert ds.is_stale(latest, frequency, stale_reference)


def test_stale_without_data() -> None:
    assert ds.is_stale(None, "month", D(2025, 9, 1))  # others have data, this has none
    assert not ds.is_stale(None, "month", None)  # nothing loaded at all
    assert not ds.is_stale(D(2025, 9, 1), "month", None)


def test_overdue_when_the_next_month_should_have_been_published() -> None:
    assert ds.due_by(D(2025, 9, 1)) == D(2026, 1, 15)  # Oct ends 1 Nov, + 75 days
    assert not ds.is_overdue(D(2025, 9, 1), D(2026, 1, 15))
    assert ds.is_overdue(D(2025, 9, 1), D(2026, 1, 16))
    assert not ds.is_overdue(None, D(2026, 1, 16))


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
    assert not status.overdue
    sentence = ds.as_at_sentence(status)
    assert sentence.startswith("Data as at Oct 2025 · newest extract ")
    assert sentence.endswith(
        "2 metrics trail the rest of the data by more than their frequency allows."
    )
    assert ds.stale_lines(status)[1] == (
        "RTT 18 weeks: latest Jun 2025 (monthly), while the data runs to Oct 2025."
    )


def test_looking_back_caps_the_reference_and_a_missed_refresh_is_said() -> None:
    status = ds.summarise(_latest(), [], today=D(2026, 3, 1), period_to=D(2025, 7, 1))
    assert [m.metric_id for m in status.stale] == ["gp_2wk"]
    assert status.overdue
    assert ds.as_at_sentence(status).endswith(
        "No newer figures have been loaded: Nov 2025 would normally be here by 14 Feb 2026."
    )


def test_summary_of_an_empty_store() -> None:
    empty = pd.DataFrame(columns=["metric_id", "metric_name", "frequency", "latest_period"])
    status = ds.summarise(empty, [], today=D(2025, 11, 26))
    assert status.latest_period is None and status.newest_file is None and status.stale == ()
    assert ds.as_at_sentence(status) == "No observations loaded yet."


@pytest.mark.parametrize(
    ("latest", "reference", "frequency", "stale"),
    [
        (D(2025, 8, 1), D(2025, 9, 1), "month", False),  # normal publication lag
        (D(2025, 7, 1), D(2025, 9, 1), "month", True),
        (D(2025, 4, 1), D(2025, 9, 1), "quarter", True),
        (D(2025, 7, 1), D(2025, 9, 1), "quarter", False),
        (D(2025, 9, 1), D(2025, 9, 14), "week", False),
        (D(2025, 9, 1), D(2025, 9, 22), "week", True),
    ],
)
def test_stale_by_frequency(latest, reference, frequency, stale) -> None:
    """The board and the Data page share this one staleness rule."""
    assert ds.is_stale(latest, frequency, reference) is stale


def test_stale_lines_write_each_period_as_its_frequency_does() -> None:
    status = ds.DataAsAt(
        today=D(2025, 11, 26),
        latest_period=D(2025, 10, 1),
        newest_file=None,
        newest_file_time=None,
        stale=(
            ds.StaleMetric("q", "Quarterly", "quarter", D(2025, 1, 1)),
            ds.StaleMetric("w", "Weekly", "week", D(2025, 9, 1)),
            ds.StaleMetric("n", "Nothing", "month", None),
        ),
    )
    assert ds.stale_lines(status) == [
        "Quarterly: latest Q1 2025 (quarterly), while the data runs to Oct 2025.",
        "Weekly: latest w/c 1 Sep 2025 (weekly), while the data runs to Oct 2025.",
        "Nothing: no figures loaded.",
    ]


def test_data_as_at_from_a_real_store(tmp_path) -> None:
    from impact.store import Store

    data, catalogue = tmp_path / "data", tmp_path / "catalogue"
    data.mkdir()
    catalogue.mkdir()
    (catalogue / "metrics.csv").write_text(
        "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
        "m_month,Monthly,uec,Is it good?,percent,increase,month\n"
        "m_week,Weekly,uec,Is it quick?,minutes,decrease,week\n"
    )
    (data / "old.csv").write_text(
        "metric_id,org_code,period_start,value\nm_month,T1,2025-08-01,1\nm_week,T1,2025-09-01,2\n"
    )
    (data / "new.csv").write_text(
        "metric_id,org_code,period_start,value\nm_month,T2,2025-10-01,3\n"
    )
    orgs = data / "orgs.csv"  # defines T1 and T2; older than the figures, so never "newest"
    orgs.write_text("org_code,org_name,org_type\nT1,One,trust\nT2,Two,trust\n")
    os.utime(orgs, (1_600_000_000, 1_600_000_000))
    store = Store(data, tmp_path / "cache", catalogue_dir=catalogue)
    today = D(2025, 11, 26)
    status = ds.data_as_at(store, today=today)
    assert status.latest_period == D(2025, 10, 1)
    assert status.newest_file in {"old.csv", "new.csv"}
    assert [m.metric_id for m in status.stale] == ["m_week"]  # 30 days behind 1 Oct
    one_org = ds.data_as_at(store, today=today, org_code="T1")
    assert one_org.latest_period == D(2025, 9, 1)
    assert one_org.stale == ()  # T1's August is one month behind its September: normal
    by_file = ds.stale_files(store.query("data_page_latest_by_file"))
    assert by_file == {"old.csv": True, "new.csv": False}
