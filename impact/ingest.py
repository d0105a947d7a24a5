"""Read and validate one extract file, and write its good rows to Parquet.

Each file is read on its own by DuckDB (``read_csv`` with the contract's explicit types,
``nullstr`` for the usual blanks, ``store_rejects`` so a bad row never stops the file),
then checked in SQL (blank required values, values outside an enumeration, pattern and
range rules, duplicate keys). Every problem becomes a :class:`Finding` in an analyst's
words, with the file, line and column; the rows that pass are written to Parquet in the
cache so a restart never parses the CSV again. A problem with the file as a whole (empty,
not UTF-8, not recognised, changed while being read) rejects that file alone.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import hashlib
import io
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from impact import contracts, sources
from impact.contracts import Contract
from impact.fingerprint import FileStat

#: Findings kept per file; the count of rejected rows is always exact.
MAX_FINDINGS_PER_FILE = 1000
#: Distinct first-key values remembered per output, to spot files that may overlap.
MAX_KEY_VALUES = 5000

OK = "ok"
ROWS_REJECTED = "rows rejected"
FILE_REJECTED = "file rejected"
NOT_RECOGNISED = "not recognised"
BEING_WRITTEN = "still being written"
BEING_WRITTEN_MESSAGE = (
    "the file changed while it was being read (still being copied?); "
    "it is read again once it stops changing"
)

#: The column that says which period a row of each contract covers.
PERIOD_COLUMN: dict[str, str] = {
    "observations": "period_start",
    "targets": "effective_from",
    "events": "event_date",
    "projects": "start_date",
    "pdsa_cycles": "start_date",
    "capability": "period_start",
    "self_assessment": "assessment_date",
}

#: How the cache's Parquet is written: uncompressed is the fastest to write and to read;
#: small row groups, sorted by organisation, let one organisation's query skip the rest.
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 8192"

_CAST_VALUE = re.compile(r'Could not convert string "(.*)" to', re.S)
_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass
class Finding:
    """One problem, in words an analyst can act on."""

    file: str
    line: int | None
    column: str
    value: str
    reason: str
    severity: str = "error"  # error | warning


@dataclass
class FileReport:
    """What the store made of one file (the Data page and ``check`` show this)."""

    path: str
    origin: str  # "data" or "catalogue"
    size: int
    mtime: float
    status: str
    contract: str | None = None
    reader: str | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    first_period: str | None = None
    last_period: str | None = None
    organisations: int = 0
    closest_contract: str | None = None
    missing_columns: list[str] = field(default_factory=list)
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Output:
    """The good rows one file gave one contract, as a Parquet file in the cache."""

    contract: str
    parquet: str
    rows: int
    keys: list[str] | None  # distinct values of the first key column; None = too many
    key_from: str | None  # date range of the key's date column, if it has one
    key_to: str | None
    first_period: str | None = None
    last_period: str | None = None
    #: While the Parquet is still being written (see :mod:`impact.staging`): the in-memory
    #: table holding the rows, and this file's number in it. ``None`` once on disk.
    staged: str | None = None
    file_id: int | None = None


@dataclass
class FileResult:
    report: FileReport
    findings: list[Finding]
    outputs: dict[str, Output]
    priority: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report.to_dict(),
            "findings": [asdict(f) for f in self.findings],
            "outputs": {k: asdict(v) for k, v in self.outputs.items()},
            "priority": self.priority,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> FileResult:
        return cls(
            report=FileReport(**raw["report"]),
            findings=[Finding(**f) for f in raw["findings"]],
            outputs={k: Output(**v) for k, v in raw["outputs"].items()},
            priority=raw["priority"],
        )


def lit(text: str) -> str:
    """A SQL string literal (for identifiers of our own making, never for user values)."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class HeaderError(Exception):
    """The first line cannot be read as a CSV header."""


def read_header(path: Path) -> list[str]:
    """The header cells of a CSV file (BOM removed), or :class:`HeaderError`."""
    with path.open("rb") as fh:
        first = fh.readline(1 << 20)
    if not first.strip():
        raise HeaderError("the first line is empty; the header must be on line 1")
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HeaderError(
            "the file is not UTF-8 text (often a spreadsheet saved as plain 'CSV'); "
            "save it as 'CSV UTF-8' and drop it in again"
        ) from exc
    return next(csv.reader(io.StringIO(text)))


def _good_record_lines(path: Path, rejected: list[int]) -> list[int]:
    """The line each data record starts on, rejected ones left out, in file order.

    A quoted value may span lines and DuckDB skips blank lines, so a row's position is
    not its line; Python's csv module counts physical lines as it reads. Used only when
    a file has findings to report.
    """
    skip = set(rejected)
    starts: list[int] = []
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        for record in reader:
            if record and start != 1 and start not in skip:
                starts.append(start)
            start = reader.line_num + 1
    return starts


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


def stat_changed(stat: FileStat) -> bool:
    """True when the file is gone or its size or mtime moved since ``stat`` was taken."""
    try:
        now = stat.path.stat()
    except FileNotFoundError:
        return True
    return now.st_size != stat.size or now.st_mtime_ns != stat.mtime_ns


def without_paths(message: str, stat: FileStat) -> str:
    """A DuckDB message with the file's server path replaced by its name in the data folder.

    Findings are shown to every viewer of the Data page (and an upload is checked from a
    temporary folder), so a message must never reveal where the server keeps its files.
    """
    for absolute in (str(stat.path), str(stat.path.resolve())):
        message = message.replace(absolute, stat.rel)
    return message


def ingest_file(
    con: duckdb.DuckDBPyConnection, stat: FileStat, out_dir: Path, origin: str = "data"
) -> FileResult:
    """Read, validate and persist one file. Never raises for a bad file: it reports it."""
    report = new_report(stat, origin)

    def file_level(status: str, message: str) -> FileResult:
        return file_problem(report, status, message)

    if stat.size == 0:
        return file_level(FILE_REJECTED, "the file is empty (it is retried when it changes)")
    try:
        header = read_header(stat.path)
    except HeaderError as exc:
        return file_level(FILE_REJECTED, str(exc))
    except OSError as exc:
        return file_level(FILE_REJECTED, f"the file could not be opened: {exc.strerror}")

    contract = contracts.match_contract(header)
    reader = None if contract else sources.match_reader(header)
    if contract is None and reader is None:
        closest, missing = contracts.closest_contract(header)
        report.closest_contract = closest.name
        report.missing_columns = missing
        return file_level(
            NOT_RECOGNISED,
            f"the header matches no extract contract; closest is '{closest.name}', "
            f"which also needs column(s): {', '.join(missing)}",
        )

    run = _Run(con, stat, out_dir)
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
        text = without_paths(str(exc), stat)
        first_line = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return file_level(FILE_REJECTED, f"the file could not be read: {first_line}")
    finally:
        run.drop_temp()

    if stat_changed(stat):
        run.discard()
        return file_level(BEING_WRITTEN, BEING_WRITTEN_MESSAGE)

    findings = finish_report(
        report,
        run.rows_read,
        run.rows_rejected,
        run.period_ranges,
        run.organisations,
        run.findings,
    )
    priority = reader.priority(stat.path) if reader is not None else 0
    return FileResult(report, findings, run.outputs, priority)


def new_report(stat: FileStat, origin: str = "data") -> FileReport:
    """The report of a file about to be read: ok until something says otherwise."""
    return FileReport(
        path=stat.rel, origin=origin, size=stat.size, mtime=stat.mtime_ns / 1e9, status=OK
    )


def file_problem(report: FileReport, status: str, message: str) -> FileResult:
    """The result for a file whose problem is with the file as a whole: no rows used."""
    report.status = status
    report.message = message
    return FileResult(report, [Finding(report.path, None, "", "", message)], {})


def finish_report(
    report: FileReport,
    rows_read: int,
    rows_rejected: int,
    period_ranges: list[tuple[str | None, str | None]],
    organisations: int,
    findings: list[Finding],
) -> list[Finding]:
    """Fill in a read file's report; return its findings in line order, capped."""
    report.rows_read = rows_read
    report.rows_rejected = rows_rejected
    periods = [p for o in period_ranges for p in o if p]
    report.first_period = min(periods) if periods else None
    report.last_period = max(periods) if periods else None
    report.organisations = organisations
    if rows_rejected:
        report.status = ROWS_REJECTED
        report.message = f"{rows_rejected} of {rows_read} row(s) rejected"
    findings = sorted(findings, key=lambda f: f.line or 0)
    if len(findings) > MAX_FINDINGS_PER_FILE:
        extra = len(findings) - MAX_FINDINGS_PER_FILE
        findings = findings[:MAX_FINDINGS_PER_FILE]
        findings.append(
            Finding(report.path, None, "", "", f"… and {extra} more problem(s) not listed here")
        )
    return findings


class _Run:
    """The state of reading one file: temp tables, findings, outputs written."""

    def __init__(self, con: duckdb.DuckDBPyConnection, stat: FileStat, out_dir: Path) -> None:
        self.con = con
        self.stat = stat
        self.out_dir = out_dir
        self.tag = uuid.uuid4().hex[:12]
        self.temps: list[str] = []
        self.views: list[str] = []
        self.findings: list[Finding] = []
        self.outputs: dict[str, Output] = {}
        self.pending: dict[str, Path] = {}
        self.rows_read = 0
        self.rows_rejected = 0
        self.period_ranges: list[tuple[str | None, str | None]] = []
        #: Organisations a file covers (for a publication: its largest output's count).
        self.organisations = 0

    # -- reading -------------------------------------------------------------------------

    def read_contract_file(self, contract: Contract, header: list[str]) -> None:
        """Fast path: one streaming pass CSV → sorted Parquet, then checks on the Parquet.

        Only when a check fails (rare) is the file read again into memory, where each row
        keeps its position so the findings can name the line, and written without the
        rejected rows.
        """
        names = column_names(header)
        select = select_list(contract, names, trim=needs_trim(self.stat.path))

        def rows_sql(attempt: int) -> str:
            rejects, scan = f"_rj_{self.tag}_{attempt}", f"_rs_{self.tag}_{attempt}"
            self.temps += [rejects, scan]
            reader = read_csv_sql(contract, names, [self.stat.path], rejects, scan)
            return f"SELECT {select} FROM {reader}"

        source = f"{lit(self.stat.rel)} AS source_file"
        # The file's name is added after the sort: a constant need not travel through it.
        tmp = self._copy(contract, f"SELECT *, {source} FROM ({rows_sql(1)} {order_by(contract)})")
        problems, summary, orgs = profile(self.con, contract, f"read_parquet({lit(str(tmp))})")
        if problems == 0:
            self._rejects(contract, f"_rj_{self.tag}_1")
            self._publish(contract, tmp, (summary, orgs))
            return
        # Slow path: keep the file order (rowid) so every finding names its line.
        tmp.unlink(missing_ok=True)
        table = f"_t_{self.tag}"
        self.temps.append(table)
        self.con.execute(f"CREATE TEMP TABLE {table} AS SELECT *, {source} FROM ({rows_sql(2)})")
        reject_lines = self._rejects(contract, f"_rj_{self.tag}_2")

        good_lines = _good_record_lines(self.stat.path, reject_lines)
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        def line_of(row: int) -> int:
            if len(good_lines) == rows:  # the usual case: exact, even past blank lines
                return good_lines[row]
            # Fallback: count records, walking past the rejected lines before this one.
            line = row + 2
            while True:
                moved = row + 2 + bisect.bisect_right(reject_lines, line)
                if moved == line:
                    return line
                line = moved

        self._check_and_write(contract, table, line_of)

    def read_reader_file(self, reader: sources.Reader) -> str:
        relations = reader.outputs(self.con, self.stat.path)
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

    def _copy(self, contract: Contract, select: str) -> Path:
        """Write rows to this file's Parquet for the contract, under a temporary name."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.out_dir / f"{parquet_name(self.stat, contract)}.{self.tag}.tmp"
        self.pending[contract.name] = tmp
        self.con.execute(f"COPY ({select}) TO {lit(str(tmp))} ({PARQUET_OPTIONS})")
        return tmp

    def _publish(
        self, contract: Contract, tmp: Path, profile: tuple[Output, int] | None = None
    ) -> None:
        summary, orgs = profile or self._profile_file(contract, tmp)
        final = self.out_dir / parquet_name(self.stat, contract)
        os.replace(tmp, final)
        del self.pending[contract.name]
        summary.parquet = final.name
        self.rows_read += summary.rows
        self.period_ranges.append((summary.first_period, summary.last_period))
        self.organisations = max(self.organisations, orgs)
        self.outputs[contract.name] = summary

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

    def _add(self, line: int | None, column: str, value: str, reason: str) -> None:
        self.findings.append(Finding(self.stat.rel, line, column, value, reason))

    def _check(self, contract: Contract, source: str, rid: str, attempt: int) -> str:
        """A temp table of (rid, col, val, kind) for every rule a row breaks."""
        bad = f"_bad_{self.tag}_{contract.name}_{attempt}"
        self.temps.append(bad)
        checks = _check_sql(contract, source, rid)
        self.con.execute(
            f"CREATE TEMP TABLE {bad} AS {checks}"
            if checks
            else f"CREATE TEMP TABLE {bad} (rid BIGINT, col VARCHAR, val VARCHAR, kind VARCHAR)"
        )
        key = contract.key
        on = " AND ".join(f"t.{ident(k)} IS NOT DISTINCT FROM d.{ident(k)}" for k in key)
        keys = ", ".join(ident(k) for k in key)
        self.con.execute(
            f"INSERT INTO {bad} SELECT t.{rid}, NULL, CAST(d.first AS VARCHAR), 'duplicate' "
            f"FROM {source} t JOIN (SELECT {keys}, min({rid}) AS first FROM {source} "
            f"WHERE {rid} NOT IN (SELECT rid FROM {bad}) GROUP BY ALL HAVING count(*) > 1) d "
            f"ON {on} WHERE t.{rid} <> d.first AND t.{rid} NOT IN (SELECT rid FROM {bad})"
        )
        return bad

    def _check_and_write(
        self, contract: Contract, table: str, line_of: Callable[[int], int | None]
    ) -> None:
        """Check rows held in a temp table (rowid = file order); write the good ones."""
        bad = self._check(contract, table, "rowid", 2)
        problems = self.con.execute(
            f"SELECT rid, col, val, kind FROM {bad} ORDER BY rid LIMIT {MAX_FINDINGS_PER_FILE + 1}"
        ).fetchall()
        n_bad = self.con.execute(f"SELECT count(DISTINCT rid) FROM {bad}").fetchone()[0]
        self.rows_rejected += n_bad
        self.rows_read += n_bad
        for row_id, column, value, kind in problems:
            line = line_of(row_id)
            if kind == "duplicate":
                first = line_of(int(value))
                cols = ", ".join(contract.key)
                where = f"line {first}" if first else "an earlier row"
                self._add(
                    line, cols, "", f"duplicate key: the same {cols} as {where}; {where} is kept"
                )
            else:
                self._add(line, column, value or "", _check_words(contract, column, value, kind))
        cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
        where = f"WHERE rowid NOT IN (SELECT rid FROM {bad})" if n_bad else ""
        tmp = self._copy(contract, f"SELECT {cols} FROM {table} {where} {order_by(contract)}")
        self._publish(contract, tmp)

    def _profile_file(self, contract: Contract, path: Path) -> tuple[Output, int]:
        """The summary of rows already written to a Parquet file."""
        _bad, summary, orgs = profile(self.con, contract, f"read_parquet({lit(str(path))})")
        summary.parquet = path.name
        return summary, orgs

    # -- clean-up ------------------------------------------------------------------------

    def drop_temp(self) -> None:
        for name in self.views:
            with contextlib.suppress(duckdb.Error):
                self.con.execute(f"DROP VIEW IF EXISTS {name}")
        for name in self.temps:
            with contextlib.suppress(duckdb.Error):
                self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def discard(self) -> None:
        """Remove Parquet already written for a file that turned out unusable."""
        for out in self.outputs.values():
            (self.out_dir / out.parquet).unlink(missing_ok=True)
        for tmp in self.pending.values():
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".clean").unlink(missing_ok=True)
        self.outputs = {}
        self.pending = {}


def profile(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    source: str,
    also_bad: tuple[str, ...] = (),
) -> tuple[int, Output, int]:
    """One pass over read rows: how many break a rule, and what they cover.

    ``source`` is what follows ``FROM``: a Parquet file, or a staged table and a filter.
    ``also_bad`` are further SQL conditions that make a row count as a problem. The
    summary's ``parquet`` is left blank for the caller to name.
    """
    period = PERIOD_COLUMN.get(contract.name)
    date_key = next((k for k in contract.key if contract.column(k).type == "DATE"), None)
    first_key = ident(contract.key[0])
    keys = ", ".join(ident(k) for k in contract.key)
    problems = " + ".join(
        [
            # A blank count read from validity alone is cheaper than filtering rows.
            f"count(*) - count({ident(column)})" if kind == "blank" else f"count(*) FILTER ({rule})"
            for column, rule, kind in _rules(contract)
        ]
        + [f"count(*) FILTER ({condition})" for condition in also_bad]
        + [f"count(*) - count(DISTINCT hash({keys}))"]  # a collision only costs a re-check
    )
    has_org = "org_code" in contract.column_names
    exprs = [
        problems,
        "count(*)",
        f"CAST(min({ident(period)}) AS VARCHAR)" if period else "NULL",
        f"CAST(max({ident(period)}) AS VARCHAR)" if period else "NULL",
        f"CAST(min({ident(date_key)}) AS VARCHAR)" if date_key else "NULL",
        f"CAST(max({ident(date_key)}) AS VARCHAR)" if date_key else "NULL",
        # One distinct pass gives both the values and (as its length) their count.
        f"list(DISTINCT CAST({first_key} AS VARCHAR)) FILTER ({first_key} IS NOT NULL)",
        "count(DISTINCT org_code)" if has_org else "0",
    ]
    row = con.execute(f"SELECT {', '.join(exprs)} FROM {source}").fetchone()
    bad, rows, p_from, p_to, k_from, k_to, key_values, orgs = row
    key_values = key_values or []
    keys_kept = sorted(key_values) if len(key_values) <= MAX_KEY_VALUES else None
    summary = Output(contract.name, "", rows, keys_kept, k_from, k_to, p_from, p_to)
    return int(bad), summary, int(orgs)


def parquet_name(stat: FileStat, contract: Contract) -> str:
    """The cache file for one file's rows of one contract: changes when the file does."""
    digest = hashlib.sha1(stat.rel.encode()).hexdigest()[:12]
    return f"{digest}-{stat.size}-{stat.mtime_ns}-{contract.name}.parquet"


def read_csv_sql(
    contract: Contract,
    names: list[str],
    paths: list[Path],
    rejects: str,
    scan: str,
    null_strings: tuple[str, ...] = contracts.NULL_STRINGS,
) -> str:
    """The ``read_csv`` call for files laid out as ``names``, typed by the contract.

    Several files are read as one (``file_index`` numbers them from 0, in list order).
    """
    types = contract.duckdb_types()
    columns = ", ".join(f"{lit(n)}: {lit(types.get(n, 'VARCHAR'))}" for n in names)
    nulls = ", ".join(lit(s) for s in null_strings)
    files = ", ".join(lit(str(p)) for p in paths)
    return (
        f"read_csv([{files}], header=true, auto_detect=false, "
        f"delim=',', quote='\"', escape='\"', "
        f"columns={{{columns}}}, nullstr=[{nulls}], store_rejects=true, "
        f"rejects_table={lit(rejects)}, rejects_scan={lit(scan)})"
    )


def select_list(contract: Contract, names: list[str], trim: bool = True) -> str:
    """The contract's columns from a file read as ``names``; absent ones are NULL."""
    return ", ".join(_select_column(c, c.name in names, trim) for c in contract.columns)


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


def reject_findings(
    contract: Contract, stat: FileStat, rejected: list[tuple[Any, ...]]
) -> tuple[list[Finding], list[int]]:
    """Findings for rows DuckDB could not read, one per line; and those lines, sorted.

    ``rejected`` holds (line, column, error type, CSV line, message) rows in line order.
    """
    lines = sorted({int(r[0]) for r in rejected})
    findings: list[Finding] = []
    seen: set[int] = set()
    for line, column, kind, csv_line, message in rejected:
        if line in seen:  # one finding per rejected line is enough to act on
            continue
        seen.add(line)
        message = without_paths(message or "", stat)
        column, value, reason = _reject_words(contract, column or "", kind, csv_line, message)
        findings.append(Finding(stat.rel, int(line), column, value, reason))
    return findings, lines


def order_by(contract: Contract) -> str:
    """Rows grouped by organisation, so one organisation's query skips most row groups.

    Only ``org_code`` is sorted on: it is what the pruning needs, and a one-column sort
    costs least on ingest. Contracts without organisations keep the file's order.
    """
    return "ORDER BY org_code" if "org_code" in contract.column_names else ""


def _select_column(column: contracts.Column, present: bool, trim: bool = True) -> str:
    name = ident(column.name)
    if not present:
        return f"CAST(NULL AS {column.type}) AS {name}"
    if column.type == "VARCHAR" and trim:
        return f"nullif(trim({name}), '') AS {name}"
    return name


def _rules(contract: Contract) -> list[tuple[str, str, str]]:
    """(column, SQL condition that is true for a bad row, kind) for every column rule."""
    rules: list[tuple[str, str, str]] = []
    for c in contract.columns:
        name = ident(c.name)
        if c.required:
            rules.append((c.name, f"{name} IS NULL", "blank"))
        if c.enum:
            allowed = ", ".join(lit(v) for v in c.enum)
            rules.append((c.name, f"{name} NOT IN ({allowed})", "enum"))
        if c.pattern:
            rules.append((c.name, f"NOT regexp_full_match({name}, {lit(c.pattern)})", "pattern"))
        if c.minimum is not None:
            rules.append((c.name, f"{name} < {c.minimum}", "minimum"))
        if c.maximum is not None:
            rules.append((c.name, f"{name} > {c.maximum}", "maximum"))
    return rules


def _check_sql(contract: Contract, table: str, rid: str) -> str:
    """One statement listing (row, column, value, kind) for every rule a row breaks."""
    parts: list[str] = []
    for column, condition, kind in _rules(contract):
        value = f"CAST({ident(column)} AS VARCHAR)"
        if contract.column(column).type == "DOUBLE":  # show 7, not 7.0, as typed
            value = f"regexp_replace({value}, '\\.0$', '')"
        parts.append(
            f"SELECT {rid} AS rid, {lit(column)} AS col, {value} AS val, {lit(kind)} AS kind "
            f"FROM {table} WHERE {condition}"
        )
    return " UNION ALL ".join(parts)


def _number(x: float) -> str:
    return f"{x:g}"


def _check_words(contract: Contract, column: str, value: str | None, kind: str) -> str:
    c = contract.column(column)
    shown = f"`{column}` = `{value}`"
    if kind == "blank":
        return f"`{column}` is blank; it is required"
    if kind == "enum":
        return f"{shown} is not one of: {', '.join(c.enum or ())}"
    if kind == "pattern":
        return f"{shown} is not {c.rule or 'in the expected form'}"
    if kind == "minimum":
        return f"{shown} is below the minimum {_number(c.minimum or 0)}"
    if kind == "maximum":
        return f"{shown} is above the maximum {_number(c.maximum or 0)}"
    return f"{shown} breaks rule {kind}"


def _reject_words(
    contract: Contract, column: str, kind: str, csv_line: str | None, message: str | None
) -> tuple[str, str, str]:
    """(column, value, reason) for a row DuckDB could not read."""
    message = message or ""
    raw = (csv_line or "")[:200]
    if kind == "CAST":
        match = _CAST_VALUE.search(message)
        value = match.group(1) if match else raw
        try:
            col_type = contract.column(column).type
        except KeyError:
            col_type = "VARCHAR"
        words = contracts.TYPE_WORDS.get(col_type, col_type.lower())
        return column, value, f"`{column}` = `{value}` is not {words}"
    counts = _COUNTS.search(message)
    detail = f" (expected {counts.group(1)}, found {counts.group(2)})" if counts else ""
    if kind == "MISSING COLUMNS":
        return "", raw, f"the row has fewer fields than the header{detail}"
    if kind == "TOO MANY COLUMNS":
        return "", raw, f"the row has more fields than the header{detail}"
    if kind in ("INVALID ENCODING", "INVALID UNICODE"):
        return column, "", "the row is not valid UTF-8 text; save the file as 'CSV UTF-8'"
    if kind == "UNQUOTED VALUE":
        return column, raw, "a value has a stray quote mark; quote the whole value or remove it"
    first = message.splitlines()[0] if message else kind
    return column, raw, f"the row could not be read: {first}"
