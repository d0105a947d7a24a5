"""A file's first line: read as a header, named uniquely, and whether values need trimming."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.ingest.header import HeaderError, column_names, needs_trim, read_header
from tests.extracts import write


def test_the_header_is_read_without_its_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", '\ufeffmetric_id,"org, code",value\nm,T01,1\n')
    assert read_header(path) == ["metric_id", "org, code", "value"]


def test_an_empty_first_line_or_a_file_not_in_utf8_is_a_header_error(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.csv", "\nmetric_id\n")
    with pytest.raises(HeaderError, match="header must be on line 1"):
        read_header(empty)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("org_n\u00e4me\n".encode("cp1252"))
    with pytest.raises(HeaderError, match="save it as 'CSV UTF-8'"):
        read_header(latin)


def test_column_names_are_normalised_and_unique_even_when_blank_or_repeated() -> None:
    assert column_names([" Metric_ID ", "", "value", "VALUE"]) == [
        "metric_id",
        "_column_2",
        "value",
        "value_4",
    ]


def test_needs_trim_looks_for_a_space_after_the_header(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.csv", "metric id,org code\nm,T01\n")
    padded = write(tmp_path / "padded.csv", "metric_id,org_code\nm, T01\n")
    assert not needs_trim(clean)
    assert needs_trim(padded)
    assert needs_trim(tmp_path / "missing.csv")  # cannot tell: trim, to be safe


def test_a_column_named_twice_is_named_with_both_positions() -> None:
    from impact.ingest.header import repeated_columns

    assert repeated_columns(["metric_id", "Value", "value "]) == (
        "columns 2 (`Value`) and 3 (`value`) are both named `value`; rename or remove one "
        "so it is clear which to read"
    )
    assert repeated_columns(["a", "", "", "b"]) is None  # blank cells are not names
