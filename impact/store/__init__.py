"""The store: every extract of one data folder, validated, combined and queryable.

* :mod:`~impact.store.store`: the one data-access class, :class:`Store`, and
  :func:`open_store` (one store per folder per process);
* :mod:`~impact.store.scan`: which files are read (the demo rule) and the fingerprint;
* :mod:`~impact.store.reading`: reading the changed files in parallel;
* :mod:`~impact.store.views`: one view per contract over every file's cached rows;
* :mod:`~impact.store.duplicates`: the same key in two files, which wins and why;
* :mod:`~impact.store.findings`: the cross-file checks (SQL in ``queries/findings_*.sql``);
* :mod:`~impact.store.manifest`: every file's result kept across restarts.
"""

from impact.catalogue import CATALOGUE_DIR, CATALOGUE_PREFIX
from impact.ingest import FileReport
from impact.store.store import Store, open_store, reset_stores

__all__ = ["CATALOGUE_DIR", "CATALOGUE_PREFIX", "FileReport", "Store", "open_store", "reset_stores"]
