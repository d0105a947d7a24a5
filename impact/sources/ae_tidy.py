"""The NHS-R Community's tidy form of the A&E publication (``ae_attendances``).

Many analysts already hold the A&E series in this long form (one row per month ×
organisation × department type) from the NHSRdatasets package; reading it directly gives
years of history before the monthly provider CSVs start. Only organisation-level figures
are produced: the form names no regions and may be a subset of providers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sources import Reader
from impact.sources._common import header_has, publication_priority, run_sql

REQUIRED = {"period", "org_code", "type", "attendances", "breaches", "admissions"}


def matches(header: list[str]) -> bool:
    return header_has(header, REQUIRED)


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    return {"observations": run_sql(con, "ae_tidy_observations", path=path)}


READER = Reader(
    name="ae_tidy",
    title="A&E attendances, NHS-R tidy form (period, org_code, type, …)",
    matches=matches,
    outputs=outputs,
    priority=publication_priority,
)
