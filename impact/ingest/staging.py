"""Large extracts: read together into memory, served at once, cached to Parquet behind.

Why: on a cold start, parsing the CSV files is only half the work; writing each file's
Parquet cache (sorted by organisation, so one organisation's query skips the rest) is the
other half, and nobody is waiting for the cache: it only makes the next restart fast. So
the store reads large files of one contract that share a header (a folder of monthly
extracts) with one ``read_csv`` per worker into an in-memory table, checks every rule per
file on that table, and serves its views from the table at once. A background thread then
writes each file's Parquet; the views switch to it and the table is dropped
(:meth:`impact.store.Store.flush` waits for that).

Nothing is checked less: the per-file rules are those of :mod:`impact.ingest.rules`, and a
file that breaks one, or whose group could not be read together, is read again on its own
by :func:`impact.ingest.one_file.ingest_file`, so that its findings name the real lines. A
file that changed while being read is reported as still being written and retried, as in
:mod:`impact.ingest.one_file`. Small files are not staged: their cache costs next to nothing to
write.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from impact import contracts
from impact.atomic import atomic_target
from impact.contracts import Contract
from impact.ingest import file_stat
from impact.ingest.csv_sql import (
    FILE_COLUMN,
    PARQUET_OPTIONS,
    STAGE_SCHEMA,
    order_by,
    parquet_name,
    read_csv_sql,
    select_list,
)
from impact.ingest.field_count import files_with_long_rows
from impact.ingest.file_stat import FileStat
from impact.ingest.header import (
    HeaderError,
    column_names,
    needs_trim,
    read_header,
    repeated_columns,
)
from impact.ingest.profile import profile
from impact.ingest.rejects import reject_findings
from impact.ingest.results import (
    BEING_WRITTEN,
    BEING_WRITTEN_MESSAGE,
    FileResult,
    file_problem,
    finish_report,
    new_report,
)
from impact.pause import pause_point
from impact.sql import ident, lit

#: Files at least this large are staged; below it, writing the cache at once is cheap.
STAGE_MIN_BYTES = 1 << 20


@dataclass(frozen=True)
class Candidate:
    """A file that may be staged: large, and matched to a contract by its header."""

    stat: FileStat
    contract: Contract
    names: tuple[str, ...]


def plan(stats: list[FileStat]) -> tuple[list[list[Candidate]], list[FileStat]]:
    """Split files into groups to stage (same contract and columns) and the rest.

    Only the header is read. A file whose header cannot be read, or that matches no
    contract (a publication has its own reader), goes the one-file way, which reports it.
    """
    groups: dict[tuple[str, tuple[str, ...]], list[Candidate]] = {}
    rest: list[FileStat] = []
    for stat in stats:
        if stat.size < STAGE_MIN_BYTES:
            rest.append(stat)
            continue
        try:
            header = read_header(stat.path)
        except (HeaderError, OSError):
            rest.append(stat)
            continue
        contract = contracts.match_contract(header)
        if contract is None or repeated_columns(header):
            rest.append(stat)
            continue
        names = tuple(column_names(header))
        groups.setdefault((contract.name, names), []).append(Candidate(stat, contract, names))
    return list(groups.values()), rest


def split(group: list[Candidate], parts: int) -> list[list[Candidate]]:
    """At most ``parts`` chunks of similar total size, largest files placed first."""
    chunks: list[list[Candidate]] = [[] for _ in range(max(1, min(parts, len(group))))]
    sizes = [0] * len(chunks)
    for cand in sorted(group, key=lambda c: -c.stat.size):
        i = sizes.index(min(sizes))
        chunks[i].append(cand)
        sizes[i] += cand.stat.size
    for chunk in chunks:
        chunk.sort(key=lambda c: c.stat.rel)
    return chunks


def stage_chunk(
    con: duckdb.DuckDBPyConnection, chunk: list[Candidate]
) -> tuple[str, dict[str, FileResult | None]]:
    """Read a chunk of files into one new staged table; check each file on it.

    Returns the table's name and a result per file (by relative path); ``None`` means
    "read this file on its own": its rows broke a rule, so its findings need real lines.
    Such files' rows, and those of a file that changed while being read, are removed from
    the table. Raises when the files cannot be read together at all.

    The files are first read taking only an empty field as blank, which is quicker than
    comparing every field with every blank marker (``-``, ``n/a`` ...). A marker in a
    number or date column then fails to convert, and the chunk is read again with every
    marker; a marker in a text column is a problem that sends its file the one-file way.
    """
    contract, names = chunk[0].contract, list(chunk[0].names)
    tag = uuid.uuid4().hex[:12]
    table = f"{STAGE_SCHEMA}.{ident('t_' + tag)}"
    markers = tuple(m for m in contracts.NULL_STRINGS if m)
    rejected = _read(con, table, chunk, ("",))
    if any(kind == "CAST" for _path, _line, _column, kind, *_rest in rejected):
        con.execute(f"DROP TABLE {table}")
        rejected = _read(con, table, chunk, contracts.NULL_STRINGS)
        markers = ()
    text = [c.name for c in contract.columns if c.type == "VARCHAR" and c.name in names]
    also_bad = tuple(f"{ident(c)} IN ({', '.join(map(lit, markers))})" for c in text if markers)

    by_path: dict[str, list[tuple[Any, ...]]] = {}
    for path, *row in rejected:
        by_path.setdefault(path, []).append(tuple(row))
    results: dict[str, FileResult | None] = {}
    dropped: list[int] = []
    try:
        long = files_with_long_rows(con, [c.stat.path for c in chunk], len(names))
        for file_id, cand in enumerate(chunk, start=1):
            rows = by_path.get(str(cand.stat.path), [])
            may_be_long = str(cand.stat.path) in long
            result = _check_file(con, table, file_id, cand, rows, also_bad, may_be_long)
            results[cand.stat.rel] = result
            if result is None or not result.outputs:
                dropped.append(file_id)
    except Exception:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        raise
    if len(dropped) == len(chunk):
        con.execute(f"DROP TABLE {table}")
    elif dropped:
        ids = ", ".join(str(i) for i in dropped)
        con.execute(f"DELETE FROM {table} WHERE {FILE_COLUMN} IN ({ids})")
    return table, results


def _read(
    con: duckdb.DuckDBPyConnection,
    table: str,
    chunk: list[Candidate],
    null_strings: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    """Create the staged table from the chunk's files; return the rows DuckDB rejected.

    Each rejected row is (path, line, column, error type, CSV line, message), in order.
    """
    contract, names = chunk[0].contract, list(chunk[0].names)
    tag = uuid.uuid4().hex[:12]
    rejects, scan = f"_srj_{tag}", f"_srs_{tag}"
    paths = [c.stat.path for c in chunk]
    trim = any(needs_trim(p) for p in paths)
    reader = read_csv_sql(contract, names, paths, rejects, scan, null_strings=null_strings)
    try:
        con.execute(
            f"CREATE TABLE {table} AS SELECT {select_list(contract, names, trim)}, "
            f"CAST(file_index AS INTEGER) + 1 AS {FILE_COLUMN} "
            f"FROM {reader}"
        )
        return con.execute(
            f"SELECT s.file_path, r.line, r.column_name, CAST(r.error_type AS VARCHAR), "
            f"r.csv_line, r.error_message FROM {rejects} r JOIN {scan} s "
            f"USING (scan_id, file_id) ORDER BY s.file_path, r.line"
        ).fetchall()
    except Exception:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        raise
    finally:
        for name in (rejects, scan):
            con.execute(f"DROP TABLE IF EXISTS {name}")


def _check_file(
    con: duckdb.DuckDBPyConnection,
    table: str,
    file_id: int,
    cand: Candidate,
    rejected: list[tuple[Any, ...]],
    also_bad: tuple[str, ...],
    may_be_long: bool,
) -> FileResult | None:
    stat, contract = cand.stat, cand.contract
    report = new_report(stat)
    report.contract = contract.name
    if file_stat.stat_changed(stat):  # looked up on the module: one test patch covers both
        return file_problem(report, BEING_WRITTEN, BEING_WRITTEN_MESSAGE)
    source = f"{table} WHERE {FILE_COLUMN} = {file_id}"
    problems, summary, orgs = profile(con, contract, source, also_bad)
    if problems or rejected or may_be_long:
        return None  # read on its own, where each finding's line is counted exactly
    findings, lines = reject_findings(contract, stat, rejected)
    summary.parquet = parquet_name(stat, contract)
    summary.staged = table
    summary.file_id = file_id
    findings = finish_report(
        report,
        summary.rows + len(lines),
        len(lines),
        [(summary.first_period, summary.last_period)],
        orgs,
        findings,
    )
    return FileResult(report, findings, {contract.name: summary})


def write_parquet(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    rel: str,
    table: str,
    file_id: int,
    target: Path,
) -> None:
    """Write one staged file's rows to its Parquet cache file, atomically.

    Sorted by organisation, as every cached file is, so that one organisation's query
    skips most row groups.
    """
    cols = ", ".join(ident(c) for c in contract.column_names)
    with atomic_target(target) as tmp:
        con.execute(
            f"COPY (SELECT {cols}, {lit(rel)} AS source_file FROM {table} "
            f"WHERE {FILE_COLUMN} = {int(file_id)} {order_by(contract)}) TO {lit(str(tmp))} "
            f"({PARQUET_OPTIONS})"
        )
        pause_point("staged-parquet")


def relation(contract: Contract, table: str, files: dict[int, str], filtered: bool) -> str:
    """SQL for the rows of a staged table's live files, with ``source_file`` named.

    ``files`` maps file numbers to relative paths; ``filtered`` says some of the table's
    files were re-read or removed since, so only the listed ones are kept.
    """
    cols = ", ".join(ident(c) for c in contract.column_names)
    names = ["NULL"] * max(files)
    for file_id, rel in files.items():
        names[file_id - 1] = lit(rel)
    ids = ", ".join(str(i) for i in sorted(files))
    where = f" WHERE {FILE_COLUMN} IN ({ids})" if filtered else ""
    return (
        f"SELECT {cols}, CAST([{', '.join(names)}][{FILE_COLUMN}] AS VARCHAR) AS source_file "
        f"FROM {table}{where}"
    )
