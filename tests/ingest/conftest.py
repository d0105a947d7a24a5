"""Reading one file on its own, as the store and an upload check do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from impact.ingest import FileResult, FileStat, ingest_file
from tests.extracts import write

ReadOne = Callable[[str, str], FileResult]


def stat_of(path: Path, rel: str) -> FileStat:
    st = path.stat()
    return FileStat(rel, path, st.st_size, st.st_mtime_ns)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A private in-memory DuckDB, closed after the test."""
    connection = duckdb.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def read_one(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> ReadOne:
    """Write ``text`` as ``name`` in a data folder and read it with :func:`ingest_file`."""

    def read(name: str, text: str) -> FileResult:
        path = write(tmp_path / "data" / name, text)
        return ingest_file(con, stat_of(path, name), tmp_path / "cache")

    return read


def errors(result: FileResult) -> list[tuple[str, int | None, str, str, str]]:
    """(file, line, column, value, reason) of each error, in line order."""
    return [
        (f.file, f.line, f.column, f.value, f.reason)
        for f in result.findings
        if f.severity == "error"
    ]
