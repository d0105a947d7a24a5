"""NHS England Referral to Treatment (RTT) waiting times, "full CSV data file" as downloaded.

The file has one row per provider × commissioner × RTT part × treatment function, with
105 week bands. The board's waiting-list measures are the incomplete pathways (Part_2)
over all treatment functions (``C_999``), per provider, so the reader keeps exactly those
rows and sums them over commissioners. No England row is produced: the published national
waiting list adds estimates for providers that did not report, so a sum of this file would
not equal it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sources import Reader
from impact.sources._common import header_has, publication_priority, run_sql

REQUIRED = {
    "period",
    "provider org code",
    "commissioner org code",
    "rtt part type",
    "treatment function code",
    "gt 00 to 01 weeks sum 1",
    "gt 52 to 53 weeks sum 1",
    "total",
    "total all",
}


def matches(header: list[str]) -> bool:
    return header_has(header, REQUIRED)


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    return {"observations": run_sql(con, "rtt_observations", path=path)}


READER = Reader(
    name="rtt",
    title="Referral to Treatment waiting times (full CSV data file)",
    matches=matches,
    outputs=outputs,
    priority=publication_priority,
)
