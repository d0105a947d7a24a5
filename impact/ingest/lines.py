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

#: Longest field the csv module reads (its default, 128 KiB, is less than a hostile file's
#: million-digit number, which must be reported, not fail the file).
FIELD_LIMIT = 1 << 30
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


@dataclass
class RecordScan:
    """The line each good record starts on, and the records with too many fields."""

    starts: list[int] = field(default_factory=list)
    #: (line, fields found) of each good record longer than the header.
    long: list[tuple[int, int]] = field(default_factory=list)
    #: The line each rejected record starts on, by the line DuckDB gave it.
    rejected: dict[int, int] = field(default_factory=dict)


def scan_records(path: Path, rejected: list[int], width: int | None = None) -> RecordScan:
    """One pass of the csv module over the file, telling good records from ``rejected``.

    DuckDB numbers a rejected row by the lines before it *not counting* line breaks inside
    quoted values, so each record's DuckDB number is its first line less the breaks inside
    the quoted values of the records before it.
    """
    skip = set(rejected)
    scan = RecordScan()
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        inside = 0  # line breaks inside quoted values so far
        for record in reader:
            end = reader.line_num
            if record and start != 1:
                if start - inside in skip:
                    scan.rejected[start - inside] = start
                else:
                    scan.starts.append(start)
                    if width is not None and len(record) > width:
                        scan.long.append((start, len(record)))
            inside += end - start
            start = end + 1
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


def first_lines(path: Path, column: str, values: set[str]) -> dict[str, int]:
    """The line each of ``values`` first appears on in ``column`` (header names normalised).

    For findings that are found after the file was read (an id nothing defines): only
    files with such a finding are read again, and only as far as the last value's line.
    """
    found: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader, [])]
            if column not in header:
                return found
            index = header.index(column)
            start = 2
            for record in reader:
                value = record[index].strip() if index < len(record) else ""
                if value in values and value not in found:
                    found[value] = start
                    if len(found) == len(values):
                        break
                start = reader.line_num + 1
    except OSError:
        pass
    return found


def first_line_matching(path: Path, wanted: dict[str, str]) -> int | None:
    """The first line whose cells equal every one of ``wanted`` (column → text, trimmed).

    For a finding about one row that is found after the file was read (a target whose
    figure cannot be worked out): the row is named by its key, as written.
    """
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader, [])]
            index = {c: header.index(c) for c in wanted if c in header}
            start = 2
            for record in reader:
                cells = {c: record[i].strip() if i < len(record) else "" for c, i in index.items()}
                if all(cells.get(c, "") == v for c, v in wanted.items()):
                    return start
                start = reader.line_num + 1
    except OSError:
        pass
    return None
