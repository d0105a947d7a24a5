"""The form a file arrives in, told by its content: a CSV, an Excel workbook, or a zip of one CSV.

NHS England publishes some figures only as workbooks (DM01) or zipped (the RTT full
extract), and analysts drop them in as downloaded, under any name. A workbook is handed to
the publication readers of that form (recognised by its sheets); a zip's one CSV is
unpacked beside the ingest cache (:mod:`impact.sources.zipped`) and then read like any CSV,
so an extract written to our own contracts may be zipped too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from impact.sources.workbook import OLE2_MAGIC, ZIP_MAGIC
from impact.sources.zipped import extracted_csv

CSV = "csv"
WORKBOOK = "workbook"
ZIP = "zip"

#: The endings the store looks at; what a file holds is then told by its content.
EXTENSIONS = (".csv", ".xls", ".xlsx", ".zip")


def form_of(path: Path) -> str:
    """``csv``, ``workbook`` (an .xls compound file or an .xlsx package) or ``zip``."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE2_MAGIC):
        return WORKBOOK
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return ZIP  # damaged: unpacking it says so
        return WORKBOOK if "xl/workbook.xml" in names else ZIP
    return CSV


@contextmanager
def readable(path: Path, form: str, scratch: Path) -> Iterator[Path]:
    """The path to read: the file itself, or for a zip its CSV unpacked in ``scratch``."""
    if form != ZIP:
        yield path
        return
    with extracted_csv(path, scratch) as inner:
        yield inner
