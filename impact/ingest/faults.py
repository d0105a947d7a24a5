"""What can go wrong around a file that is not the file's own fault, and how it is told.

A file that DuckDB cannot parse, or that vanished, is the file's fault: one line in the
server log. Anything else is a fault in this program and is logged with its traceback.
A cache folder that is read-only or full is nobody's fault in the file: its rows are kept
in memory (:mod:`impact.ingest.one_file`) and the store says so in plain words.
"""

from __future__ import annotations

import logging

import duckdb

from impact import sources

LOG = logging.getLogger("impact.ingest.one_file")

#: What goes wrong when a file itself is at fault (DuckDB cannot parse it, it vanished):
#: logged in one line. Anything else is a fault in this program, logged with its traceback.
FILE_FAULTS = (duckdb.Error, OSError, UnicodeError, sources.PublicationProblem)
#: What a cache folder that is read-only or full raises on a write.
CACHE_FAULTS = (OSError, duckdb.IOException)


def cache_fault_words(exc: BaseException) -> str:
    """Why a cache write failed, in words that name no server path."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return "the disk refused the write"


def log_read_failure(what: str, exc: BaseException) -> None:
    """Say in the server log (never on a page) why ``what`` could not be read.

    The analyst sees a plain message either way; whoever runs the dashboard needs the
    traceback when the fault is ours rather than the file's.
    """
    if isinstance(exc, FILE_FAULTS):
        LOG.warning("%s could not be read: %s", what, exc)
    else:
        LOG.exception("%s could not be read because of an unexpected error", what)
