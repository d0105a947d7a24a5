"""Rows DuckDB cannot read, in words; and messages that never reveal a server path."""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.contracts import OBSERVATIONS
from impact.ingest import FileStat, ingest_file, without_paths
from impact.ingest.rejects import reject_words
from tests.extracts import OBS_HEADER
from tests.ingest.conftest import errors, stat_of


def test_a_duckdb_message_names_the_file_not_its_server_path(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "obs.csv"
    path.parent.mkdir()
    path.write_text("x\n")
    stat = FileStat(rel="sub/obs.csv", path=path, size=2, mtime_ns=0)
    message = f'Invalid Input Error: Error when sniffing file "{path}": bad quote'
    cleaned = without_paths(message, stat)
    assert str(tmp_path) not in cleaned
    assert '"sub/obs.csv"' in cleaned


def test_rows_with_too_few_or_too_many_fields_are_rejected_with_their_text(read_one) -> None:
    result = read_one(
        "obs.csv", OBS_HEADER + "m,T01,2025-01-01\nm,T01,2025-02-01,1,,\nm,T01,2025-03-01,1,,,x\n"
    )
    found = errors(result)
    assert [(f[1], f[2], f[3]) for f in found] == [
        (2, "", "m,T01,2025-01-01"),
        (4, "", "m,T01,2025-03-01,1,,,x"),
    ]
    assert "fewer fields than the header" in found[0][4]
    assert "more fields than the header" in found[1][4]
    assert result.outputs["observations"].rows == 1


def test_a_row_that_is_not_utf8_is_rejected_below_a_clean_header(tmp_path: Path) -> None:
    path = tmp_path / "data" / "excel.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"org_code,org_name,org_type\nT02,Caf\xe9,trust\n")

    result = ingest_file(duckdb.connect(), stat_of(path, "excel.csv"), tmp_path / "cache")
    assert [(f[1], f[4]) for f in errors(result)] == [
        (2, "the row is not valid UTF-8 text; save the file as 'CSV UTF-8'")
    ]


def test_each_kind_of_reader_error_has_its_words() -> None:
    cast = reject_words(
        OBSERVATIONS,
        "value",
        "CAST",
        "m,T01,2025-01-01,x",
        'Could not convert string "x" to DOUBLE',
    )
    assert cast == ("value", "x", "`value` = `x` is not a number")
    quote = reject_words(OBSERVATIONS, "org_code", "UNQUOTED VALUE", 'm,"T0"1', "")
    assert quote[2] == "a value has a stray quote mark; quote the whole value or remove it"
    other = reject_words(OBSERVATIONS, "", "LINE SIZE OVER MAXIMUM", "m", "too long\nmore")
    assert other == ("", "m", "the row could not be read: too long")
    counts = reject_words(
        OBSERVATIONS, "", "TOO MANY COLUMNS", "a", "Expected Number of Columns: 6 Found: 7"
    )
    assert counts[2] == "the row has more fields than the header (expected 6, found 7)"
