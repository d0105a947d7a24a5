"""The DuckDB store: every extract in the data folder, validated, combined and queryable.

How it stays fast and safe:

* Each CSV is read once by DuckDB and validated on its own (:mod:`impact.ingest`); its good
  rows go to a Parquet file in the cache and its report and findings to a JSON manifest,
  both written atomically. A restart with unchanged files parses no CSV; a changed file
  is the only one read again.
* :meth:`Store.refresh` re-walks the folder (``stat`` only) and compares the fingerprint;
  when nothing changed it returns at once, so pages can call it on every rerun.
* The tables pages query (``observations``, ``metrics`` ...) are views over those Parquet
  files, so building them costs nothing and memory stays small. The national catalogue
  (``impact/catalogue/``) is always part of ``metrics`` and ``targets``; an analyst's own
  rows for the same ``metric_id`` replace it.
* The same key in two files: the higher reader priority wins (own extracts, then the ODS
  register, then a revised publication, then the original), then the newer file, then the
  later path in sort order; for organisations of equal standing the file with the most
  recent data wins first. A warning says which file
  won and why (identical repeated rows are kept once, silently).
* Files are read in parallel (one cursor per worker; with more files than cores, one engine
  thread per file, largest first) and cross-file checks run only when
  :meth:`Store.findings` is asked for, so refreshing stays cheap.
* Large files of one layout (a folder of monthly extracts) are read together into memory
  and served at once while their Parquet is written behind (:mod:`impact.staging`);
  :meth:`Store.flush` waits for that, and so does the end of the process.
* One DuckDB connection per store; every query runs on its own cursor, because Streamlit
  serves sessions from several threads and DuckDB refuses concurrent use of one connection.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from impact import PROJECT_ROOT, config, contracts, sources, sql, staging
from impact.contracts import Contract
from impact.fingerprint import DEMO_FOLDER, FileStat, extract_files, fingerprint
from impact.ingest import (
    BEING_WRITTEN,
    FileReport,
    FileResult,
    Finding,
    HeaderError,
    Output,
    ident,
    ingest_file,
    lit,
    read_header,
)
from impact.sources._common import SQL_PREFIX
from impact.sql import QUERIES_DIR
from impact.staging import STAGE_SCHEMA

__all__ = ["CATALOGUE_DIR", "FileReport", "Store", "open_store"]

LOG = logging.getLogger(__name__)
CATALOGUE_DIR = PROJECT_ROOT / "impact" / "catalogue"
#: How catalogue files are named in reports and in ``source_file``.
CATALOGUE_PREFIX = "national catalogue/"
#: Contracts whose national catalogue rows an analyst's rows replace, by ``metric_id``.
OVERRIDABLE = ("metrics", "targets")
#: Contracts whose files do not count as "real data" for the demo rule: a board question
#: log exported from the app and dropped into the data folder must not switch the demo off.
NOT_REAL_DATA = ("board_questions",)
MANIFEST_VERSION = 1
#: Unreferenced Parquet older than this is deleted (another process may still read it).
GC_AFTER_S = 3600
#: Cross-file findings listed per check before the rest are summarised.
MAX_CROSS_FINDINGS = 200

FINDING_COLUMNS = ["file", "line", "column", "value", "reason", "severity"]


def _code_stamp() -> str:
    """Changes whenever the rules that shaped cached results change (contracts, readers)."""
    h = hashlib.sha256()
    paths = [Path(contracts.__file__), Path(__file__).with_name("ingest.py")]
    readers = Path(sources.__file__).parent
    paths += sorted(p for p in readers.rglob("*") if p.suffix in (".py", ".sql"))
    paths += sorted(QUERIES_DIR.glob(f"{SQL_PREFIX}*.sql"))  # the readers' SQL
    for p in paths:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(duckdb.__version__.encode())
    return h.hexdigest()[:16]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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
        self._con = duckdb.connect(
            ":memory:",
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
        )
        with contextlib.suppress(duckdb.Error):  # a speed-up; older engines lack the setting
            self._con.execute("SET parquet_metadata_cache = true")
        self._con.execute(f"CREATE SCHEMA IF NOT EXISTS {STAGE_SCHEMA}")
        #: Staged tables (see :mod:`impact.staging`) and the file numbers each was made with.
        self._staged_ids: dict[str, set[int]] = {}
        #: One thread writes staged files' Parquet, in the order they were read.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="impact-cache")
        # (At exit Python lets the thread finish what is queued, so the next start parses
        # nothing that was read in full.)
        self._writes: list[Future[None]] = []
        self._lock = threading.RLock()
        self._results: dict[str, FileResult] = {}
        self._stamps: dict[str, tuple[int, int]] = {}
        self._dup_findings: list[Finding] = []
        self._header_kinds: dict[tuple[str, int, int], bool] = {}
        self._findings: tuple[str, pd.DataFrame] | None = None
        self.fingerprint = ""
        #: How many files this store has parsed (tests use it to prove cache reuse).
        self.files_ingested = 0
        self._load_manifest()
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
        cur = self.cursor()
        try:
            rows += _cross_file_findings(cur)
            rows += self._override_findings(cur)
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
            for stat, result in zip(todo, self._ingest(todo), strict=True):
                self._results[stat.rel] = result
                self._stamps[stat.rel] = (stat.size, stat.mtime_ns)
            present = {s.rel for s in stats}
            for rel in list(self._results):
                if rel not in present:
                    del self._results[rel]
                    self._stamps.pop(rel, None)
            self._build_views()
            self._drop_unused_stages()
            self._save_manifest()
            self._collect_garbage()
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

    def _override_findings(self, cur: duckdb.DuckDBPyConnection) -> list[Finding]:
        """Say where an analyst's metric definition or targets replace the catalogue's."""
        found: list[Finding] = []
        with self._lock:
            national = {
                name: [
                    self._pq(r.outputs[name])
                    for r in self._results.values()
                    if r.report.origin == "catalogue" and name in r.outputs
                ]
                for name in OVERRIDABLE
            }
        for name, files in national.items():
            if not files:
                continue
            rows = cur.execute(
                f"SELECT source_file, list(DISTINCT metric_id ORDER BY metric_id) FROM {name} "
                f"WHERE NOT starts_with(source_file, ?) AND metric_id IN "
                f"(SELECT metric_id FROM read_parquet([{', '.join(files)}])) "
                f"GROUP BY source_file ORDER BY source_file",
                [CATALOGUE_PREFIX],
            ).fetchall()
            for source_file, ids in rows:
                found.append(
                    Finding(
                        source_file,
                        None,
                        "metric_id",
                        str(ids[0]),
                        f"this file's {name} for {_examples(ids)} replace the national "
                        f"catalogue's (an analyst's own extract always wins)",
                        "warning",
                    )
                )
        return found

    # -- scanning and ingest -------------------------------------------------------------

    def _scan(self) -> list[FileStat]:
        stats: list[FileStat] = []
        if self.catalogue_dir.is_dir():
            for path in sorted(self.catalogue_dir.glob("*.csv")):
                st = path.stat()
                rel = CATALOGUE_PREFIX + path.name
                stats.append(FileStat(rel, path, st.st_size, st.st_mtime_ns))
        return stats + self._data_files()

    def _data_files(self) -> list[FileStat]:
        """The data folder's extracts, with the demo rule widened to ignore question logs.

        :func:`extract_files` reads ``demo/`` only when no other CSV is present; here a
        folder whose only other CSVs are board question log exports still gets the demo
        (plus those exports), so exporting the log never makes the demo disappear.
        """
        found = extract_files(self.data_dir, skip=(self.cache_root,))
        demo = self.data_dir / DEMO_FOLDER
        if not found or not demo.is_dir() or not all(self._not_real_data(s) for s in found):
            return found
        demo_files = [
            FileStat(f"{DEMO_FOLDER}/{s.rel}", s.path, s.size, s.mtime_ns)
            for s in extract_files(demo, skip=(self.cache_root,))
        ]
        return sorted(found + demo_files, key=lambda s: s.rel)

    def _not_real_data(self, stat: FileStat) -> bool:
        """True for a file whose header matches a contract in :data:`NOT_REAL_DATA`.

        Remembered per (size, mtime) so a rerun opens no file that has not changed.
        """
        key = (stat.rel, stat.size, stat.mtime_ns)
        known = self._header_kinds.get(key)
        if known is None:
            try:
                contract = contracts.match_contract(read_header(stat.path))
            except (HeaderError, OSError):
                contract = None
            known = contract is not None and contract.name in NOT_REAL_DATA
            self._header_kinds[key] = known
        return known

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

    def _ingest(self, todo: list[FileStat]) -> list[FileResult]:
        if not todo:
            return []
        sources.all_readers()  # import every reader once, before worker threads need them
        self.files_ingested += len(todo)

        def one(stat: FileStat) -> dict[str, FileResult]:
            origin = "catalogue" if stat.rel.startswith(CATALOGUE_PREFIX) else "data"
            cur = self.cursor()
            try:
                return {stat.rel: ingest_file(cur, stat, self.parquet_dir, origin)}
            finally:
                cur.close()

        def chunk_task(chunk: list[staging.Candidate]) -> dict[str, FileResult]:
            cur = self.cursor()
            try:
                table, staged = staging.stage_chunk(cur, chunk)
            except Exception:  # noqa: BLE001 - read them one by one; that reports the fault
                staged = {c.stat.rel: None for c in chunk}
                table = ""
            finally:
                cur.close()
            done: dict[str, FileResult] = {}
            ids: set[int] = set()
            for file_id, cand in enumerate(chunk, start=1):
                result = staged[cand.stat.rel]
                if result is None:
                    done |= one(cand.stat)
                else:
                    done[cand.stat.rel] = result
                    if result.outputs:
                        ids.add(file_id)
            if ids:  # the caller holds the store's lock: a plain dict write is safe here
                self._staged_ids[table] = ids
            return done

        cores = os.cpu_count() or 1
        data = [s for s in todo if not s.rel.startswith(CATALOGUE_PREFIX)]
        groups, rest = staging.plan(data)
        rest += [s for s in todo if s.rel.startswith(CATALOGUE_PREFIX)]
        tasks: list[tuple[int, Callable[[], dict[str, FileResult]]]] = [
            (sum(c.stat.size for c in chunk), lambda chunk=chunk: chunk_task(chunk))
            for group in groups
            for chunk in staging.split(group, cores + 1)
        ]
        tasks += [(stat.size, lambda stat=stat: one(stat)) for stat in rest]
        # The largest work starts first, so no core is left idle waiting on one at the end.
        tasks.sort(key=lambda t: -t[0])
        done: dict[str, FileResult] = {}
        if len(tasks) == 1:  # let DuckDB spread the one task over the cores
            done = tasks[0][1]()
        elif len(tasks) <= cores:
            with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
                for part in pool.map(lambda t: t[1](), tasks):
                    done |= part
        else:
            # Many tasks: one per core, each on one engine thread. DuckDB splitting every
            # small read over threads that other reads already keep busy only adds
            # scheduling; one worker more than cores fills the gaps while a file is opened.
            with self._engine_threads(1), ThreadPoolExecutor(max_workers=cores + 1) as pool:
                for part in pool.map(lambda t: t[1](), tasks):
                    done |= part
        return [done[s.rel] for s in todo]

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
                        continue
                    written.append(out)
        finally:
            cur.close()
            with self._lock:
                for out in written:
                    out.staged = None
                    out.file_id = None
                if written:
                    self._build_views()
                    self._drop_unused_stages()
                    self._save_manifest()

    def _drop_unused_stages(self) -> None:
        """Drop staged tables that no current file's rows are served from any more."""
        used = {o.staged for r in self._results.values() for o in r.outputs.values()}
        for table in [t for t in self._staged_ids if t not in used]:
            del self._staged_ids[table]
            self._con.execute(f"DROP TABLE IF EXISTS {table}")

    @contextlib.contextmanager
    def _engine_threads(self, threads: int) -> Iterator[None]:
        """Run the block with DuckDB limited to ``threads``, then restore the setting."""
        before = self._con.execute("SELECT current_setting('threads')").fetchone()[0]
        self._con.execute(f"SET threads = {int(threads)}")
        try:
            yield
        finally:
            self._con.execute(f"SET threads = {int(before)}")

    # -- combining -------------------------------------------------------------------------

    def _build_views(self) -> None:
        """Point one view per contract at the Parquet of every file, minus losing duplicates."""
        self._dup_findings = []
        statements: list[str] = []
        for contract in contracts.CONTRACTS.values():
            statements += self._contract_statements(contract)
        self._con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                self._con.execute(statement)
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    def _contract_statements(self, contract: Contract) -> list[str]:
        name = contract.name
        cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
        analyst: list[tuple[str, FileResult, Output]] = []
        catalogue: list[Output] = []
        for rel, result in self._results.items():
            out = result.outputs.get(name)
            if out is None or out.rows == 0:
                continue
            if result.report.origin == "catalogue":
                catalogue.append(out)
            else:
                analyst.append((rel, result, out))
        losers_table = f"_losers_{name}"
        statements = [f"DROP TABLE IF EXISTS {losers_table}"]
        dirty = self._resolve_duplicates(contract, analyst, losers_table)
        if dirty:
            statements = []  # the table was just created by _resolve_duplicates
        parts: list[str] = []
        clean = [(rel, o) for rel, _r, o in analyst if rel not in dirty]
        if clean:
            parts.append(self._rows_sql(contract, clean))
        if dirty:
            rows = self._rows_sql(contract, [(rel, o) for rel, _r, o in analyst if rel in dirty])
            on = " AND ".join(
                f"p.{ident(k)} IS NOT DISTINCT FROM l.{ident(k)}"
                for k in (*contract.key, "source_file")
            )
            p_cols = ", ".join("p." + ident(c) for c in (*contract.column_names, "source_file"))
            parts.append(f"SELECT {p_cols} FROM ({rows}) p ANTI JOIN {losers_table} l ON {on}")
        own = " UNION ALL ".join(parts) if parts else _empty_select(contract)
        if catalogue:
            cat = ", ".join(self._pq(o) for o in catalogue)
            body = (
                f"WITH own AS ({own}) SELECT {cols} FROM own UNION ALL "
                f"SELECT {cols} FROM read_parquet([{cat}]) "
                f"WHERE metric_id NOT IN (SELECT metric_id FROM own)"
            )
        else:
            body = own
        statements.append(f"CREATE OR REPLACE VIEW {ident(name)} AS {body}")
        return statements

    def _pq(self, out: Output) -> str:
        return lit(str(self.parquet_dir / out.parquet))

    def _rows_sql(self, contract: Contract, outputs: list[tuple[str, Output]]) -> str:
        """A SELECT of the given files' rows (contract columns and ``source_file``).

        Files already cached are read from Parquet in one scan; staged files from their
        in-memory table, one scan per table.
        """
        cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
        parts: list[str] = []
        cached = [self._pq(o) for _rel, o in outputs if not o.staged]
        if cached:
            parts.append(f"SELECT {cols} FROM read_parquet([{', '.join(cached)}])")
        tables: dict[str, dict[int, str]] = {}
        for rel, o in outputs:
            if o.staged and o.file_id is not None:
                tables.setdefault(o.staged, {})[o.file_id] = rel
        for table, files in tables.items():
            filtered = set(files) != self._staged_ids.get(table, set())
            parts.append(staging.relation(contract, table, files, filtered))
        return " UNION ALL ".join(parts)

    def _resolve_duplicates(
        self,
        contract: Contract,
        analyst: list[tuple[str, FileResult, Output]],
        losers_table: str,
    ) -> set[str]:
        """Find keys present in several files; record the losers. Returns the files affected.

        Only files whose key summaries overlap (shared first-key values and overlapping
        date ranges) are compared row by row, so a folder of one file per month costs
        nothing here.
        """
        involved: set[str] = set()
        for i, (rel_a, _ra, a) in enumerate(analyst):
            for rel_b, _rb, b in analyst[i + 1 :]:
                if _may_overlap(a, b):
                    involved |= {rel_a, rel_b}
        if not involved:
            return set()
        ranked = sorted(
            (r for r in analyst if r[0] in involved),
            key=lambda r: _rank(contract, r[1], r[0]),
        )
        rank = {rel: i for i, (rel, _r, _o) in enumerate(ranked)}
        values = ", ".join(f"({lit(rel)}, {i})" for rel, i in rank.items())
        rows = self._rows_sql(contract, [(rel, o) for rel, _r, o in ranked])
        keys = ", ".join(ident(k) for k in contract.key)
        others = [ident(c) for c in contract.column_names if c not in contract.key]
        content = f"hash({', '.join(others)})" if others else "0"
        self._con.execute(
            f"CREATE OR REPLACE TABLE {losers_table} AS "
            f"WITH rk(source_file, rnk) AS (VALUES {values}), "
            f"r AS (SELECT {keys}, source_file, rnk, {content} AS content "
            f"FROM ({rows}) JOIN rk USING (source_file)) "
            f"SELECT {keys}, source_file, arg_max(source_file, rnk) OVER w AS winner, "
            f"content <> arg_max(content, rnk) OVER w AS differs "
            f"FROM r WINDOW w AS (PARTITION BY {keys}) "
            f"QUALIFY count(*) OVER w > 1 AND rnk < max(rnk) OVER w"
        )
        summary = self._con.execute(
            f"SELECT source_file, winner, count(*), count(*) FILTER (differs), "
            f"CAST(arg_min(struct_pack({keys}), source_file) AS VARCHAR) "
            f"FROM {losers_table} GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        by_rel = {rel: result for rel, result, _o in analyst}
        dirty: set[str] = set()
        for loser, winner, count, differ, example in summary:
            dirty.add(loser)
            won, lost = by_rel[winner], by_rel[loser]
            if not differ and (won.priority == lost.priority or contract.name == "organisations"):
                continue  # the same rows repeated (e.g. organisations named in every file)
            why = _why_wins(contract, won, lost)
            key_words = ", ".join(contract.key)
            self._dup_findings.append(
                Finding(
                    loser,
                    None,
                    key_words,
                    example,
                    f"{count} {contract.name} row(s) have the same {key_words} as rows in "
                    f"`{winner}` ({differ} with different values); `{winner}` is used "
                    f"because {why}",
                    "warning",
                )
            )
        if not dirty:
            self._con.execute(f"DROP TABLE IF EXISTS {losers_table}")
        return dirty

    # -- persistence -----------------------------------------------------------------------

    def _load_manifest(self) -> None:
        try:
            raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, OSError):
            return
        if raw.get("version") != MANIFEST_VERSION or raw.get("code") != _code_stamp():
            return
        try:
            for rel, entry in raw["files"].items():
                result = FileResult.from_json(entry["result"])
                for out in result.outputs.values():  # another process's memory: not ours
                    out.staged = out.file_id = None
                self._results[rel] = result
                self._stamps[rel] = (entry["size"], entry["mtime_ns"])
        except (KeyError, TypeError):
            self._results.clear()
            self._stamps.clear()

    def _save_manifest(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": MANIFEST_VERSION,
            "code": _code_stamp(),
            "data_dir": str(self.data_dir),
            "files": {
                rel: {
                    "size": self._stamps[rel][0],
                    "mtime_ns": self._stamps[rel][1],
                    "result": result.to_json(),
                }
                for rel, result in self._results.items()
            },
        }
        _write_atomic(self.manifest_path, json.dumps(payload))

    def _collect_garbage(self) -> None:
        if not self.parquet_dir.is_dir():
            return
        used = {o.parquet for r in self._results.values() for o in r.outputs.values()}
        cutoff = time.time() - GC_AFTER_S
        for path in self.parquet_dir.iterdir():
            if path.name in used:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except FileNotFoundError:
                pass


def _empty_select(contract: Contract) -> str:
    cols = ", ".join(f"CAST(NULL AS {c.type}) AS {ident(c.name)}" for c in contract.columns)
    return f"SELECT {cols}, CAST(NULL AS VARCHAR) AS source_file WHERE false"


def _may_overlap(a: Output, b: Output) -> bool:
    if a.keys is not None and b.keys is not None and not set(a.keys) & set(b.keys):
        return False
    return not (a.key_from and b.key_from and (a.key_to < b.key_from or b.key_to < a.key_from))


def _rank(contract: Contract, result: FileResult, rel: str) -> tuple[Any, ...]:
    """Order of precedence on a duplicate key: the last in this order wins.

    First the standing of the source (reader priority: an extract written to our own
    contracts, then the ODS register, then a revised edition, then an original
    publication), then the newer file, then the later path. Organisations, among sources of
    equal standing: the file with the most recent data first, since names and parents
    change over time and a revised old month should not bring back an old name; but the
    ODS register always places a trust under its ICB, whatever month an A&E file holds.
    """
    if contract.name == "organisations":
        latest = result.report.last_period or ""
        return (result.priority, latest, result.report.mtime, rel)
    return (result.priority, result.report.mtime, rel)


def _why_wins(contract: Contract, winner: FileResult, loser: FileResult) -> str:
    if winner.priority != loser.priority:
        return (
            "it comes from a higher-ranked source (your own extract, then the ODS register, "
            "then a revised edition of a publication, then the original)"
        )
    if contract.name == "organisations" and (winner.report.last_period or "") != (
        loser.report.last_period or ""
    ):
        return "it holds more recent data"
    if winner.report.mtime != loser.report.mtime:
        return "it is the more recently modified file"
    return "it comes later in path order"


def _examples(values: list[Any], limit: int = 5) -> str:
    shown = ", ".join(f"`{v}`" for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _cross_file_findings(cur: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Warnings that need more than one file: unknown references, percent range, gaps."""
    out: list[Finding] = []

    def unknown(table: str, column: str, ref_table: str, ref_column: str, what: str) -> None:
        rows = cur.execute(
            f"SELECT source_file, list(DISTINCT {column} ORDER BY {column}), count(*) "
            f"FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN "
            f"(SELECT {ref_column} FROM {ref_table} WHERE {ref_column} IS NOT NULL) "
            f"GROUP BY source_file ORDER BY source_file"
        ).fetchall()
        for source_file, codes, count in rows:
            out.append(
                Finding(
                    source_file,
                    None,
                    column,
                    str(codes[0]),
                    f"{column} {_examples(codes)} ({count} row(s)) not found in {what}",
                    "warning",
                )
            )

    unknown("observations", "metric_id", "metrics", "metric_id", "the metrics catalogue")
    unknown("observations", "org_code", "organisations", "org_code", "the organisations")
    unknown("targets", "metric_id", "metrics", "metric_id", "the metrics catalogue")
    unknown("projects", "metric_id", "metrics", "metric_id", "the metrics catalogue")

    rows = cur.execute(
        "SELECT o.source_file, count(*), list(o.metric_id || ' ' || o.org_code || ' ' || "
        "CAST(o.period_start AS VARCHAR) || ' = ' || CAST(o.value AS VARCHAR))[1:5] "
        "FROM observations o JOIN metrics m USING (metric_id) "
        "WHERE m.unit = 'percent' AND (o.value < 0 OR o.value > 100) "
        "GROUP BY o.source_file ORDER BY o.source_file"
    ).fetchall()
    for source_file, count, examples in rows:
        out.append(
            Finding(
                source_file,
                None,
                "value",
                examples[0],
                f"{count} percentage value(s) outside 0–100 (percentages are 0–100, "
                f"not 0–1): {_examples(examples)}",
                "warning",
            )
        )

    gaps = cur.execute(
        "SELECT o.metric_id, o.org_code, min(o.period_start), max(o.period_start), "
        "date_diff('month', min(o.period_start), max(o.period_start)) + 1 "
        "- count(DISTINCT date_trunc('month', o.period_start)) AS missing, "
        "arg_max(o.source_file, o.period_start) "
        "FROM observations o JOIN metrics m USING (metric_id) WHERE m.frequency = 'month' "
        "GROUP BY o.metric_id, o.org_code HAVING missing > 0 "
        "ORDER BY o.metric_id, o.org_code"
    ).fetchall()
    for metric_id, org_code, first, last, missing, source_file in gaps[:MAX_CROSS_FINDINGS]:
        out.append(
            Finding(
                source_file,
                None,
                "period_start",
                f"{metric_id} {org_code}",
                f"`{metric_id}` for `{org_code}` has {missing} month(s) missing between "
                f"{first:%Y-%m} and {last:%Y-%m}",
                "warning",
            )
        )
    if len(gaps) > MAX_CROSS_FINDINGS:
        out.append(
            Finding(
                "",
                None,
                "period_start",
                "",
                f"… and {len(gaps) - MAX_CROSS_FINDINGS} more series with missing months",
                "warning",
            )
        )

    return out


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
