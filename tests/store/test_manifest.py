"""The cache kept across restarts: nothing parsed again unless it changed."""

from __future__ import annotations

import os
from pathlib import Path

from impact.ingest import FileReport, FileResult, Output
from impact.store import manifest
from tests.extracts import OBS_HEADER, ORGS, bump, findings_for, report, rows, write
from tests.store.conftest import make


def test_restart_with_unchanged_files_parses_no_csv_and_a_change_parses_one(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "a.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    b = write(data / "b.csv", OBS_HEADER + "m_pct,T01,2025-02-01,76,,\nm_pct,,2025-03-01,1,,\n")
    first = make(folders)
    assert first.files_ingested == 5  # three extracts and the two catalogue files
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


def test_a_damaged_or_outdated_manifest_means_every_file_is_read_again(folders) -> None:
    write(folders[0] / "a.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    first = make(folders)
    first.flush()
    restarted = make(folders)
    assert restarted.files_ingested == 0
    restarted.flush()
    first.manifest_path.write_text("{not json", encoding="utf-8")
    damaged = make(folders)
    assert damaged.files_ingested == 3  # the extract and the two catalogue files
    damaged.flush()  # its manifest is written behind: let it land before the next restart

    again = make(folders)  # the one just made wrote a good manifest
    assert again.files_ingested == 0
    again.flush()  # nothing of its own may be written after the edit below
    text = again.manifest_path.read_text(encoding="utf-8")
    again.manifest_path.write_text(text.replace(manifest.code_stamp(), "old-rules"), "utf-8")
    assert make(folders).files_ingested == 3


def test_the_manifest_is_written_whole_with_no_temporary_file_left(folders) -> None:
    write(folders[0] / "a.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    store = make(folders)
    store.flush()
    results, stamps = manifest.load(store.manifest_path)
    assert set(results) == set(stamps) == {r.path for r in store.files()}
    assert [p.name for p in store.cache.iterdir() if p.is_file()] == ["manifest.json"]


def test_garbage_collection_keeps_used_and_recent_parquet(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    old, recent, used = (
        write(folder / n, "x") for n in ("old.parquet", "new.parquet", "u.parquet")
    )
    long_ago = old.stat().st_mtime - manifest.GC_AFTER_S - 10
    for path in (old, used):
        os.utime(path, (long_ago, long_ago))
    result = FileResult(
        FileReport("u.csv", "data", 1, 0.0, "ok"),
        [],
        {"observations": Output("observations", "u.parquet", 1, None, None, None)},
    )
    manifest.collect_garbage(folder, {"u.csv": result})
    assert sorted(p.name for p in folder.iterdir()) == ["new.parquet", "u.parquet"]
    assert recent.exists()
