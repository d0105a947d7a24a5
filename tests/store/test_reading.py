"""Reading the changed files in parallel: many files, one engine, no setting changed."""

from __future__ import annotations

import logging
import os

from impact.ingest import staging
from tests.extracts import OBS_HEADER, bump, orgs_for, rows, write
from tests.store.conftest import make


def test_many_files_are_written_sorted_by_organisation_and_engine_threads_restored(
    folders, monkeypatch
) -> None:
    """More files than cores takes the one-engine-thread-per-file path; it must not leak."""
    data = folders[0]
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    orgs = ["T09", "T03", "T07", "T01", "T05"]
    write(data / "orgs.csv", orgs_for("T02", "T03", "T05", "T07", "T09"))
    for month in range(1, 6):
        body = "".join(f"m_count,{org},2024-{month:02d}-01,{i},,\n" for i, org in enumerate(orgs))
        write(data / f"obs_{month}.csv", OBS_HEADER + body)
    store = make(folders)
    store.cursor().execute("SET threads = 3")
    for month in range(1, 6):  # a second bulk ingest, from a setting the store did not choose
        path = data / f"obs_{month}.csv"
        bump(path, path.read_text() + f"m_pct,T02,2024-{month:02d}-01,50,,\n")
    assert store.refresh()
    assert rows(store, "SELECT current_setting('threads')") == [(3,)]
    store.flush()
    current = {f"{path.stat().st_size}-{path.stat().st_mtime_ns}-" for path in data.iterdir()}
    written = [
        path
        for path in store.parquet_dir.glob("*observations.parquet")
        if any(stamp in path.name for stamp in current)  # not the first ingest's, kept an hour
    ]
    assert len(written) == 5
    for path in written:
        in_file_order = rows(store, f"SELECT org_code, source_file FROM read_parquet('{path}')")
        assert [org for org, _f in in_file_order] == sorted(["T02", *orgs])
        assert len({f for _o, f in in_file_order}) == 1
    assert rows(store, "SELECT count(*), count(DISTINCT source_file) FROM observations") == [
        (30, 5)
    ]


def test_a_group_that_cannot_be_read_together_is_logged_and_read_file_by_file(
    folders, monkeypatch, caplog
) -> None:
    def fail(*_args: object) -> None:
        raise RuntimeError("simulated: a fault in the staged read")

    monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    monkeypatch.setattr(staging, "stage_chunk", fail)
    write(folders[0] / "orgs.csv", orgs_for())
    for month in (1, 2):
        write(folders[0] / f"obs_{month}.csv", OBS_HEADER + f"m_count,T01,2024-0{month}-01,1,,\n")
    with caplog.at_level(logging.WARNING, logger="impact"):
        store = make(folders)
    assert rows(store, "SELECT count(*) FROM observations") == [(2,)]
    logged = [r for r in caplog.records if "read together" in r.getMessage()]
    assert logged and all(r.levelno == logging.ERROR and r.exc_info for r in logged)
    assert "simulated" in caplog.text
