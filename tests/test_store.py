"""The store: header matching, validation findings, cross-file rules, fingerprint and cache."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from impact import ingest, sql, staging
from impact.store import CATALOGUE_PREFIX, Store, open_store, reset_stores

OBS_HEADER = "metric_id,org_code,period_start,value,numerator,denominator\n"
ORGS = (
    "org_code,org_name,org_type,parent_code\n"
    "Y01,Region,region,\nQ01,ICB,icb,Y01\nT01,Trust,trust,Q01\n"
)
METRICS = (
    "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
    "m_pct,A percentage,uec,Is it good?,percent,increase,month\n"
    "m_count,A count,uec,How many?,count,neutral,month\n"
)
TARGETS = (
    "metric_id,org_code,target_value,effective_from,effective_to,source\n"
    "m_pct,,76,2023-04-01,2024-03-31,national guidance\n"
    "m_pct,,78,2024-04-01,,national guidance\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def bump(path: Path, text: str) -> None:
    """Rewrite a file so its size or mtime surely changes (coarse clocks)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.fixture(params=["cached at once", "staged"])
def folders(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, Path]:
    """A data folder, cache and catalogue; every store test runs on both ingest paths.

    "staged": every file counts as large, so it is read with others of its layout into
    memory and its Parquet written behind (:mod:`impact.staging`); the rules must hold
    exactly as when each file is cached at once.
    """
    if request.param == "staged":
        monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    data, cache, catalogue = tmp_path / "data", tmp_path / "cache", tmp_path / "catalogue"
    data.mkdir()
    write(catalogue / "metrics.csv", METRICS)
    write(catalogue / "targets.csv", TARGETS)
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(cache))
    return data, cache, catalogue


def make(folders: tuple[Path, Path, Path]) -> Store:
    data, cache, catalogue = folders
    return Store(data, cache, catalogue_dir=catalogue)


def report(store: Store, path: str) -> ingest.FileReport:
    return next(r for r in store.files() if r.path == path)


def rows(store: Store, sql: str) -> list[tuple]:
    return store.cursor().execute(sql).fetchall()


def findings_for(store: Store, path: str) -> list[tuple]:
    frame = store.findings()
    part = frame[frame["file"] == path]
    return [
        (None if pd.isna(r.line) else int(r.line), r.column, r.value, r.reason)
        for r in part.itertuples()
    ]


def test_files_are_matched_by_header_whatever_their_name_or_folder(folders) -> None:
    data = folders[0]
    write(
        data / "deep" / "er" / "my export (final).csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n"
    )
    write(data / "observations.csv", ORGS)  # named like one contract, holds another
    store = make(folders)
    assert report(store, "deep/er/my export (final).csv").contract == "observations"
    assert report(store, "observations.csv").contract == "organisations"
    assert rows(store, "SELECT org_code, value, source_file FROM observations") == [
        ("T01", 75.0, "deep/er/my export (final).csv")
    ]


def test_every_kind_of_rejection_is_reported_with_line_and_column(folders) -> None:
    data = folders[0]
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


def test_restart_with_unchanged_files_parses_no_csv_and_a_change_parses_one(folders) -> None:
    data = folders[0]
    write(data / "a.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    b = write(data / "b.csv", OBS_HEADER + "m_pct,T01,2025-02-01,76,,\nm_pct,,2025-03-01,1,,\n")
    first = make(folders)
    assert first.files_ingested == 4  # two extracts and the two catalogue files
    expected = rows(first, "SELECT * FROM observations ORDER BY period_start")
    first.flush()  # a staged file's cache is written behind; a restart needs it on disk

    again = make(folders)
    assert again.files_ingested == 0
    assert rows(again, "SELECT * FROM observations ORDER BY period_start") == expected
    assert report(again, "b.csv").rows_rejected == 1
    assert findings_for(again, "b.csv")[0][:2] == (3, "org_code")

    bump(b, OBS_HEADER + "m_pct,T01,2025-02-01,77,,\n")
    again.flush()
    third = make(folders)
    assert third.files_ingested == 1
    assert rows(third, "SELECT value FROM observations ORDER BY period_start") == [(75.0,), (77.0,)]


def test_same_key_in_two_files_the_newer_wins_and_a_warning_says_why(folders) -> None:
    data = folders[0]
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


def test_the_national_catalogue_is_loaded_and_an_analyst_file_overrides_it(folders) -> None:
    data = folders[0]
    store = make(folders)
    assert rows(store, "SELECT metric_id FROM metrics ORDER BY 1") == [("m_count",), ("m_pct",)]
    assert rows(store, "SELECT count(*) FROM targets") == [(2,)]
    write(
        data / "local" / "my_metrics.csv",
        "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
        "m_pct,Our own definition,uec,Is it ours?,percent,increase,month\n",
    )
    write(
        data / "local" / "my_targets.csv",
        "metric_id,org_code,target_value,effective_from\nm_pct,T01,85,2024-04-01\n",
    )
    store.refresh()
    assert rows(store, "SELECT metric_id, metric_name, source_file FROM metrics ORDER BY 1") == [
        ("m_count", "A count", CATALOGUE_PREFIX + "metrics.csv"),
        ("m_pct", "Our own definition", "local/my_metrics.csv"),
    ]
    assert rows(store, "SELECT org_code, target_value FROM targets") == [("T01", 85.0)]
    reasons = [f[3] for f in findings_for(store, "local/my_metrics.csv")]
    assert any("replace the national catalogue" in r for r in reasons)


def test_cross_file_checks_warn_about_unknown_codes_ranges_and_gaps(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(
        data / "obs.csv",
        OBS_HEADER
        + "m_pct,T01,2025-01-01,70,,\n"
        + "m_pct,T01,2025-04-01,170,,\n"
        + "nope,T01,2025-01-01,1,,\n"
        + "m_count,ZZZ,2025-01-01,1,,\n",
    )
    write(
        data / "projects.csv",
        "project_id,org_code,title,priority,metric_id,status,start_date\n"
        "P1,T01,Flow,uec,ghost_metric,active,2025-01-01\n",
    )
    store = make(folders)
    frame = store.findings()
    warnings = frame[frame["severity"] == "warning"]
    text = " | ".join(warnings["reason"])
    assert "metric_id `nope` (1 row(s)) not found in the metrics catalogue" in text
    assert "org_code `ZZZ` (1 row(s)) not found in the organisations" in text
    assert "metric_id `ghost_metric` (1 row(s)) not found" in text
    assert "1 percentage value(s) outside 0–100" in text
    assert "`m_pct` for `T01` has 2 month(s) missing between 2025-01 and 2025-04" in text
    assert set(frame.columns) == {"file", "line", "column", "value", "reason", "severity"}


def test_bound_parameters_cannot_inject_sql(folders) -> None:
    data = folders[0]
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


def test_the_demo_folder_is_read_only_when_nothing_else_is_there(folders) -> None:
    data = folders[0]
    write(data / "demo" / "orgs.csv", ORGS)
    store = make(folders)
    assert [r.path for r in store.files() if r.origin == "data"] == ["demo/orgs.csv"]
    write(data / "real" / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    write(data / ".hidden" / "x.csv", ORGS)
    write(data / ".~lock.csv", ORGS)
    store.refresh()
    assert [r.path for r in store.files() if r.origin == "data"] == ["real/obs.csv"]
    assert rows(store, "SELECT count(*) FROM organisations") == [(0,)]


def test_an_exported_question_log_does_not_switch_the_demo_off(folders) -> None:
    from impact.contracts import CONTRACTS

    data = folders[0]
    write(data / "demo" / "orgs.csv", ORGS)
    header = ",".join(CONTRACTS["board_questions"].column_names)
    row = "Q-1,T01,m_pct,Is it good?,Chair,COO,2025-01-07,2025-02-04,open,,,1"
    write(data / "board_questions_T01.csv", f"{header}\n{row}\n")
    store = make(folders)
    paths = [r.path for r in store.files() if r.origin == "data"]
    assert paths == ["board_questions_T01.csv", "demo/orgs.csv"]
    assert rows(store, "SELECT count(*) FROM organisations") == [(3,)]
    write(data / "real" / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    store.refresh()
    paths = [r.path for r in store.files() if r.origin == "data"]
    assert paths == ["board_questions_T01.csv", "real/obs.csv"]


def test_a_file_that_changes_while_read_is_reported_and_retried(folders, monkeypatch) -> None:
    data = folders[0]
    write(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    monkeypatch.setattr(ingest, "stat_changed", lambda stat: stat.rel == "obs.csv")
    store = make(folders)
    assert report(store, "obs.csv").status == ingest.BEING_WRITTEN
    assert rows(store, "SELECT count(*) FROM observations") == [(0,)]
    monkeypatch.undo()
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(folders[1]))
    bump(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,76,,\n")
    assert store.refresh() is True
    assert report(store, "obs.csv").status == ingest.OK
    assert rows(store, "SELECT value FROM observations") == [(76.0,)]


def test_open_store_gives_one_store_per_folder(folders) -> None:
    data, cache, _ = folders
    reset_stores()
    try:
        a = open_store(data, cache)
        assert open_store(str(data), str(cache)) is a
        assert open_store(data, cache / "other") is not a
    finally:
        reset_stores()


def test_unchanged_refresh_is_cheap(folders) -> None:
    data = folders[0]
    for i in range(30):
        write(data / f"f{i}.csv", OBS_HEADER + f"m_pct,T{i:02d},2025-01-01,75,,\n")
    store = make(folders)
    start = time.perf_counter()
    assert store.refresh() is False
    assert time.perf_counter() - start < 0.2


def test_identical_rows_in_two_files_are_kept_once_without_a_warning(folders) -> None:
    data = folders[0]
    write(data / "a" / "orgs.csv", ORGS)
    write(data / "b" / "orgs.csv", ORGS)
    store = make(folders)
    assert rows(store, "SELECT count(*) FROM organisations") == [(3,)]
    assert not [f for f in store.findings()["reason"] if "same org_code" in f]


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


def test_line_numbers_count_blank_lines_and_values_spanning_lines(folders) -> None:
    data = folders[0]
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


def test_many_files_are_written_sorted_by_organisation_and_engine_threads_restored(
    folders, monkeypatch
) -> None:
    """More files than cores takes the one-engine-thread-per-file path; it must not leak."""
    data = folders[0]
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    orgs = ["T09", "T03", "T07", "T01", "T05"]
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
