"""Which line of the file a row came from, so every finding can name it.

DuckDB numbers the rows it read, not the lines: a quoted value may span lines, blank lines
are skipped and rejected rows are missing. Python's csv module counts physical lines as
it reads, so the line each good record starts on is read from the file itself, and only
when a file has findings to report. The same pass counts each record's fields, so a row
with more fields than the header (which DuckDB lets through when the extra fields are
empty; see :mod:`impact.ingest.field_count`) is named too.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RecordScan:
    """The line each good record starts on, and the records with too many fields."""

    starts: list[int] = field(default_factory=list)
    #: (line, fields found) of each good record longer than the header.
    long: list[tuple[int, int]] = field(default_factory=list)


def scan_records(path: Path, rejected: list[int], width: int | None = None) -> RecordScan:
    """One pass of the csv module over the file; ``rejected`` lines are left out."""
    skip = set(rejected)
    scan = RecordScan()
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        for record in reader:
            if record and start != 1 and start not in skip:
                scan.starts.append(start)
                if width is not None and len(record) > width:
                    scan.long.append((start, len(record)))
            start = reader.line_num + 1
    return scan


def good_record_lines(path: Path, rejected: list[int]) -> list[int]:
    """The line each data record starts on, rejected ones left out, in file order."""
    return scan_records(path, rejected).starts


def line_finder(
    path: Path, rows: int, rejected: list[int], good_lines: list[int] | None = None
) -> Callable[[int], int]:
    """A function from a row's position among the good rows (from 0) to its line."""
    if good_lines is None:
        good_lines = good_record_lines(path, rejected)

    def line_of(row: int) -> int:
        if len(good_lines) == rows:  # the usual case: exact, even past blank lines
            return good_lines[row]
        # Fallback: count records, walking past the rejected lines before this one.
        line = row + 2
        while True:
            moved = row + 2 + bisect.bisect_right(rejected, line)
            if moved == line:
                return line
            line = moved

    return line_of
