"""Read and validate one extract file, and write its good rows to the Parquet cache.

Each file is read on its own by DuckDB (``read_csv`` with the contract's explicit types,
``nullstr`` for the usual blanks, ``store_rejects`` so a bad row never stops the file),
then checked in SQL (:mod:`impact.ingest.rules`). Every problem becomes a
:class:`~impact.ingest.results.Finding` in an analyst's words, with the file, line and
column; the rows that pass are written to Parquet in the cache (atomically) so a restart
never parses the CSV again. A problem with the file as a whole (empty, not UTF-8, not
recognised, changed while being read) rejects that file alone.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

from impact import contracts, sources
from impact.atomic import atomic_target
from impact.contracts import Contract
from impact.ingest import file_stat, forms
from impact.ingest.csv_sql import (
    FILE_COLUMN,
    PARQUET_OPTIONS,
    STAGE_SCHEMA,
    order_by,
    parquet_name,
    read_csv_sql,
    select_list,
)
from impact.ingest.faults import CACHE_FAULTS, cache_fault_words, log_read_failure
from impact.ingest.field_count import LONG_ROW, long_row_reason, may_have_long_rows
from impact.ingest.file_stat import FileStat
from impact.ingest.header import (
    HeaderError,
    column_names,
    needs_trim,
    repeated_columns,
)
from impact.ingest.lines import line_finder, scan_records
from impact.ingest.profile import profile
from impact.ingest.recognise import recognise
from impact.ingest.rejects import reject_findings, without_paths
from impact.ingest.results import (
    BEING_WRITTEN,
    BEING_WRITTEN_MESSAGE,
    FILE_REJECTED,
    MAX_FINDINGS_PER_FILE,
    FileReport,
    FileResult,
    Finding,
    Output,
    file_problem,
    finish_report,
    new_report,
)
from impact.ingest.rules import DUPLICATE, column_rule_words, duplicate_words, find_bad_rows
from impact.pause import pause_point
from impact.sql import ident, lit

LOG = logging.getLogger(__name__)

EMPTY_MESSAGE = "the file is empty (it is retried when it changes)"


def ingest_file(
    con: duckdb.DuckDBPyConnection, stat: FileStat, out_dir: Path, origin: str = "data"
) -> FileResult:
    """Read, validate and persist one file. Never raises for a bad file: it reports it.

    A CSV and a workbook are read where they are; a zip's one CSV is unpacked next to the
    cache first and removed afterwards (see :mod:`impact.ingest.forms`).
    """
    report = new_report(stat, origin)
    if stat.size == 0:
        return file_problem(report, FILE_REJECTED, EMPTY_MESSAGE)
    try:
        form = forms.form_of(stat.path)
        with forms.readable(stat.path, form, out_dir) as path:
            return _ingest(con, stat, out_dir, report, form, path)
    except sources.PublicationProblem as exc:
        return file_problem(report, FILE_REJECTED, str(exc))
    except OSError as exc:
        return file_problem(report, FILE_REJECTED, f"the file could not be opened: {exc.strerror}")


def _ingest(
    con: duckdb.DuckDBPyConnection,
    stat: FileStat,
    out_dir: Path,
    report: FileReport,
    form: str,
    path: Path,
) -> FileResult:
    """:func:`ingest_file` once the file is readable at ``path`` (``stat`` is what was listed)."""
    try:
        header, contract, reader, refused = recognise(report, form, path)
    except HeaderError as exc:
        return file_problem(report, FILE_REJECTED, str(exc))
    if refused is not None:
        return refused

    repeated = repeated_columns(header) if contract is not None else None
    if repeated:
        report.contract = contract.name if contract else None
        return file_problem(report, FILE_REJECTED, repeated)

    run = _Run(con, stat, out_dir, path)
    try:
        if contract is not None:
            report.contract = contract.name
            run.read_contract_file(contract, header)
        else:
            assert reader is not None
            report.reader = reader.name
            report.contract = run.read_reader_file(reader)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
        run.discard()
        log_read_failure(stat.rel, exc)
        text = without_paths(str(exc), stat).replace(str(path), stat.rel)
        first_line = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return file_problem(report, FILE_REJECTED, f"the file could not be read: {first_line}")
    finally:
        run.drop_temp()

    if file_stat.stat_changed(stat):
        run.discard()
        return file_problem(report, BEING_WRITTEN, BEING_WRITTEN_MESSAGE)

    findings = finish_report(
        report, run.rows_read, run.rows_rejected, run.period_ranges, run.organisations, run.findings
    )
    priority = reader.priority(path) if reader is not None else 0
    return FileResult(report, findings, run.outputs, priority, run.cache_error)


class _HasProblems(Exception):
    """The fast path found a row breaking a rule: its Parquet is not published."""


class _Run:
    """The state of reading one file: temp tables, findings, outputs written."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, stat: FileStat, out_dir: Path, path: Path
    ) -> None:
        self.con = con
        self.stat = stat
        self.path = path  # where the file is read: the file, or a zip's CSV unpacked
        self.out_dir = out_dir
        self.tag = uuid.uuid4().hex[:12]
        self.temps: list[str] = []
        self.findings: list[Finding] = []
        self.outputs: dict[str, Output] = {}
        self.rows_read = 0
        self.rows_rejected = 0
        self.period_ranges: list[tuple[str | None, str | None]] = []
        #: Organisations a file covers (for a publication: its largest output's count).
        self.organisations = 0
        #: Why the cache could not be written, when its rows are kept in memory instead.
        self.cache_error = ""

    # -- reading -------------------------------------------------------------------------

    def read_contract_file(self, contract: Contract, header: list[str]) -> None:
        """Fast path: one streaming pass CSV → sorted Parquet, then checks on the Parquet.

        Only when a check fails (rare) is the file read again into memory, where each row
        keeps its position so the findings can name the line, and written without the
        rejected rows.
        """
        names = column_names(header)
        select = select_list(contract, names, trim=needs_trim(self.path))

        def rows_sql(attempt: int) -> str:
            rejects, scan = f"_rj_{self.tag}_{attempt}", f"_rs_{self.tag}_{attempt}"
            self.temps += [rejects, scan]
            reader = read_csv_sql(contract, names, [self.path], rejects, scan)
            return f"SELECT {select} FROM {reader}"

        source = f"{lit(self.stat.rel)} AS source_file"
        checking = False  # a fault while checking is the file's or ours, not the cache's
        try:
            with atomic_target(self._final(contract)) as tmp:
                # The file's name is added after the sort: a constant need not travel through it.
                self._copy(f"SELECT *, {source} FROM ({rows_sql(1)} {order_by(contract)})", tmp)
                pause_point("ingest-parquet")
                checking = True
                problems, summary, orgs = profile(self.con, contract, _parquet(tmp))
                if problems or self._any_rejected(f"_rj_{self.tag}_1"):
                    raise _HasProblems  # findings to name by line: the slow path does
                if may_have_long_rows(self.con, self.path, len(names)):
                    raise _HasProblems
                checking = False
        except _HasProblems:
            pass
        except CACHE_FAULTS:
            if checking:
                raise
            # The cache folder refused the write (or the file could not be read): the slow
            # path reads it again and, if the cache still refuses, keeps the rows in memory.
            pass
        else:
            self._rejects(contract, f"_rj_{self.tag}_1")
            self._publish(contract, summary, orgs)
            return
        # Slow path: keep the file order (rowid) so every finding names its line.
        table = f"_t_{self.tag}"
        self.temps.append(table)
        self.con.execute(f"CREATE TEMP TABLE {table} AS SELECT *, {source} FROM ({rows_sql(2)})")
        reject_lines = self._rejects(contract, f"_rj_{self.tag}_2")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        rows = row[0] if row else 0
        scan = scan_records(self.path, reject_lines, width=len(names))
        for finding in self.findings:  # DuckDB's line numbers to the file's own
            finding.line = scan.rejected.get(finding.line or 0, finding.line)
        line_of = line_finder(self.path, rows, reject_lines, scan.starts)
        position = (
            {line: rid for rid, line in enumerate(scan.starts)} if len(scan.starts) == rows else {}
        )
        long_rows = [(position[line], found) for line, found in scan.long if line in position]
        self._check_and_write(contract, table, line_of, long_rows, len(names))

    def read_reader_file(self, reader: sources.Reader) -> str:
        """A publication: its reader's relations, typed to their contracts, then checked."""
        relations = reader.outputs(self.con, self.path)
        # Materialise every output before running anything else on this connection:
        # ``create`` runs a relation itself, and DuckDB refuses relation work while an
        # earlier statement's result is still open.
        raw: dict[str, tuple[str, set[str]]] = {}
        for name, relation in relations.items():
            raw[name] = (f"_raw_{self.tag}_{name}", set(relation.columns))
            self.temps.append(raw[name][0])
            relation.create(raw[name][0])
        for name, (raw_table, present) in raw.items():
            contract = contracts.CONTRACTS[name]
            table = f"_t_{self.tag}_{name}"
            self.temps.append(table)
            select = ", ".join(
                f"CAST({ident(c.name)} AS {c.type}) AS {ident(c.name)}"
                if c.name in present
                else f"CAST(NULL AS {c.type}) AS {ident(c.name)}"
                for c in contract.columns
            )
            line = "source_line" if "source_line" in present else "NULL"
            self.con.execute(
                f"CREATE TEMP TABLE {table} AS SELECT {select}, "
                f"{lit(self.stat.rel)} AS source_file, CAST({line} AS BIGINT) AS _line "
                f"FROM {raw_table}"
            )
            lines = dict(self.con.execute(f"SELECT rowid, _line FROM {table}").fetchall())
            self._check_and_write(contract, table, lines.get)
        return ", ".join(relations)

    # -- writing and validation ------------------------------------------------------------

    def _final(self, contract: Contract) -> Path:
        return self.out_dir / parquet_name(self.stat, contract)

    def _copy(self, select: str, target: Path) -> None:
        """Write rows to a Parquet file (a temporary one: the caller moves it into place)."""
        self.con.execute(f"COPY ({select}) TO {lit(str(target))} ({PARQUET_OPTIONS})")

    def _publish(self, contract: Contract, summary: Output, orgs: int) -> None:
        """Count a contract's rows, now in the cache, as this file's output."""
        summary.parquet = self._final(contract).name
        self.rows_read += summary.rows
        self.period_ranges.append((summary.first_period, summary.last_period))
        self.organisations = max(self.organisations, orgs)
        self.outputs[contract.name] = summary

    def _any_rejected(self, rejects: str) -> bool:
        row = self.con.execute(f"SELECT count(*) FROM {rejects}").fetchone()
        return bool(row and row[0])

    def _rejects(self, contract: Contract, rejects: str) -> list[int]:
        """Findings for the rows DuckDB could not read; returns their line numbers."""
        rejected = self.con.execute(
            f"SELECT line, column_name, CAST(error_type AS VARCHAR), csv_line, error_message "
            f"FROM {rejects} ORDER BY line"
        ).fetchall()
        findings, lines = reject_findings(contract, self.stat, rejected)
        self.findings += findings
        self.rows_read += len(lines)
        self.rows_rejected += len(lines)
        return lines

    def _check_and_write(
        self,
        contract: Contract,
        table: str,
        line_of: Callable[[int], int | None],
        long_rows: list[tuple[int, int]] = (),  # type: ignore[assignment]
        width: int = 0,
    ) -> None:
        """Check rows held in a temp table (rowid = file order); write the good ones.

        ``long_rows`` are (row, fields found) of rows longer than the header's ``width``.
        """
        bad = f"_bad_{self.tag}_{contract.name}"
        self.temps.append(bad)
        find_bad_rows(self.con, contract, table, "rowid", bad)
        if long_rows:
            self.con.executemany(
                f"INSERT INTO {bad} VALUES (?, NULL, ?, {lit(LONG_ROW)})",
                [(rid, str(found)) for rid, found in long_rows],
            )
        problems = self.con.execute(
            f"SELECT rid, col, val, kind FROM {bad} ORDER BY rid LIMIT {MAX_FINDINGS_PER_FILE + 1}"
        ).fetchall()
        count = self.con.execute(f"SELECT count(DISTINCT rid) FROM {bad}").fetchone()
        n_bad = count[0] if count else 0
        self.rows_rejected += n_bad
        self.rows_read += n_bad
        for row_id, column, value, kind in problems:
            line = line_of(row_id)
            if kind == DUPLICATE:
                column, reason = duplicate_words(contract, line_of(int(value)))
                self.findings.append(Finding(self.stat.rel, line, column, "", reason))
            elif kind == LONG_ROW:
                reason = long_row_reason(width, value)
                self.findings.append(Finding(self.stat.rel, line, "", "", reason))
            else:
                reason = column_rule_words(contract, column, value, kind)
                self.findings.append(Finding(self.stat.rel, line, column, value or "", reason))
        where = f"WHERE rowid NOT IN (SELECT rid FROM {bad})" if n_bad else ""
        checking = False  # as on the fast path: only a write fault means the cache
        try:
            cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
            with atomic_target(self._final(contract)) as tmp:
                self._copy(f"SELECT {cols} FROM {table} {where} {order_by(contract)}", tmp)
                checking = True
                _bad, summary, orgs = profile(self.con, contract, _parquet(tmp))
                checking = False
        except CACHE_FAULTS as exc:
            if checking:
                raise
            LOG.warning("the cache of %s could not be written: %s", self.stat.rel, exc)
            self.cache_error = cache_fault_words(exc)
            summary, orgs = self._keep_in_memory(contract, table, where)
        self._publish(contract, summary, orgs)

    def _keep_in_memory(self, contract: Contract, table: str, where: str) -> tuple[Output, int]:
        """Hold a file's good rows in a table of their own, served as a staged file is.

        The store serves them at once and retries the Parquet write behind, as it does for
        files read together (:mod:`impact.ingest.staging`), so a full or read-only cache
        folder costs a restart's speed, never a row.
        """
        staged = f"{STAGE_SCHEMA}.{ident(f'm_{self.tag}_{contract.name}')}"
        cols = ", ".join(ident(c) for c in contract.column_names)
        self.con.execute(
            f"CREATE TABLE {staged} AS SELECT {cols}, 1 AS {FILE_COLUMN} "
            f"FROM {table} {where} {order_by(contract)}"
        )
        _bad, summary, orgs = profile(self.con, contract, staged)
        summary.staged, summary.file_id = staged, 1
        return summary, orgs

    # -- clean-up ------------------------------------------------------------------------

    def drop_temp(self) -> None:
        for name in self.temps:
            with contextlib.suppress(duckdb.Error):
                self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def discard(self) -> None:
        """Remove Parquet (or rows in memory) kept for a file that turned out unusable."""
        for out in self.outputs.values():
            if out.staged:
                with contextlib.suppress(duckdb.Error):
                    self.con.execute(f"DROP TABLE IF EXISTS {out.staged}")
            else:
                (self.out_dir / out.parquet).unlink(missing_ok=True)
        self.outputs = {}


def _parquet(path: Path) -> str:
    return f"read_parquet({lit(str(path))})"
