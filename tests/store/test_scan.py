"""Which files the store reads: any name or folder, the demo rule, and the fingerprint."""

from __future__ import annotations

from pathlib import Path

from impact.contracts import CONTRACTS
from impact.store.scan import extract_files, fingerprint
from tests.extracts import OBS_HEADER, ORGS, report, rows, write
from tests.store.conftest import make


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


def test_extract_files_skips_hidden_files_lock_files_and_the_cache(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data / "a.csv", ORGS)
    write(data / "sub" / "B.CSV", ORGS)
    write(data / ".hidden.csv", ORGS)
    write(data / "~$locked.csv", ORGS)
    write(data / ".git" / "x.csv", ORGS)
    write(data / "cache" / "files" / "c.csv", ORGS)
    write(data / "notes.txt", "not an extract")
    found = extract_files(data, skip=(data / "cache",))
    assert [s.rel for s in found] == ["a.csv", "sub/B.CSV"]
    assert found[0].size == len(ORGS)


def test_the_fingerprint_moves_with_any_path_size_or_mtime(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", ORGS)
    (stat,) = extract_files(tmp_path)
    base = fingerprint([stat])
    assert fingerprint([stat]) == base
    moved = [
        type(stat)("b.csv", path, stat.size, stat.mtime_ns),
        type(stat)("a.csv", path, stat.size + 1, stat.mtime_ns),
        type(stat)("a.csv", path, stat.size, stat.mtime_ns + 1),
    ]
    assert len({base, *(fingerprint([m]) for m in moved)}) == 4
    assert fingerprint([]) != base
