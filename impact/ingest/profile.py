"""One pass over a file's rows: how many break a rule, and what the rows cover.

The fast path of reading a file (:mod:`impact.ingest.one_file`) and every staged file
(:mod:`impact.ingest.staging`) ask this first: when no row breaks a rule the rows are used
as they are, and only a file with problems is read again to name each problem's line. The
same pass gives the periods, organisations and key summary the store uses to spot files
that may hold the same keys (:mod:`impact.store.duplicates`).
"""

from __future__ import annotations

import duckdb

from impact.contracts import Contract
from impact.ingest.results import Output
from impact.ingest.rules import column_rules
from impact.sql import ident

#: Distinct first-key values remembered per output, to spot files that may overlap.
MAX_KEY_VALUES = 5000

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


def profile(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    source: str,
    also_bad: tuple[str, ...] = (),
) -> tuple[int, Output, int]:
    """(rows breaking a rule, summary of the rows, organisations covered).

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
            for column, rule, kind in column_rules(contract)
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
    assert row is not None  # an aggregate always returns one row
    bad, rows, p_from, p_to, k_from, k_to, key_values, orgs = row
    key_values = key_values or []
    keys_kept = sorted(key_values) if len(key_values) <= MAX_KEY_VALUES else None
    summary = Output(contract.name, "", rows, keys_kept, k_from, k_to, p_from, p_to)
    return int(bad), summary, int(orgs)
