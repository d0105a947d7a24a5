"""Warnings that need more than one file, worded for an analyst; their SQL is in ``queries/``.

Per-file problems are found while a file is read (:mod:`impact.ingest.rules`) and
duplicates across files while the views are built (:mod:`impact.store.duplicates`). What
is left needs the combined tables: references nothing defines (a metric id no catalogue
holds, an organisation no extract names: errors for observations, whose rows are left
out), percentages outside 0–100, months missing from a
monthly series, and an analyst's own metrics or targets replacing the national catalogue's.
Each is a named query (``queries/findings_*.sql``) run through :mod:`impact.sql`. They
run only when :meth:`impact.store.Store.findings` is asked for, never on a refresh.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

import duckdb

from impact import sql
from impact.catalogue import CATALOGUE_PREFIX
from impact.ingest import Finding

#: The columns of :meth:`impact.store.Store.findings`.
FINDING_COLUMNS = ["file", "line", "column", "value", "reason", "severity"]
#: Cross-file findings listed per check before the rest are summarised.
MAX_CROSS_FINDINGS = 200


def examples(values: list[Any], limit: int = 5) -> str:
    """The first few values, quoted, and how many more there are."""
    shown = ", ".join(f"`{v}`" for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _warning(file: str, column: str, value: str, reason: str) -> Finding:
    return Finding(file, None, column, value, reason, "warning")


def closest(code: str, known: list[str]) -> str | None:
    """The known id most like ``code`` (a typo's likely intent), if any is close."""
    # An id differing only in case is the likeliest intent, whatever its length.
    match = [k for k in known if k.lower() == code.lower()][:1]
    match = match or difflib.get_close_matches(code, known, n=1, cutoff=0.6)
    return match[0] if match else None


#: Where a file's codes first appear: (file, column, codes) → line by code.
Locate = Callable[[str, str, set[str]], dict[str, int]]


def unknown_reference_findings(
    cur: duckdb.DuckDBPyConnection, locate: Locate | None = None
) -> list[Finding]:
    """Rows naming a metric or organisation nothing defines, per file and code.

    Observations so named are left out of every page (errors; see
    :data:`impact.store.views.DEFINED_OBSERVATIONS`); targets and projects are kept
    (warnings). Each says what the id was probably meant to be.
    """
    known: dict[str, list[str]] = {}
    for column, code in _rows(cur, "findings_known_codes"):
        known.setdefault(column, []).append(str(code))
    rows = _rows(cur, "findings_unknown_references")
    lines: dict[tuple[str, str], dict[str, int]] = {}
    if locate is not None:
        wanted: dict[tuple[str, str], set[str]] = {}
        for source_file, column, _looked, code, _count, _severity in rows[:MAX_CROSS_FINDINGS]:
            wanted.setdefault((source_file, column), set()).add(str(code))
        lines = {key: locate(*key, codes) for key, codes in wanted.items()}
    out: list[Finding] = []
    for source_file, column, looked_in, code, count, severity in rows:
        line = lines.get((source_file, column), {}).get(str(code))
        guess = closest(str(code), sorted(known.get(column, [])))
        hint = f"; did you mean `{guess}`?" if guess else ""
        used = "those rows are not used" if severity == "error" else "kept, but matched to nothing"
        reason = f"`{column}` = `{code}` ({count} row(s)) is not in {looked_in}: {used}{hint}"
        out.append(Finding(source_file, line, column, str(code), reason, severity))
    if len(out) > MAX_CROSS_FINDINGS:
        more = f"… and {len(out) - MAX_CROSS_FINDINGS} more ids that nothing defines"
        out = [*out[:MAX_CROSS_FINDINGS], Finding("", None, "", "", more, "error")]
    return out


def cross_file_findings(
    cur: duckdb.DuckDBPyConnection, locate: Locate | None = None
) -> list[Finding]:
    """Findings that need more than one file: unknown references, percent range, gaps."""
    out = unknown_reference_findings(cur, locate)
    out += [
        _warning(
            source_file,
            "value",
            values[0],
            f"{count} percentage value(s) outside 0–100 (percentages are 0–100, "
            f"not 0–1): {examples(values)}",
        )
        for source_file, count, values in _rows(cur, "findings_percent_range")
    ]
    gaps = _rows(cur, "findings_month_gaps")
    out += [
        _warning(
            source_file,
            "period_start",
            f"{metric_id} {org_code}",
            f"`{metric_id}` for `{org_code}` has {missing} month(s) missing between "
            f"{first:%Y-%m} and {last:%Y-%m}",
        )
        for metric_id, org_code, first, last, missing, source_file in gaps[:MAX_CROSS_FINDINGS]
    ]
    if len(gaps) > MAX_CROSS_FINDINGS:
        more = f"… and {len(gaps) - MAX_CROSS_FINDINGS} more series with missing months"
        out.append(_warning("", "period_start", "", more))
    return out


def override_findings(
    cur: duckdb.DuckDBPyConnection, catalogue_files: dict[str, list[str]]
) -> list[Finding]:
    """Say where an analyst's metric definitions or targets replace the catalogue's.

    ``catalogue_files`` maps ``metrics``/``targets`` to the catalogue's cached Parquet files.
    """
    found: list[Finding] = []
    for name, files in catalogue_files.items():
        if not files:
            continue
        rows = _rows(
            cur,
            f"findings_overridden_{name}",
            catalogue_prefix=CATALOGUE_PREFIX,
            catalogue_files=files,
        )
        found += [
            _warning(
                source_file,
                "metric_id",
                str(ids[0]),
                f"this file's {name} for {examples(ids)} replace the national "
                f"catalogue's (an analyst's own extract always wins)",
            )
            for source_file, ids in rows
        ]
    return found


def _rows(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[tuple[Any, ...]]:
    """A named query's rows as Python values (dates stay dates, lists stay lists)."""
    return sql.relation(cur, name, **params).fetchall()
