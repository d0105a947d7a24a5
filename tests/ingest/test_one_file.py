"""Reading one file: a good file cached whole, a bad file reported whole, faults logged."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from impact.ingest import (
    BEING_WRITTEN,
    FILE_REJECTED,
    NOT_RECOGNISED,
    OK,
    file_stat,
    one_file,
)
from tests.extracts import OBS_HEADER, ORGS


def test_a_good_file_is_cached_whole_and_reported(read_one, tmp_path: Path) -> None:
    result = read_one("obs.csv", OBS_HEADER + "m,T02,2025-02-01,2,,\nm,T01,2025-01-01,1,,\n")
    report = result.report
    assert (report.status, report.contract, report.rows_read, report.rows_rejected) == (
        OK,
        "observations",
        2,
        0,
    )
    assert (report.first_period, report.last_period, report.organisations) == (
        "2025-01-01",
        "2025-02-01",
        2,
    )
    assert result.findings == []
    cached = [p.name for p in (tmp_path / "cache").iterdir()]
    assert cached == [result.outputs["observations"].parquet]  # no temporary file left
    orgs = duckdb.connect().execute(
        f"SELECT org_code, source_file FROM read_parquet('{tmp_path / 'cache' / cached[0]}')"
    )
    assert orgs.fetchall() == [("T01", "obs.csv"), ("T02", "obs.csv")]  # sorted by org


def test_a_file_with_rejected_rows_caches_only_its_good_rows(read_one, tmp_path: Path) -> None:
    result = read_one("obs.csv", OBS_HEADER + "m,T01,2025-01-01,1,,\nm,,2025-02-01,2,,\n")
    assert result.outputs["observations"].rows == 1
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_an_empty_file_is_rejected_whole(read_one) -> None:
    result = read_one("empty.csv", "")
    assert (result.report.status, result.outputs) == (FILE_REJECTED, {})
    assert result.findings[0].reason == one_file.EMPTY_MESSAGE


def test_an_unrecognised_header_names_the_closest_contract(read_one) -> None:
    result = read_one("half.csv", "metric_id,org_code,period_start,numerator\nm,T01,2025-01-01,3\n")
    report = result.report
    assert (report.status, report.closest_contract, report.missing_columns) == (
        NOT_RECOGNISED,
        "observations",
        ["value"],
    )
    assert "closest is 'observations'" in result.findings[0].reason


def test_a_file_that_changed_while_read_is_reported_and_nothing_kept(
    read_one, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(file_stat, "stat_changed", lambda stat: True)
    result = read_one("orgs.csv", ORGS)
    assert (result.report.status, result.outputs) == (BEING_WRITTEN, {})
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_fault_in_this_program_is_logged_with_its_traceback_not_shown(
    read_one, tmp_path: Path, monkeypatch, caplog
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("a bug, not the file")

    monkeypatch.setattr(one_file, "profile", broken)
    with caplog.at_level(logging.WARNING, logger="impact"):
        result = read_one("orgs.csv", ORGS)
    assert result.report.status == FILE_REJECTED
    assert result.report.message == "the file could not be read: a bug, not the file"
    assert "Traceback" not in result.report.message
    (record,) = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "orgs.csv" in record.getMessage()
    assert list((tmp_path / "cache").iterdir()) == []  # the half-made cache file is gone


@pytest.mark.parametrize("fault", [duckdb.IOException("disk gone"), OSError(5, "I/O error")])
def test_a_fault_of_the_file_or_disk_is_logged_in_one_line(
    read_one, monkeypatch, caplog, fault
) -> None:
    def failing(*_args: object, **_kwargs: object) -> None:
        raise fault

    monkeypatch.setattr(one_file, "profile", failing)
    with caplog.at_level(logging.WARNING, logger="impact"):
        result = read_one("orgs.csv", ORGS)
    assert result.report.status == FILE_REJECTED
    (record,) = caplog.records
    assert record.levelno == logging.WARNING and record.exc_info is None
