"""The quick pass that says whether a file may hold rows longer than its header."""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.ingest.field_count import files_with_long_rows, long_row_reason, may_have_long_rows


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_empty_fields_are_spotted_commas_inside_quotes_are_not(tmp_path: Path) -> None:
    con = duckdb.connect()
    quoted = _file(tmp_path, 'a,b,c\n1,"x,y,z",3\n4,,\n')
    assert not may_have_long_rows(con, quoted, 3)
    padded = _file(tmp_path, "a,b,c\n1,2,3\n4,5,6,,\n")
    assert may_have_long_rows(con, padded, 3)


def test_the_reason_names_both_counts() -> None:
    assert long_row_reason(6, 8) == "the row has more fields than the header (expected 6, found 8)"


def test_one_field_too_many_is_the_boundary(tmp_path: Path) -> None:
    """Exactly ``width`` fields passes; ``width + 1`` (one trailing comma) is caught, with
    percent signs and underscores in the values taken as text, not as patterns."""
    con = duckdb.connect()
    full = _file(tmp_path, "a,b,c\n1%,_2,3\n,,\n")
    assert not may_have_long_rows(con, full, 3)
    one_more = _file(tmp_path, "a,b,c\n1%,_2,3\n4,5,6,\n")
    assert may_have_long_rows(con, one_more, 3)


def test_one_pass_over_a_chunk_names_only_the_padded_files(tmp_path: Path) -> None:
    con = duckdb.connect()
    (tmp_path / "ok").mkdir()
    (tmp_path / "bad").mkdir()
    clean = _file(tmp_path / "ok", 'a,b,c\n1,"x,y,z",3\n4,,\n')
    padded = _file(tmp_path / "bad", "a,b,c\n1,2,3\n4,5,6,,\n")
    assert files_with_long_rows(con, [clean, padded], 3) == {str(padded)}
    assert files_with_long_rows(con, [clean], 3) == set()
    assert files_with_long_rows(con, [], 3) == set()


def test_files_that_cannot_be_read_as_lines_all_go_the_exact_way(tmp_path: Path) -> None:
    con = duckdb.connect()
    missing = tmp_path / "gone.csv"
    assert files_with_long_rows(con, [missing], 3) == {str(missing)}
