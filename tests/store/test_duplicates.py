"""The same key in two files: which row wins, and the warning that says why."""

from __future__ import annotations

import os

from impact.contracts import CONTRACTS
from impact.ingest import FileReport, FileResult, Output
from impact.store.duplicates import may_overlap, rank, why_wins
from tests.extracts import OBS_HEADER, ORGS, findings_for, rows, write
from tests.store.conftest import make


def test_same_key_in_two_files_the_newer_wins_and_a_warning_says_why(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    old = write(
        data / "old.csv", OBS_HEADER + "m_pct,T01,2025-01-01,70,,\nm_pct,T01,2025-02-01,71,,\n"
    )
    new = write(data / "new.csv", OBS_HEADER + "m_pct,T01,2025-01-01,90,,\n")
    t = old.stat().st_mtime_ns
    os.utime(new, ns=(t + 5_000_000_000, t + 5_000_000_000))
    store = make(folders)
    assert rows(store, "SELECT value, source_file FROM observations ORDER BY period_start") == [
        (90.0, "new.csv"),
        (71.0, "old.csv"),
    ]
    (warning,) = [f for f in findings_for(store, "old.csv") if "same" in f[3]]
    assert "`new.csv` is used because it is the more recently modified file" in warning[3]


def test_identical_rows_in_two_files_are_kept_once_without_a_warning(folders) -> None:
    data = folders[0]
    write(data / "a" / "orgs.csv", ORGS)
    write(data / "b" / "orgs.csv", ORGS)
    store = make(folders)
    assert rows(store, "SELECT count(*) FROM organisations") == [(3,)]
    assert not [f for f in store.findings()["reason"] if "same org_code" in f]


def _result(priority: int = 0, mtime: float = 0.0, last: str | None = None) -> FileResult:
    report = FileReport("f.csv", "data", 1, mtime, "ok", last_period=last)
    return FileResult(report, [], {}, priority)


def _output(keys: list[str] | None, key_from: str | None, key_to: str | None) -> Output:
    return Output("observations", "x.parquet", 1, keys, key_from, key_to)


def test_files_are_compared_only_when_their_key_summaries_may_overlap() -> None:
    jan = _output(["m1"], "2025-01-01", "2025-01-01")
    feb = _output(["m1"], "2025-02-01", "2025-02-01")
    other_metric = _output(["m2"], "2025-01-01", "2025-01-01")
    too_many = _output(None, "2025-01-01", "2025-03-01")
    assert not may_overlap(jan, feb)  # one file per month: never compared
    assert not may_overlap(jan, other_metric)
    assert may_overlap(jan, too_many)  # too many keys to list: compared on dates alone
    assert may_overlap(jan, jan)


def test_the_reason_a_file_wins_follows_the_order_of_precedence() -> None:
    obs, orgs = CONTRACTS["observations"], CONTRACTS["organisations"]
    revised, original = _result(priority=1), _result(priority=0, mtime=9.0)
    assert rank(obs, revised, "a.csv") > rank(obs, original, "b.csv")
    assert "higher-ranked source" in why_wins(obs, revised, original)
    newer, older = _result(mtime=2.0, last="2024-01-01"), _result(mtime=1.0, last="2025-01-01")
    assert why_wins(obs, newer, older) == "it is the more recently modified file"
    assert rank(orgs, older, "a.csv") > rank(orgs, newer, "b.csv")  # more recent data first
    assert why_wins(orgs, older, newer) == "it holds more recent data"
    assert why_wins(obs, _result(), _result()) == "it comes later in path order"
