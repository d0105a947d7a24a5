"""What the reader tests share: a fresh DuckDB connection and a CSV's header as published."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

#: The reader tests' own files (the RTT extract is too large to ship; a stand-in is here).
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def header(path: Path) -> list[str]:
    """The first row of a CSV, read with the csv module (independent of the readers)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))
