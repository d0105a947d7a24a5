"""A file's first line: read it as a CSV header, and name the columns to read the file with.

Only the header decides what a file is (:mod:`impact.contracts.matching`), so it is read
on its own, before DuckDB opens the file, and a file whose header cannot be read (empty,
not UTF-8) is rejected as a whole with words that say how to fix it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from impact import contracts


class HeaderError(Exception):
    """The first line cannot be read as a CSV header."""


def read_header(path: Path) -> list[str]:
    """The header cells of a CSV file (BOM removed), or :class:`HeaderError`."""
    with path.open("rb") as fh:
        first = fh.readline(1 << 20)
        head = first + fh.read(4096)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise HeaderError(
            "the file is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8' "
            "and drop it in again"
        )
    if b"\0" in head:
        raise HeaderError("the file is not text (it holds binary data); is it really a CSV?")
    if not first.strip():
        raise HeaderError("the first line is empty; the header must be on line 1")
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HeaderError(
            "the file is not UTF-8 text (often a spreadsheet saved as plain 'CSV'); "
            "save it as 'CSV UTF-8' and drop it in again"
        ) from exc
    try:
        # Universal newlines: a file with old Mac line ends (CR alone) is one "line" here.
        return next(csv.reader(io.StringIO(text, newline=None)), [])
    except csv.Error as exc:
        raise HeaderError(f"the header cannot be read as CSV: {exc}") from exc


def repeated_columns(header: list[str]) -> str | None:
    """Why a header naming one column twice cannot be read, or ``None`` when it does not.

    Two cells that read the same once trimmed and lower-cased (``Value`` and ``value ``)
    would both claim the column, and whichever was read first would silently win.
    """
    first: dict[str, int] = {}
    for i, cell in enumerate(contracts.normalise_header(header)):
        if not cell:
            continue
        if cell in first:
            j = first[cell]
            return (
                f"columns {j + 1} (`{header[j].strip()}`) and {i + 1} (`{header[i].strip()}`) "
                f"are both named `{cell}`; rename or remove one so it is clear which to read"
            )
        first[cell] = i
    return None


def column_names(header: list[str]) -> list[str]:
    """Names to read the file with: normalised, and unique even for blank or repeated cells."""
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(contracts.normalise_header(header)):
        name = cell or f"_column_{i + 1}"
        if name in seen:
            name = f"{name}_{i + 1}"
        seen.add(name)
        names.append(name)
    return names


def needs_trim(path: Path, block: int = 1 << 22) -> bool:
    """True when a space appears after the header, so text values may need trimming.

    DuckDB's ``trim`` removes spaces only; a file without one (the usual machine-written
    extract) has nothing to trim, and skipping it saves a copy of every text value.
    """
    try:
        with path.open("rb") as fh:
            fh.readline(1 << 20)
            while chunk := fh.read(block):
                if b" " in chunk:
                    return True
    except OSError:
        return True
    return False
