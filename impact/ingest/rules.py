"""The per-file rules a contract's rows must meet, each one's SQL beside its wording.

Every rule is a row of :data:`COLUMN_RULES` (blank, enum, pattern, finite, minimum, maximum): the
columns it applies to, the SQL condition that is true for a row breaking it, and the
sentence an analyst reads. The duplicate-key rule, which compares rows with each other,
follows with its statement and its words. A value that does not fit its column's type, or a
row with the wrong number of fields, is caught earlier by DuckDB's reader (see
:mod:`impact.ingest.rejects`).

All of it runs inside DuckDB on rows already read (a temp table or a Parquet file), so a
file of millions of rows is checked in a few statements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from impact.contracts import Column, Contract
from impact.contracts.model import bound_text
from impact.sql import ident, lit


@dataclass(frozen=True)
class ColumnRule:
    """One kind of column rule: where it applies, how SQL spots a breach, how it is said."""

    kind: str
    applies: Callable[[Column], bool]
    #: SQL that is true for a row breaking the rule.
    condition: Callable[[Column], str]
    #: The reason shown to an analyst, given the column and the value as typed.
    words: Callable[[Column, str], str]


def _shown(c: Column, value: str) -> str:
    return f"`{c.name}` = `{value}`"


def _finite(c: Column) -> str:
    """Range rules hold for finite numbers only; the finite rule reports the rest once."""
    return f"isfinite({ident(c.name)})" if c.type == "DOUBLE" else "true"


COLUMN_RULES: tuple[ColumnRule, ...] = (
    ColumnRule(
        "blank",
        lambda c: c.required,
        lambda c: f"{ident(c.name)} IS NULL",
        lambda c, _v: f"`{c.name}` is blank; it is required",
    ),
    ColumnRule(
        "enum",
        lambda c: bool(c.enum),
        lambda c: f"{ident(c.name)} NOT IN ({', '.join(lit(v) for v in c.enum or ())})",
        lambda c, v: f"{_shown(c, v)} is not one of: {', '.join(c.enum or ())}",
    ),
    ColumnRule(
        "pattern",
        lambda c: bool(c.pattern),
        lambda c: f"NOT regexp_full_match({ident(c.name)}, {lit(c.pattern or '')})",
        lambda c, v: f"{_shown(c, v)} is not {c.rule or 'in the expected form'}",
    ),
    ColumnRule(
        # A value too large for a number (a million digits) is read as infinity; ``inf``
        # and ``nan`` are read as written. None of them is a figure a board can use.
        "finite",
        lambda c: c.type == "DOUBLE",
        lambda c: f"NOT isfinite({ident(c.name)})",
        lambda c, v: f"{_shown(c, v)} is not a finite number (too large, infinite or not a number)",
    ),
    ColumnRule(
        "minimum",
        lambda c: c.minimum is not None,
        lambda c: f"{_finite(c)} AND {ident(c.name)} < {c.minimum}",
        lambda c, v: f"{_shown(c, v)} is below the minimum {bound_text(c.minimum or 0)}",
    ),
    ColumnRule(
        "maximum",
        lambda c: c.maximum is not None,
        lambda c: f"{_finite(c)} AND {ident(c.name)} > {c.maximum}",
        lambda c, v: f"{_shown(c, v)} is above the maximum {bound_text(c.maximum or 0)}",
    ),
)
_BY_KIND = {rule.kind: rule for rule in COLUMN_RULES}

#: The kind recorded for a row whose key an earlier row of the file already holds.
DUPLICATE = "duplicate"


def column_rules(contract: Contract) -> list[tuple[str, str, str]]:
    """(column, SQL condition that is true for a bad row, kind) for every column rule."""
    return [
        (c.name, rule.condition(c), rule.kind)
        for c in contract.columns
        for rule in COLUMN_RULES
        if rule.applies(c)
    ]


def column_rule_words(contract: Contract, column: str, value: str | None, kind: str) -> str:
    """The reason for a row that breaks the ``kind`` rule of ``column``."""
    return _BY_KIND[kind].words(contract.column(column), value or "")


def duplicate_words(contract: Contract, first_line: int | None) -> tuple[str, str]:
    """(column, reason) for a row whose key repeats the row on ``first_line``."""
    cols = ", ".join(contract.key)
    where = f"line {first_line}" if first_line else "an earlier row"
    return cols, f"duplicate key: the same {cols} as {where}; {where} is kept"


def _column_rules_sql(contract: Contract, source: str, rid: str) -> str:
    """One statement listing (row, column, value, kind) for every column rule a row breaks."""
    parts: list[str] = []
    for column, condition, kind in column_rules(contract):
        value = f"CAST({ident(column)} AS VARCHAR)"
        if contract.column(column).type == "DOUBLE":  # show 7, not 7.0, as typed
            value = f"regexp_replace({value}, '\\.0$', '')"
        parts.append(
            f"SELECT {rid} AS rid, {lit(column)} AS col, {value} AS val, {lit(kind)} AS kind "
            f"FROM {source} WHERE {condition}"
        )
    return " UNION ALL ".join(parts)


def _duplicate_sql(contract: Contract, source: str, rid: str, bad: str) -> str:
    """Add to ``bad`` every row repeating the key of an earlier good row (value: that row).

    Rows already bad are left out on both sides, so a row with a blank key and the row it
    seems to repeat are each reported once, for what is really wrong with them.
    """
    on = " AND ".join(f"t.{ident(k)} IS NOT DISTINCT FROM d.{ident(k)}" for k in contract.key)
    keys = ", ".join(ident(k) for k in contract.key)
    return (
        f"INSERT INTO {bad} SELECT t.{rid}, NULL, CAST(d.first AS VARCHAR), {lit(DUPLICATE)} "
        f"FROM {source} t JOIN (SELECT {keys}, min({rid}) AS first FROM {source} "
        f"WHERE {rid} NOT IN (SELECT rid FROM {bad}) GROUP BY ALL HAVING count(*) > 1) d "
        f"ON {on} WHERE t.{rid} <> d.first AND t.{rid} NOT IN (SELECT rid FROM {bad})"
    )


def find_bad_rows(
    con: duckdb.DuckDBPyConnection, contract: Contract, source: str, rid: str, bad: str
) -> None:
    """Create temp table ``bad`` of (rid, col, val, kind): every rule each row breaks."""
    checks = _column_rules_sql(contract, source, rid)
    con.execute(
        f"CREATE TEMP TABLE {bad} AS {checks}"
        if checks
        else f"CREATE TEMP TABLE {bad} (rid BIGINT, col VARCHAR, val VARCHAR, kind VARCHAR)"
    )
    con.execute(_duplicate_sql(contract, source, rid, bad))
