"""The store: every extract of one data folder, validated, combined and queryable.

How it stays fast and safe:

* Each CSV is read once by DuckDB and validated on its own (:mod:`impact.ingest`); its good
  rows go to a Parquet file in the cache and its report and findings to a JSON manifest
  (:mod:`impact.store.manifest`), both written atomically. A restart with unchanged files
  parses no CSV; a changed file is the only one read again.
* :meth:`Store.refresh` re-walks the folder (``stat`` only, :mod:`impact.store.scan`) and
  compares the fingerprint; when nothing changed it returns at once, so pages can call it
  on every rerun.
* The tables pages query are views over those Parquet files (:mod:`impact.store.views`),
  with duplicate keys across files resolved (:mod:`impact.store.duplicates`).
* Files are read in parallel (:mod:`impact.store.reading`); cross-file checks
  (:mod:`impact.store.findings`) run only when :meth:`Store.findings` is asked for.
* Large files of one layout are read together into memory and served at once while their
  Parquet is written behind (:mod:`impact.ingest.staging`); :meth:`Store.flush` waits for
  that, and so does the end of the process.
* One DuckDB connection per store; every query runs on its own cursor, because Streamlit
  serves sessions from several threads and DuckDB refuses concurrent use of one connection.
* A cache folder that is read-only or full never costs a row: a file whose Parquet cannot
  be written keeps its rows in memory, a manifest that cannot be saved is skipped, and
  :meth:`Store.cache_status` says so (the Data page shows it) until the writes succeed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from impact import config, contracts, sql
from impact.catalogue import CATALOGUE_DIR, CATALOGUE_PREFIX, OVERRIDABLE
from impact.ingest import BEING_WRITTEN, FileReport, FileResult, FileStat, Finding, Output, staging
from impact.ingest.faults import CACHE_FAULTS, cache_fault_words
from impact.ingest.lines import first_line_matching, first_lines
from impact.store import manifest
from impact.store.findings import FINDING_COLUMNS, cross_file_findings, override_findings
from impact.store.reading import read_files
from impact.store.rule_findings import relative_target_findings
from impact.store.scan import FolderScan, fingerprint
from impact.store.views import ViewBuilder

LOG = logging.getLogger(__name__)

#: What the Data page says while the cache folder refuses writes ({reason}: why).
CACHE_PROBLEM = (
    "The ingest cache folder cannot be written ({reason}), so {what} served from memory. "
    "Every figure is still shown; after a restart the files are read again, which is "
    "slower. Free some space on that disk, or make the folder writable "
    "(IMPACT_CACHE_DIR), and the cache is used again."
)

DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class Store:
    """Every extract of one data folder, queryable through named SQL.

    Create it with :func:`open_store` (one per folder per process), call :meth:`refresh`
    whenever the folder may have changed, and read with :meth:`query`, :meth:`files` and
    :meth:`findings`.
    """

    def __init__(self, data_dir: Path, cache_dir: Path, catalogue_dir: Path = CATALOGUE_DIR):
        self.data_dir = data_dir
        self.catalogue_dir = catalogue_dir
        self.cache_root = cache_dir
        key = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
        self.cache = cache_dir / f"store-{key}"
        self.parquet_dir = self.cache / "files"
        self.manifest_path = self.cache / "manifest.json"
        self._con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
        with contextlib.suppress(duckdb.Error):  # a speed-up; older engines lack the setting
            self._con.execute("SET parquet_metadata_cache = true")
        self._con.execute(f"CREATE SCHEMA IF NOT EXISTS {staging.STAGE_SCHEMA}")
        self._scan = FolderScan(data_dir, catalogue_dir, skip=(cache_dir,))
        #: Staged tables (see :mod:`impact.ingest.staging`) and the file numbers each holds.
        self._staged_ids: dict[str, set[int]] = {}
        #: One thread writes staged files' Parquet, in the order they were read.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="impact-cache")
        # (At exit Python lets the thread finish what is queued, so the next start parses
        # nothing that was read in full.)
        self._writes: list[Future[None]] = []
        self._lock = threading.RLock()
        self._results, self._stamps = manifest.load(self.manifest_path)
        self._dup_findings: list[Finding] = []
        self._findings: tuple[str, pd.DataFrame] | None = None
        self.fingerprint = ""
        #: How many files this store has parsed (tests use it to prove cache reuse).
        self.files_ingested = 0
        #: Files whose rows are served from memory because their cache write failed: why.
        self._unwritten: dict[str, str] = {}
        #: Why the manifest could not be saved last time ("" when it was).
        self._manifest_error = ""
        self.refresh()

    # -- public interface ------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor on the shared connection, safe to use in the calling thread."""
        return self._con.cursor()

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run ``queries/<name>.sql`` with bound parameters on a fresh cursor."""
        cur = self.cursor()
        try:
            return sql.run(cur, name, **params)
        finally:
            cur.close()

    def files(self) -> list[FileReport]:
        """A report per file: data folder extracts first, then the national catalogue."""
        with self._lock:
            results = list(self._results.values())
        data = [r.report for r in results if r.report.origin == "data"]
        catalogue = [r.report for r in results if r.report.origin != "data"]
        return sorted(data, key=lambda r: r.path) + sorted(catalogue, key=lambda r: r.path)

    def flush(self) -> None:
        """Wait until every staged file's Parquet cache is written and the views use it."""
        while True:
            with self._lock:
                pending = [f for f in self._writes if not f.done()]
                self._writes = pending
            if not pending:
                return
            for future in pending:
                future.result()

    def cache_status(self) -> str:
        """ "" while the cache folder takes every write; otherwise what the Data page says."""
        with self._lock:
            unwritten, manifest_error = dict(self._unwritten), self._manifest_error
        if not unwritten and not manifest_error:
            return ""
        reason = next(iter(unwritten.values()), manifest_error)
        what = f"{len(unwritten)} file(s) are" if unwritten else "the file list is"
        return CACHE_PROBLEM.format(reason=reason, what=what)

    def findings(self) -> pd.DataFrame:
        """Every finding: per-file rejections (errors) and cross-file checks (warnings).

        Cross-file checks run on first request after a change, not on every refresh, so a
        board page that never shows findings never pays for them.
        """
        with self._lock:
            fp = self.fingerprint
            if self._findings and self._findings[0] == fp:
                return self._findings[1].copy()
            rows = [f for r in self._results.values() for f in r.findings]
            rows += self._dup_findings
            national = {
                name: [
                    str(self.parquet_dir / r.outputs[name].parquet)
                    for r in self._results.values()
                    if r.report.origin == "catalogue"
                    and name in r.outputs
                    and not r.outputs[name].staged  # only while the cache refuses writes
                ]
                for name in OVERRIDABLE
            }
        cur = self.cursor()
        try:
            rows += cross_file_findings(cur, self._first_lines)
            rows += override_findings(cur, national)
            rows += relative_target_findings(cur, self._row_line)
        finally:
            cur.close()
        frame = pd.DataFrame([vars(f) for f in rows], columns=FINDING_COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        with self._lock:
            if self.fingerprint == fp:
                self._findings = (fp, frame)
        return frame.copy()

    def refresh(self) -> bool:
        """Re-scan the folder and re-ingest only what changed; True when anything changed."""
        with self._lock:
            stats = self._scan()
            fp = fingerprint(stats)
            if fp == self.fingerprint:
                return False
            todo = [s for s in stats if not self._fresh(s)]
            self.files_ingested += len(todo)
            results, staged_ids = read_files(self.cursor, todo, self.parquet_dir)
            self._staged_ids |= staged_ids
            for stat, result in zip(todo, results, strict=True):
                self._results[stat.rel] = result
                self._stamps[stat.rel] = (stat.size, stat.mtime_ns)
                self._unwritten.pop(stat.rel, None)
                if result.cache_error:
                    self._unwritten[stat.rel] = result.cache_error
            present = {s.rel for s in stats}
            for rel in list(self._results):
                if rel not in present:
                    del self._results[rel]
                    self._stamps.pop(rel, None)
                    self._unwritten.pop(rel, None)
            self._rebuild()
            with contextlib.suppress(OSError):  # a read-only cache keeps its old files
                manifest.collect_garbage(self.parquet_dir, self._results)
            self.fingerprint = fp
            self._findings = None
            staged = [
                (stat.rel, self._results[stat.rel])
                for stat in todo
                if any(o.staged for o in self._results[stat.rel].outputs.values())
            ]
            if staged:
                self._writes.append(self._writer.submit(self._write_staged, staged))
            return True

    # -- internals -------------------------------------------------------------------------

    def _first_lines(self, rel: str, column: str, codes: set[str]) -> dict[str, int]:
        """Where codes first appear in one of the data folder's files (for findings)."""
        if rel.startswith(CATALOGUE_PREFIX):
            return {}
        return first_lines(self.data_dir / rel, column, codes)

    def _row_line(self, rel: str, wanted: dict[str, str]) -> int | None:
        """The line of one row, named by its key as written (the catalogue's files too)."""
        if rel.startswith(CATALOGUE_PREFIX):
            return first_line_matching(self.catalogue_dir / rel[len(CATALOGUE_PREFIX) :], wanted)
        return first_line_matching(self.data_dir / rel, wanted)

    def _fresh(self, stat: FileStat) -> bool:
        """True when the cached result for this file still describes it."""
        result = self._results.get(stat.rel)
        if result is None or self._stamps.get(stat.rel) != (stat.size, stat.mtime_ns):
            return False
        if result.report.status == BEING_WRITTEN:
            return False
        return all(
            o.staged in self._staged_ids or (self.parquet_dir / o.parquet).exists()
            for o in result.outputs.values()
        )

    def _rebuild(self) -> None:
        """Views, staged tables and manifest brought in line with the results (under lock)."""
        builder = ViewBuilder(self._con, self._results, self._staged_ids, self.parquet_dir)
        self._dup_findings = builder.build()
        used = {o.staged for r in self._results.values() for o in r.outputs.values()}
        for table in [t for t in self._staged_ids if t not in used]:
            del self._staged_ids[table]  # no current file's rows are served from it
            self._con.execute(f"DROP TABLE IF EXISTS {table}")
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            manifest.save(self.manifest_path, self.data_dir, self._results, self._stamps)
        except CACHE_FAULTS as exc:
            # Only the next start's speed depends on it: the views above already serve.
            LOG.warning("the cache manifest could not be written: %s", exc)
            self._manifest_error = cache_fault_words(exc)
        else:
            self._manifest_error = ""

    def _write_staged(self, staged: list[tuple[str, FileResult]]) -> None:
        """Write staged files' Parquet (in the background), then point the views at it.

        A file re-read or removed meanwhile is skipped; its stale rows stay out of the
        views and its table is dropped once no current file needs it.
        """
        written: list[Output] = []
        cur = self.cursor()
        try:
            for rel, result in staged:
                for name, out in result.outputs.items():
                    with self._lock:
                        current = self._results.get(rel) is result and out.staged is not None
                    if not current:
                        continue
                    assert out.staged is not None and out.file_id is not None
                    try:
                        staging.write_parquet(
                            cur,
                            contracts.CONTRACTS[name],
                            rel,
                            out.staged,
                            out.file_id,
                            self.parquet_dir / out.parquet,
                        )
                    except (duckdb.Error, OSError) as exc:
                        # The rows stay served from memory; only a restart re-reads them.
                        LOG.warning("the cache of %s could not be written: %s", rel, exc)
                        with self._lock:
                            if self._results.get(rel) is result:
                                self._unwritten[rel] = cache_fault_words(exc)
                        continue
                    written.append(out)
                    with self._lock:
                        self._unwritten.pop(rel, None)
        finally:
            cur.close()
            with self._lock:
                for out in written:
                    out.staged = None
                    out.file_id = None
                if written:
                    self._rebuild()


_stores: dict[tuple[Path, Path], Store] = {}
_stores_lock = threading.Lock()


def open_store(
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Store:
    """The process-wide store for this data folder (created and refreshed on first use)."""
    key = (config.data_dir(data_dir), config.cache_dir(cache_dir))
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = Store(*key)
            _stores[key] = store
        return store


def reset_stores() -> None:
    """Forget every open store (tests switch folders and cache locations)."""
    with _stores_lock:
        _stores.clear()
