"""NHS England "A&E Attendances and Emergency Admissions" monthly provider CSV, as downloaded.

The publication gives one row per provider with attendances, 4-hour breaches, waits from
decision to admit and emergency admissions, by department type, plus a total row. The
national and regional figures the board compares against are sums of providers, so the
reader computes them the same way rather than trusting the total row (spelled ``TOTAL``,
``Total ``… from month to month). Revised editions carry the same ``Period`` as the
original, so both produce the same keys and the store keeps the revised one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sources import Reader
from impact.sources._common import (
    header_has,
    publication_priority,
    reader_sql,
    regions_param,
    run_sql,
)

#: Header cells (normalised) that identify the publication in every edition since 2017.
REQUIRED = {
    "period",
    "org code",
    "parent org",
    "org name",
    "a&e attendances type 1",
    "attendances over 4hrs type 1",
}


def matches(header: list[str]) -> bool:
    return header_has(header, REQUIRED)


def providers(con: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyRelation:
    """One typed row per provider (period, code, name, region, summed measures)."""
    return run_sql(con, "ae_monthly_providers", path=path, regions=regions_param())


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    rows = providers(con, path)
    return {
        "observations": rows.query("providers", reader_sql("ae_monthly_observations")),
        "organisations": rows.query("providers", reader_sql("ae_monthly_organisations")),
    }


READER = Reader(
    name="ae_monthly",
    title="A&E Attendances and Emergency Admissions (monthly provider CSV)",
    matches=matches,
    outputs=outputs,
    priority=publication_priority,
)
