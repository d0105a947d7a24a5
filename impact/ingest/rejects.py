"""Rows DuckDB's reader could not read, in an analyst's words, and messages without paths.

The reader rejects a row whose value does not fit its column's type (``31/13/2025`` in a
date column), a row with too few or too many fields, a row that is not UTF-8 and a value
with a stray quote; ``store_rejects`` records each with its line. Here each becomes one
:class:`~impact.ingest.results.Finding` per line, naming the column and value.
"""

from __future__ import annotations

import re
from typing import Any

from impact import contracts
from impact.contracts import Contract
from impact.ingest.field_count import long_row_reason
from impact.ingest.file_stat import FileStat
from impact.ingest.results import Finding

_CAST_VALUE = re.compile(r'Could not convert string "(.*)" to', re.S)
_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def without_paths(message: str, stat: FileStat) -> str:
    """A DuckDB message with the file's server path replaced by its name in the data folder.

    Findings are shown to every viewer of the Data page (and an upload is checked from a
    temporary folder), so a message must never reveal where the server keeps its files.
    """
    for absolute in (str(stat.path), str(stat.path.resolve())):
        message = message.replace(absolute, stat.rel)
    return message


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
        column, value, reason = reject_words(contract, column or "", kind, csv_line, message)
        findings.append(Finding(stat.rel, int(line), column, value, reason))
    return findings, lines


def reject_words(
    contract: Contract, column: str, kind: str, csv_line: str | None, message: str | None
) -> tuple[str, str, str]:
    """(column, value, reason) for a row DuckDB could not read, by DuckDB's error type."""
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
        if counts:
            return "", raw, long_row_reason(counts.group(1), counts.group(2))
        return "", raw, "the row has more fields than the header"
    if kind in ("INVALID ENCODING", "INVALID UNICODE"):
        return column, "", "the row is not valid UTF-8 text; save the file as 'CSV UTF-8'"
    if kind == "UNQUOTED VALUE":
        return column, raw, "a value has a stray quote mark; quote the whole value or remove it"
    first = message.splitlines()[0] if message else kind
    return column, raw, f"the row could not be read: {first}"
