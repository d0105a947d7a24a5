"""Large files: served from memory at once, their Parquet cache written behind.

Every store test also runs with every file staged (see ``tests/store/conftest.py``); these
tests cover what only the staged path has: the window before the cache is written, files
re-read or changed inside it, and a group that cannot be read together.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT, contracts, ingest
from impact.board import build_board
from impact.ingest import FileStat, file_stat, staging
from impact.store import Store
from tests.extracts import OBS_HEADER, ORGS, bump, findings_for, report, rows, write

MONTHS = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]
ORG_CODES = ["T09", "T03", "T07", "T01", "T05"]
#: The test store's organisations: every trust the monthly files name.
ORGANISATIONS = ORGS + "".join(
    f"{org},Trust {org},trust,Q01\n" for org in ORG_CODES if org != "T01"
)


def month_file(period: str, value: int = 1) -> str:
    return OBS_HEADER + "".join(
        f"m_count,{org},{period},{value + i},,\n" for i, org in enumerate(ORG_CODES)
    )


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """Four monthly files, each staged (as a large file is), on a two-core machine."""
    monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    data, cache, catalogue = tmp_path / "data", tmp_path / "cache", tmp_path / "catalogue"
    write(
        catalogue / "metrics.csv",
        "metric_id,metric_name,priority,board_question,unit,"
        "improvement_direction,frequency\nm_count,A count,uec,How many?,count,neutral,month\n",
    )
    write(data / "organisations.csv", ORGANISATIONS)
    for month, period in enumerate(MONTHS, start=1):
        write(data / "monthly" / f"obs_{month}.csv", month_file(period, value=10 * month))
    return data, cache, catalogue


def make(folders: tuple[Path, Path, Path]) -> Store:
    data, cache, catalogue = folders
    return Store(data, cache, catalogue_dir=catalogue)


class HeldWriter:
    """Holds the background Parquet writer until released, to look inside the window."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        real = staging.write_parquet

        def held(*args: object, **kwargs: object) -> None:
            assert self.release.wait(timeout=30), "the test never released the writer"
            real(*args, **kwargs)

        monkeypatch.setattr(staging, "write_parquet", held)


def staged_tables(store: Store) -> int:
    sql = f"SELECT count(*) FROM duckdb_tables() WHERE schema_name = '{staging.STAGE_SCHEMA}'"
    return rows(store, sql)[0][0]


def observation_parquet(store: Store) -> list[Path]:
    return sorted(store.parquet_dir.glob("*observations.parquet"))


ALL_ROWS = "SELECT metric_id, org_code, period_start, value, source_file FROM observations "


def test_large_files_are_served_at_once_and_cached_behind(folders, monkeypatch) -> None:
    held = HeldWriter(monkeypatch)
    store = make(folders)

    # Served from memory before any cache file exists.
    assert observation_parquet(store) == []
    assert staged_tables(store) >= 2  # four files over three workers: more than one group
    served = rows(store, ALL_ROWS + "ORDER BY ALL")
    assert len(served) == 20
    assert {r[4] for r in served} == {f"monthly/obs_{m}.csv" for m in range(1, 5)}
    assert rows(store, "SELECT value FROM observations WHERE org_code = 'T01' ORDER BY 1") == [
        (13.0,),
        (23.0,),
        (33.0,),
        (43.0,),
    ]
    monthly = [r for r in store.files() if r.path.startswith("monthly/")]
    assert [(r.status, r.rows_read, r.organisations) for r in monthly] == [(ingest.OK, 5, 5)] * 4

    held.release.set()
    store.flush()
    assert staged_tables(store) == 0
    assert rows(store, ALL_ROWS + "ORDER BY ALL") == served
    written = observation_parquet(store)
    assert len(written) == 4
    for path in written:  # sorted by organisation, as every cached file is
        orgs = [o for (o,) in rows(store, f"SELECT org_code FROM read_parquet('{path}')")]
        assert orgs == sorted(ORG_CODES)

    again = make(folders)
    assert again.files_ingested == 0
    assert rows(again, ALL_ROWS + "ORDER BY ALL") == served


def test_a_staged_file_that_breaks_a_rule_is_read_alone_with_real_lines(folders) -> None:
    data = folders[0]
    bad = month_file(MONTHS[1], value=20).splitlines(keepends=True)
    bad.insert(3, "m_count,,2025-02-01,99,,\n")  # line 4: blank org_code
    bad.append("m_count,T09,2025-02-01,98,,\n")  # line 8: the key of line 2 again
    write(data / "monthly" / "obs_2.csv", "".join(bad))
    store = make(folders)

    assert report(store, "monthly/obs_2.csv").rows_rejected == 2
    found = findings_for(store, "monthly/obs_2.csv")
    assert [(line, column) for line, column, _v, _r in found] == [
        (4, "org_code"),
        (8, "metric_id, org_code, period_start"),
    ]
    assert "line 2" in found[1][3]
    # Its good rows and every sibling's rows are served; the bad rows are not.
    per_file = rows(store, "SELECT source_file, count(*) FROM observations GROUP BY 1 ORDER BY 1")
    assert per_file == [(f"monthly/obs_{m}.csv", 5) for m in range(1, 5)]
    assert rows(store, "SELECT count(*) FROM observations WHERE value IN (98, 99)") == [(0,)]
    store.flush()
    assert len(observation_parquet(store)) == 4


def test_a_padded_file_is_trimmed_and_a_cast_error_keeps_the_rest(folders) -> None:
    data = folders[0]
    write(
        data / "monthly" / "obs_3.csv",
        OBS_HEADER + "m_count, T01 ,2025-03-01,5,,\nm_count,T03,2025-03-01,abc,,\n",
    )
    store = make(folders)
    assert rows(
        store, "SELECT org_code, value FROM observations WHERE period_start = '2025-03-01'"
    ) == [("T01", 5.0)]
    assert report(store, "monthly/obs_3.csv").rows_rejected == 1
    assert findings_for(store, "monthly/obs_3.csv")[0][:3] == (3, "value", "abc")


def test_a_blank_marker_in_a_number_column_is_a_blank_in_a_staged_file(folders) -> None:
    """The quick read takes only an empty field as blank: a marker makes it read again."""
    write(
        folders[0] / "monthly" / "obs_1.csv",
        OBS_HEADER + "m_count,T01,2025-01-01,5,-,n/a\nm_count,T03,2025-01-01,6,NULL,*\n",
    )
    store = make(folders)
    jan = "SELECT org_code, value, numerator, denominator FROM observations "
    assert rows(store, jan + "WHERE period_start = '2025-01-01' ORDER BY org_code") == [
        ("T01", 5.0, None, None),
        ("T03", 6.0, None, None),
    ]
    assert findings_for(store, "monthly/obs_1.csv") == []
    assert rows(store, "SELECT count(*) FROM observations") == [(17,)]


def test_a_blank_marker_in_a_text_column_is_a_blank_in_a_staged_file(folders) -> None:
    write(
        folders[0] / "monthly" / "obs_2.csv",
        OBS_HEADER + "m_count,T01,2025-02-01,7,,\nm_count,NULL,2025-02-01,8,,\n",
    )
    store = make(folders)
    assert report(store, "monthly/obs_2.csv").rows_rejected == 1
    assert findings_for(store, "monthly/obs_2.csv")[0][:2] == (3, "org_code")
    assert rows(store, "SELECT count(*) FROM observations WHERE org_code = 'NULL'") == [(0,)]


def test_a_file_that_changes_while_staged_is_left_out_and_retried(folders, monkeypatch) -> None:
    monkeypatch.setattr(file_stat, "stat_changed", lambda stat: stat.rel == "monthly/obs_4.csv")
    store = make(folders)
    assert report(store, "monthly/obs_4.csv").status == ingest.BEING_WRITTEN
    assert rows(store, "SELECT count(DISTINCT source_file), count(*) FROM observations") == [
        (3, 15)
    ]
    monkeypatch.undo()
    monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    bump(folders[0] / "monthly" / "obs_4.csv", month_file(MONTHS[3], value=70))
    assert store.refresh()
    assert report(store, "monthly/obs_4.csv").status == ingest.OK
    assert rows(store, "SELECT count(*) FROM observations") == [(20,)]


def test_a_file_rewritten_before_its_cache_is_written_serves_only_new_rows(
    folders, monkeypatch
) -> None:
    held = HeldWriter(monkeypatch)
    store = make(folders)
    path = folders[0] / "monthly" / "obs_1.csv"
    bump(path, month_file(MONTHS[0], value=500))
    assert store.refresh()
    jan = "SELECT value FROM observations WHERE period_start = '2025-01-01' ORDER BY 1"
    assert rows(store, jan) == [(500.0,), (501.0,), (502.0,), (503.0,), (504.0,)]

    held.release.set()
    store.flush()
    assert staged_tables(store) == 0
    assert rows(store, jan) == [(500.0,), (501.0,), (502.0,), (503.0,), (504.0,)]
    assert rows(store, "SELECT count(*) FROM observations") == [(20,)]
    stamp = f"-{path.stat().st_size}-{path.stat().st_mtime_ns}-"
    assert sum(stamp in p.name for p in observation_parquet(store)) == 1
    assert make(folders).files_ingested == 0


def test_a_removed_file_leaves_the_views_before_its_cache_is_written(folders, monkeypatch) -> None:
    held = HeldWriter(monkeypatch)
    store = make(folders)
    # Four files of equal size over three workers: obs_1 and obs_4 share one table.
    tables = [
        r.outputs["observations"].staged
        for r in store._results.values()
        if r.report.path.startswith("monthly/")
    ]
    assert len(set(tables)) == 3 and tables[0] == tables[3]
    (folders[0] / "monthly" / "obs_4.csv").unlink()
    assert store.refresh()
    assert rows(store, "SELECT count(*), count(DISTINCT source_file) FROM observations") == [
        (15, 3)
    ]
    held.release.set()
    store.flush()
    assert rows(store, "SELECT count(*) FROM observations") == [(15,)]
    assert staged_tables(store) == 0


def test_a_cache_that_cannot_be_written_leaves_the_rows_served(folders, monkeypatch) -> None:
    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staging, "write_parquet", fail)
    store = make(folders)
    store.flush()  # does not raise: the cache is a speed-up, not the data
    assert rows(store, "SELECT count(*) FROM observations") == [(20,)]
    assert observation_parquet(store) == []
    assert not store.refresh()  # nothing changed: the rows are not read again


def test_a_group_that_cannot_be_read_together_is_read_file_by_file(folders, monkeypatch) -> None:
    def fail(*_args: object) -> None:
        raise RuntimeError("simulated: the group could not be read together")

    monkeypatch.setattr(staging, "stage_chunk", fail)
    store = make(folders)
    assert staged_tables(store) == 0
    assert len(observation_parquet(store)) == 4  # cached at once, the one-file way
    assert rows(store, "SELECT count(*) FROM observations") == [(20,)]
    assert all(r.status == ingest.OK for r in store.files())


def test_plan_groups_large_files_by_contract_and_columns(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 10)

    def stat(name: str, text: str) -> FileStat:
        path = write(tmp_path / name, text)
        return FileStat(name, path, path.stat().st_size, path.stat().st_mtime_ns)

    a = stat("a.csv", month_file(MONTHS[0]))
    b = stat("b.csv", month_file(MONTHS[1]))
    reordered = stat("c.csv", "org_code,metric_id,period_start,value\nT01,m,2025-01-01,1\n")
    small = stat("d.csv", "x\n")
    unknown = stat("e.csv", "a,b,c\n1,2,3\n4,5,6\n")
    groups, rest = staging.plan([a, b, reordered, small, unknown])
    assert sorted([c.stat.rel for c in g] for g in groups) == [["a.csv", "b.csv"], ["c.csv"]]
    assert rest == [small, unknown]


def test_split_balances_chunks_by_size() -> None:
    def cand(rel: str, size: int) -> staging.Candidate:
        return staging.Candidate(FileStat(rel, Path(rel), size, 0), contracts.OBSERVATIONS, ())

    group = [cand("a", 9), cand("b", 5), cand("c", 4), cand("d", 3), cand("e", 1)]
    chunks = staging.split(group, 3)
    assert len(chunks) == 3
    assert sorted(sum(c.stat.size for c in chunk) for chunk in chunks) == [6, 7, 9]
    assert staging.split(group[:2], 3) == [[group[0]], [group[1]]]


def test_the_board_pages_read_staged_rows_as_they_read_cached_ones(
    tmp_path, demo_data_dir, cache_dir, fresh_store, monkeypatch
) -> None:
    """The app on a copy of the demo data, every file staged and its cache held back."""
    at_once = Store(demo_data_dir, tmp_path / "at-once")  # small files: cached at once
    assert staged_tables(at_once) == 0

    monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    held = HeldWriter(monkeypatch)

    def overview() -> tuple[AppTest, str]:
        at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=30)
        at.query_params.update({"org": "XRA05"})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        text = "\n".join(m.value for m in at.markdown)
        return at, text

    try:
        at, text = overview()
        f = at.session_state["_filters_state"]
        expected = build_board(at_once.query, "XRA05", f.period_from, f.period_to)
        answer = expected.answer("ae_4hr_all")
        assert observation_parquet(at_once)
        assert not list(cache_dir.rglob("*observations.parquet"))
        assert answer.answer in text and f"**{answer.latest_text}**" in text
    finally:
        held.release.set()
    fresh_store().flush()
    assert list(cache_dir.rglob("*observations.parquet"))
    _at, text = overview()
    assert answer.answer in text and f"**{answer.latest_text}**" in text
