"""The store end to end, on both ingest paths: what it reads, rejects, refreshes and serves."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from impact import ingest, sql
from impact.ingest import file_stat
from impact.store import open_store, reset_stores
from tests.extracts import OBS_HEADER, ORGS, bump, findings_for, report, rows, write
from tests.store.conftest import make


def test_every_kind_of_rejection_is_reported_with_line_and_column(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(
        data / "obs.csv",
        OBS_HEADER
        + "m_pct,T01,2025-01-01,70,,\n"  # line 2: good
        + "m_pct,T01,31/13/2025,71,,\n"  # line 3: bad date
        + "m_pct,T01,2025-02-01,lots,,\n"  # line 4: bad number
        + "m_pct,T01,2025-03-01\n"  # line 5: too few fields
        + "m_pct,,2025-04-01,72,,\n"  # line 6: blank required
        + "m_pct,T01,2025-01-01,73,,\n"  # line 7: duplicate of line 2
        + "m_pct,T01,2025-05-01,74,,,extra\n"  # line 8: too many fields
        + "m_pct,T01,2025-06-01,75,,\n",  # line 9: good
    )
    write(
        data / "metrics_local.csv",
        "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
        "Bad Id,Name,uec,Question?,count,increase,month\n"  # pattern
        "ok_id,Name,urgent,Question?,count,increase,month\n"  # enum
        "ok_two,Name,uec,Not a question,count,increase,month\n",  # pattern (question mark)
    )
    write(
        data / "sa.csv",
        "org_code,assessment_date,component,score\n"
        "T01,2025-03-31,people_and_culture,7\n"  # above maximum
        "T01,2025-03-31,leadership_behaviours,0\n",  # below minimum
    )
    store = make(folders)
    obs = findings_for(store, "obs.csv")
    errors = [f for f in obs if f[0] is not None]
    assert [(f[0], f[1], f[2]) for f in errors] == [
        (3, "period_start", "31/13/2025"),
        (4, "value", "lots"),
        (5, "", "m_pct,T01,2025-03-01"),
        (6, "org_code", ""),
        (7, "metric_id, org_code, period_start", ""),
        (8, "", "m_pct,T01,2025-05-01,74,,,extra"),
    ]
    reasons = [f[3] for f in errors]
    assert reasons[0] == "`period_start` = `31/13/2025` is not a date; expected YYYY-MM-DD"
    assert reasons[1] == "`value` = `lots` is not a number"
    assert "fewer fields" in reasons[2] and "more fields" in reasons[5]
    assert reasons[3] == "`org_code` is blank; it is required"
    assert "line 2 is kept" in reasons[4]
    r = report(store, "obs.csv")
    assert (r.rows_read, r.rows_rejected, r.status) == (8, 6, ingest.ROWS_REJECTED)
    assert rows(store, "SELECT value FROM observations ORDER BY period_start") == [(70.0,), (75.0,)]

    metrics = findings_for(store, "metrics_local.csv")
    assert [(f[0], f[1], f[2]) for f in metrics] == [
        (2, "metric_id", "Bad Id"),
        (3, "priority", "urgent"),
        (4, "board_question", "Not a question"),
    ]
    assert "is not one of: elective, uec, primary_care, improvement" in metrics[1][3]
    sa = findings_for(store, "sa.csv")
    assert [(f[0], f[1], f[3]) for f in sa] == [
        (2, "score", "`score` = `7` is above the maximum 5"),
        (3, "score", "`score` = `0` is below the minimum 1"),
    ]


def test_line_numbers_count_blank_lines_and_values_spanning_lines(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(
        data / "crlf.csv",
        "metric_id,org_code,period_start,value\r\n"
        "m_pct,T01,2025-01-01,1\r\n"
        "m_pct,T01,2025-13-01,1\r\n"
        "\r\n"
        "m_pct,T01,2025-02-01,\r\n",
    )
    write(
        data / "projects.csv",
        "project_id,org_code,title,priority,status,start_date\n"
        'P1,T01,"a title\nover two lines",uec,active,2025-01-01\n'
        "P2,T01,x,uec,bogus,2025-01-01\n",
    )
    store = make(folders)
    assert [f[:2] for f in findings_for(store, "crlf.csv") if f[0]] == [
        (3, "period_start"),
        (5, "value"),
    ]
    assert [f[:2] for f in findings_for(store, "projects.csv") if f[0]] == [(4, "status")]
    assert rows(store, "SELECT title FROM projects") == [("a title\nover two lines",)]


def test_a_bad_file_leaves_every_other_file_loaded(folders) -> None:
    data = folders[0]
    write(data / "good.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    write(data / "orgs.csv", ORGS)
    write(data / "empty.csv", "")
    write(
        data / "excel.csv", "org_code,org_name,org_type\nT02,Caf\u00e9,trust\n", encoding="cp1252"
    )
    write(data / "excel2.csv", "org_code,org_n\u00e4me,org_type\nT02,x,trust\n", encoding="cp1252")
    write(data / "half.csv", "metric_id,org_code,period_start,numerator\nm_pct,T01,2025-01-01,3\n")
    store = make(folders)
    assert report(store, "empty.csv").status == ingest.FILE_REJECTED
    assert "not UTF-8" in report(store, "excel2.csv").message
    # a non-UTF-8 row below a clean header is rejected as a row, with its line
    assert [(f[0], f[3]) for f in findings_for(store, "excel.csv")] == [
        (2, "the row is not valid UTF-8 text; save the file as 'CSV UTF-8'")
    ]
    half = report(store, "half.csv")
    assert half.status == ingest.NOT_RECOGNISED
    assert (half.closest_contract, half.missing_columns) == ("observations", ["value"])
    assert rows(store, "SELECT count(*) FROM observations") == [(1,)]
    assert rows(store, "SELECT count(*) FROM organisations") == [(3,)]


def test_fingerprint_changes_on_add_modify_delete_and_refresh_sees_it(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    first = write(data / "a.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    store = make(folders)
    fp0 = store.fingerprint
    assert store.refresh() is False and store.fingerprint == fp0

    write(data / "b.csv", OBS_HEADER + "m_pct,T01,2025-02-01,76,,\n")
    assert store.refresh() is True
    fp1 = store.fingerprint
    assert fp1 != fp0
    assert rows(store, "SELECT count(*) FROM observations") == [(2,)]

    bump(first, OBS_HEADER + "m_pct,T01,2025-01-01,80,,\n")
    assert store.refresh() is True
    fp2 = store.fingerprint
    assert fp2 not in (fp0, fp1)
    assert rows(store, "SELECT value FROM observations ORDER BY period_start") == [(80.0,), (76.0,)]

    first.unlink()
    assert store.refresh() is True
    assert store.fingerprint not in (fp0, fp1, fp2)
    assert rows(store, "SELECT value FROM observations") == [(76.0,)]


def test_a_file_that_changes_while_read_is_reported_and_retried(folders, monkeypatch) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    monkeypatch.setattr(file_stat, "stat_changed", lambda stat: stat.rel == "obs.csv")
    store = make(folders)
    assert report(store, "obs.csv").status == ingest.BEING_WRITTEN
    assert rows(store, "SELECT count(*) FROM observations") == [(0,)]
    monkeypatch.undo()
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(folders[1]))
    bump(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,76,,\n")
    assert store.refresh() is True
    assert report(store, "obs.csv").status == ingest.OK
    assert rows(store, "SELECT value FROM observations") == [(76.0,)]


def test_bound_parameters_cannot_inject_sql(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    store = make(folders)
    assert len(store.query("store_org_series", org_code="T01")) == 1
    assert store.query("store_org_series", org_code="x' OR 1=1 --").empty
    assert store.query("store_org_series", org_code="'; DROP VIEW observations; --").empty
    assert len(store.query("store_org_series", org_code="T01")) == 1
    for bad in ("../secret", "store_org_series.sql", "a/b"):
        with pytest.raises(sql.QueryError):
            store.query(bad)
    with pytest.raises(sql.QueryError, match="missing"):
        store.query("store_org_series")


def test_queries_from_many_threads_share_the_store(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(
        data / "obs.csv",
        OBS_HEADER + "".join(f"m_pct,T01,2024-{m:02d}-01,{m},,\n" for m in range(1, 13)),
    )
    store = make(folders)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                assert len(store.query("store_org_series", org_code="T01")) == 12
        except BaseException as exc:  # noqa: BLE001 - any failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_open_store_gives_one_store_per_folder(folders) -> None:
    data, cache, _ = folders
    reset_stores()
    try:
        a = open_store(data, cache)
        assert open_store(str(data), str(cache)) is a
        assert open_store(data, cache / "other") is not a
    finally:
        reset_stores()


def test_an_unchanged_refresh_opens_no_file_and_reads_nothing(folders, monkeypatch) -> None:
    """A page calls refresh on every rerun: with nothing changed it only lists the folder."""
    data = folders[0]
    for i in range(30):
        write(data / f"f{i}.csv", OBS_HEADER + f"m_pct,T{i:02d},2025-01-01,75,,\n")
    store = make(folders)
    parsed, fingerprint = store.files_ingested, store.fingerprint
    opened: list[Path] = []
    real_open = Path.open

    def watched(self: Path, *args: object, **kwargs: object):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watched)
    assert store.refresh() is False
    assert (store.files_ingested, store.fingerprint, opened) == (parsed, fingerprint, [])


def test_a_publication_reader_feeds_the_same_tables_and_checks(folders, monkeypatch) -> None:
    """A reader's rows are validated like an extract's, and its editions rank by priority."""
    from impact import sources

    def outputs(con, path):
        rows = con.sql(
            "SELECT * FROM read_csv($path, header = true, all_varchar = true)",
            params={"path": str(path)},
        )
        return {
            "observations": rows.query(
                "r",
                "SELECT 'm_pct' AS metric_id, code AS org_code, "
                "CAST(month AS DATE) AS period_start, CAST(pct AS DOUBLE) AS value, "
                "CAST(line AS BIGINT) AS source_line FROM r",
            ),
            "organisations": rows.query(
                "r",
                "SELECT DISTINCT code AS org_code, code AS org_name, 'trust' AS org_type FROM r",
            ),
        }

    reader = sources.Reader(
        name="test_publication",
        title="A test publication",
        matches=lambda header: header[:2] == ["Code", "Month"],
        outputs=outputs,
        priority=lambda path: 1 if "revised" in path.name else 0,
    )
    monkeypatch.setattr(sources, "match_reader", lambda header: reader)
    data = folders[0]
    write(data / "pub.csv", "Code,Month,Pct,Line\nT01,2025-01-01,70,2\nT01,2025-02-01,,3\n")
    write(data / "pub-revised.csv", "Code,Month,Pct,Line\nT01,2025-01-01,72,2\n")
    old = (data / "pub.csv").stat().st_mtime_ns
    os.utime(data / "pub-revised.csv", ns=(old - 10**10, old - 10**10))  # older, but revised
    store = make(folders)
    pub = report(store, "pub.csv")
    assert (pub.reader, pub.contract) == ("test_publication", "observations, organisations")
    assert findings_for(store, "pub.csv")[0][:2] == (3, "value")  # blank value, its own line
    assert rows(store, "SELECT value, source_file FROM observations") == [(72.0, "pub-revised.csv")]
    reasons = " ".join(f[3] for f in findings_for(store, "pub.csv"))
    assert "is used because it comes from a higher-ranked source" in reasons
    assert rows(store, "SELECT org_code FROM organisations") == [("T01",)]
