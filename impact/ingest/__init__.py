"""Ingest: one extract file in, its checked rows in the Parquet cache and a report out.

Walk it in the order a file is read:

* :mod:`~impact.ingest.file_stat`: the file as listed (path, size, mtime) and whether it
  moved while read;
* :mod:`~impact.ingest.header`: its first line, which decides its contract;
* :mod:`~impact.ingest.csv_sql`: the ``read_csv`` typed by the contract, the Parquet shape;
* :mod:`~impact.ingest.rejects`: rows DuckDB could not read (types, field counts), in words;
* :mod:`~impact.ingest.field_count`: rows with extra empty fields, which DuckDB lets through;
* :mod:`~impact.ingest.rules`: the contract's rules (blank, enum, pattern, range, duplicate
  key), each one's SQL beside its wording;
* :mod:`~impact.ingest.profile`: one pass saying whether any row breaks a rule;
* :mod:`~impact.ingest.lines`: the line each row came from, for the findings;
* :mod:`~impact.ingest.one_file`: the whole read of one file (:func:`ingest_file`);
* :mod:`~impact.ingest.staging`: large files of one layout read together into memory;
* :mod:`~impact.ingest.results`: what comes out (report, findings, outputs);
* :mod:`~impact.ingest.faults`: faults that are not the file's (the cache folder full or
  read-only, a bug), and how they are logged and told.

The names other packages use are re-exported here.
"""

from impact.ingest.file_stat import FileStat, stat_changed
from impact.ingest.header import HeaderError, read_header
from impact.ingest.one_file import ingest_file
from impact.ingest.rejects import without_paths
from impact.ingest.results import (
    BEING_WRITTEN,
    BEING_WRITTEN_MESSAGE,
    FILE_REJECTED,
    NOT_RECOGNISED,
    OK,
    ROWS_REJECTED,
    FileReport,
    FileResult,
    Finding,
    Output,
)

__all__ = [
    "BEING_WRITTEN",
    "BEING_WRITTEN_MESSAGE",
    "FILE_REJECTED",
    "NOT_RECOGNISED",
    "OK",
    "ROWS_REJECTED",
    "FileReport",
    "FileResult",
    "FileStat",
    "Finding",
    "HeaderError",
    "Output",
    "ingest_file",
    "read_header",
    "stat_changed",
    "without_paths",
]
