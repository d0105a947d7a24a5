"""Rows with more fields than the header, which DuckDB's reader lets through when empty.

DuckDB rejects a row with an extra *value* (``store_rejects`` records it), but a row that
ends in extra empty fields (``a,b,c,,``: a spreadsheet's stray column) is read as if the
fields were not there, and the analyst is never told that their columns are shifted or
padded. Python's csv module counts fields exactly, but reading every file with it would
double the cost of ingest, so one quick DuckDB pass over the raw lines says whether any
line *may* have too many separators (:func:`may_have_long_rows`); only then is the file
read on the slow path, where :func:`impact.ingest.lines.scan_records` counts each
record's fields and names the line.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sql import lit

#: A character no extract holds, so DuckDB gives each physical line as one value.
_NO_DELIMITER = "\x01"
#: A quoted value (commas inside it are not separators).
_QUOTED = '"([^"]|"")*"'


#: The kind recorded for a row with more fields than the header.
LONG_ROW = "fields"


def long_row_reason(expected: int | str, found: int | str) -> str:
    """The reason for a row with more fields than the header."""
    return f"the row has more fields than the header (expected {expected}, found {found})"


def _long_line(width: int) -> str:
    """The condition on a raw line ``l``: it holds at least ``width`` unquoted commas."""
    stripped = f"regexp_replace(l, {lit(_QUOTED)}, '', 'g')"
    unquoted = f"CASE WHEN contains(l, '\"') THEN {stripped} ELSE l END"
    # "At least ``width`` commas" as one LIKE pattern ('%,%,…'): DuckDB matches it without
    # building a copy of every line, which halves this pass (length - length(replace) did).
    return f"{unquoted} LIKE {lit('%' + ',%' * int(width))}"


def _raw_lines(paths: list[Path], *, filename: bool = False) -> str:
    """Every physical line after the header of ``paths``, as column ``l``."""
    files = "[" + ", ".join(lit(str(p)) for p in paths) + "]"
    named = ", filename=true" if filename else ""
    return (
        f"read_csv({files}, columns={{'l': 'VARCHAR'}}{named}, header=true, "
        f"auto_detect=false, delim={lit(_NO_DELIMITER)}, quote='', escape='', "
        f"ignore_errors=true)"
    )


def long_rows_sql(path: Path, width: int) -> str:
    """A count of the physical lines after the header with more than ``width`` fields.

    A line inside a quoted value that spans lines may be counted too: that only sends the
    file to the exact count, never lets a long row through.
    """
    return f"SELECT count(*) FROM {_raw_lines([path])} WHERE {_long_line(width)}"


def files_with_long_rows(con: duckdb.DuckDBPyConnection, paths: list[Path], width: int) -> set[str]:
    """Of files that share a header ``width``, those whose lines may be too long.

    One pass over all of them (a staged chunk's files), which costs less than half as much
    as one query per file. Should the files not read together as raw lines, every one is
    named, so each goes the exact, one-file way: never a long row let through.
    """
    if not paths:
        return set()
    sql = (
        f"SELECT DISTINCT filename FROM {_raw_lines(paths, filename=True)} "
        f"WHERE {_long_line(width)}"
    )
    try:
        return {str(name) for (name,) in con.execute(sql).fetchall()}
    except duckdb.Error:
        return {str(p) for p in paths}


def may_have_long_rows(con: duckdb.DuckDBPyConnection, path: Path, width: int) -> bool:
    """True when a line of the file may hold more fields than the header's ``width``."""
    row = con.execute(long_rows_sql(path, width)).fetchone()
    return bool(row and row[0])
