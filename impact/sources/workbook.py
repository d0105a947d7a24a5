"""Worksheets of a published workbook (``.xls`` or ``.xlsx``) as rows a reader's SQL can read.

Some NHS England publications (DM01 diagnostics among them) are published only as Excel
workbooks: a title block (``Period:``, ``Revised:`` …), then a header row, then data. The
workbook is opened with python-calamine, one library for both the Excel 97 (``.xls``) and
the Office Open XML (``.xlsx``) forms, written in Rust and fast on NHS-sized sheets. A
worksheet becomes a list of rows whose cells are text, as DuckDB reads a CSV with
``all_varchar``; the reader's SQL casts them. Every problem with the workbook itself (not
a workbook, password-protected, corrupt, a sheet missing, a header not found) is a
:class:`WorkbookError` whose message names the sheet, row and column where there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError

from impact.sources import PublicationProblem
from impact.sources.header import normalise_cell

#: How far down a sheet the header is looked for: a publication's title block may grow by
#: a line or two between editions, so the header is found, not assumed to be on one row.
HEADER_SEARCH_ROWS = 40

#: The Excel forms by their first bytes: an OLE2 compound file (``.xls``, and also any
#: password-protected Office file) and a zip package (``.xlsx``).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | None


class WorkbookError(PublicationProblem):
    """The workbook, or a sheet in it, cannot be read as the publication expects."""


@dataclass(frozen=True)
class SheetRows:
    """A worksheet below its header: ``rows`` are dicts keyed by ``columns``.

    Each row also carries ``source_line`` (its row number in Excel, as the analyst sees
    it) and the title block's values as ``title_<label>`` (``title_period``…).
    """

    sheet: str
    header_row: int
    columns: tuple[str, ...]
    rows: list[dict[str, Cell]]


def is_encrypted_ooxml(path: Path) -> bool:
    """True for a password-protected .xlsx: an OLE2 file holding an ``EncryptedPackage``."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    return head.startswith(OLE2_MAGIC) and "EncryptedPackage".encode("utf-16-le") in head


def open_workbook(path: Path) -> CalamineWorkbook:
    """The workbook, or a :class:`WorkbookError` saying in plain words why not."""
    if is_encrypted_ooxml(path):
        raise WorkbookError(_PASSWORD)
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise WorkbookError(_PASSWORD) from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for a bad file
        raise WorkbookError(f"the workbook cannot be read (it may be damaged): {exc}") from exc


_PASSWORD = "the workbook is password-protected; save it without a password and drop it in again"


def sheet_names(path: Path) -> list[str]:
    """The names of the workbook's sheets, in order."""
    return list(open_workbook(path).sheet_names)


def cell_text(value: object) -> Cell:
    """A cell as text, as DuckDB would read it from a CSV (whole numbers without ``.0``)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _unique_columns(cells: list[Cell]) -> tuple[str, ...]:
    names: list[str] = []
    for i, cell in enumerate(cells):
        name = normalise_cell(cell or "") or f"_column_{i + 1}"
        names.append(name if name not in names else f"{name}_{i + 1}")
    return tuple(names)


def _title_block(rows: list[list[Cell]]) -> dict[str, Cell]:
    """``Label:`` cells above the header and the value beside each, as ``title_<label>``."""
    title: dict[str, Cell] = {}
    for cells in rows:
        filled = [c for c in cells if c]
        if len(filled) >= 2 and filled[0].endswith(":"):
            label = normalise_cell(filled[0].rstrip(":")).replace(" ", "_")
            title.setdefault(f"title_{label}", filled[1])
    return title


def sheet_title(path: Path, sheet: str) -> dict[str, Cell]:
    """The title block of ``sheet`` (``title_<label>`` → value), or empty if there is none."""
    book = open_workbook(path)
    if sheet not in book.sheet_names:
        return {}
    return _title_block(
        [
            [cell_text(v) for v in r]
            for r in book.get_sheet_by_name(sheet).to_python(nrows=HEADER_SEARCH_ROWS)
        ]
    )


def read_sheet(path: Path, sheet: str, required: AbstractSet[str]) -> SheetRows:
    """The rows of ``sheet`` below the first row holding every ``required`` header cell."""
    book = open_workbook(path)
    if sheet not in book.sheet_names:
        present = ", ".join(f"'{s}'" for s in book.sheet_names)
        raise WorkbookError(f"the workbook has no sheet '{sheet}' (its sheets: {present})")
    try:
        grid = book.get_sheet_by_name(sheet)
        first_row = grid.start[0] + 1 if grid.start else 1  # calamine skips empty top rows
        rows = [[cell_text(v) for v in r] for r in grid.to_python()]
    except Exception as exc:  # noqa: BLE001 - a damaged sheet, in calamine's own words
        raise WorkbookError(f"sheet '{sheet}' cannot be read: {exc}") from exc
    at = _header_index(rows, sheet, required, first_row)
    columns = _unique_columns(rows[at])
    title = _title_block(rows[:at])
    out: list[dict[str, Cell]] = []
    for i, cells in enumerate(rows[at + 1 :], start=at + 1):
        if not any(cells):
            continue
        row = dict(zip(columns, cells + [None] * (len(columns) - len(cells)), strict=False))
        row["source_line"] = str(first_row + i)
        out.append({**row, **title})
    return SheetRows(sheet, first_row + at, columns, out)


def _header_index(
    rows: list[list[Cell]], sheet: str, required: AbstractSet[str], first_row: int
) -> int:
    """Index of the header row, or a :class:`WorkbookError` naming the nearest row's gaps."""
    best, best_missing = 0, set(required)
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        missing = set(required) - {normalise_cell(c) for c in cells if c}
        if not missing:
            return i
        if len(missing) < len(best_missing):
            best, best_missing = i, missing
    lacks = ", ".join(f"'{c}'" for c in sorted(best_missing))
    raise WorkbookError(
        f"sheet '{sheet}': no header row in its first {HEADER_SEARCH_ROWS} rows; the nearest, "
        f"row {first_row + best}, lacks column(s) {lacks}"
    )
