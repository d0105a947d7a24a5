"""The same key in two files: which row wins, and the warning that says why.

The higher reader priority wins (own extracts, then the ODS register, then a revised
publication, then the original), then the newer file, then the later path in sort order;
for organisations of equal standing the file with the most recent data wins first.
Identical repeated rows are kept once, silently. Only files whose key summaries overlap
(shared first-key values and overlapping date ranges, from :mod:`impact.ingest.profile`)
are compared row by row, so a folder of one file per month costs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from impact.contracts import Contract
from impact.ingest import FileResult, Finding, Output
from impact.sql import ident, lit

#: (relative path, its result, its output for one contract): an analyst's file in the views.
Entry = tuple[str, FileResult, Output]


def may_overlap(a: Output, b: Output) -> bool:
    """False when two outputs' key summaries prove they share no key."""
    if a.keys is not None and b.keys is not None and not set(a.keys) & set(b.keys):
        return False
    return not (a.key_from and b.key_from and (a.key_to < b.key_from or b.key_to < a.key_from))


def rank(contract: Contract, result: FileResult, rel: str) -> tuple[Any, ...]:
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


def why_wins(contract: Contract, winner: FileResult, loser: FileResult) -> str:
    """The reason :func:`rank` put ``winner`` above ``loser``, in words."""
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


def resolve_duplicates(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    analyst: list[Entry],
    losers_table: str,
    rows_sql: Callable[[Contract, list[tuple[str, Output]]], str],
) -> tuple[set[str], list[Finding]]:
    """Record in ``losers_table`` the rows that lose to another file's row of the same key.

    Returns the files that lost rows and the warnings to show. ``rows_sql`` gives the SQL
    of some files' rows (see :mod:`impact.store.views`). The table is left in place only
    when some file lost rows.
    """
    involved: set[str] = set()
    for i, (rel_a, _ra, a) in enumerate(analyst):
        for rel_b, _rb, b in analyst[i + 1 :]:
            if may_overlap(a, b):
                involved |= {rel_a, rel_b}
    if not involved:
        return set(), []
    ranked = sorted(
        (r for r in analyst if r[0] in involved), key=lambda r: rank(contract, r[1], r[0])
    )
    con.execute(_losers_sql(contract, ranked, losers_table, rows_sql))
    keys = ", ".join(ident(k) for k in contract.key)
    summary = con.execute(
        f"SELECT source_file, winner, count(*), count(*) FILTER (differs), "
        f"CAST(arg_min(struct_pack({keys}), source_file) AS VARCHAR) "
        f"FROM {losers_table} GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    by_rel = {rel: result for rel, result, _o in analyst}
    dirty = {loser for loser, *_rest in summary}
    findings = [
        _warning(contract, loser, winner, count, differ, example, by_rel)
        for loser, winner, count, differ, example in summary
        if differ or not _same_standing(contract, by_rel[winner], by_rel[loser])
    ]
    if not dirty:
        con.execute(f"DROP TABLE IF EXISTS {losers_table}")
    return dirty, findings


def _losers_sql(
    contract: Contract,
    ranked: list[Entry],
    losers_table: str,
    rows_sql: Callable[[Contract, list[tuple[str, Output]]], str],
) -> str:
    """The statement filling ``losers_table``: each row outranked on its key, its winner,
    and whether its other values differ from the winner's."""
    values = ", ".join(f"({lit(rel)}, {i})" for i, (rel, _r, _o) in enumerate(ranked))
    rows = rows_sql(contract, [(rel, o) for rel, _r, o in ranked])
    keys = ", ".join(ident(k) for k in contract.key)
    others = [ident(c) for c in contract.column_names if c not in contract.key]
    content = f"hash({', '.join(others)})" if others else "0"
    return (
        f"CREATE OR REPLACE TABLE {losers_table} AS "
        f"WITH rk(source_file, rnk) AS (VALUES {values}), "
        f"r AS (SELECT {keys}, source_file, rnk, {content} AS content "
        f"FROM ({rows}) JOIN rk USING (source_file)) "
        f"SELECT {keys}, source_file, arg_max(source_file, rnk) OVER w AS winner, "
        f"content <> arg_max(content, rnk) OVER w AS differs "
        f"FROM r WINDOW w AS (PARTITION BY {keys}) "
        f"QUALIFY count(*) OVER w > 1 AND rnk < max(rnk) OVER w"
    )


def _same_standing(contract: Contract, won: FileResult, lost: FileResult) -> bool:
    """Identical rows repeated silently: same source standing (organisations: always)."""
    return won.priority == lost.priority or contract.name == "organisations"


def _warning(
    contract: Contract,
    loser: str,
    winner: str,
    count: int,
    differ: int,
    example: str,
    by_rel: dict[str, FileResult],
) -> Finding:
    key_words = ", ".join(contract.key)
    return Finding(
        loser,
        None,
        key_words,
        example,
        f"{count} {contract.name} row(s) have the same {key_words} as rows in "
        f"`{winner}` ({differ} with different values); `{winner}` is used "
        f"because {why_wins(contract, by_rel[winner], by_rel[loser])}",
        "warning",
    )
