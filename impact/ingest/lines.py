"""Which line of the file a row came from, so every finding can name it.

DuckDB numbers the rows it read, not the lines: a quoted value may span lines, blank lines
are skipped and rejected rows are missing. Python's csv module counts physical lines as
it reads, so the line each good record starts on is read from the file itself, and only
when a file has findings to report.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Callable
from pathlib import Path


def good_record_lines(path: Path, rejected: list[int]) -> list[int]:
    """The line each data record starts on, rejected ones left out, in file order."""
    skip = set(rejected)
    starts: list[int] = []
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        for record in reader:
            if record and start != 1 and start not in skip:
                starts.append(start)
            start = reader.line_num + 1
    return starts


def line_finder(path: Path, rows: int, rejected: list[int]) -> Callable[[int], int]:
    """A function from a row's position among the good rows (from 0) to its line."""
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
