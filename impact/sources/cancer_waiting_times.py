"""NHS England Cancer Waiting Times provider extract, as published (one row per standard ×
provider × route × modality × cancer type).

The national series counts each patient once, so for the 31- and 62-day standards only the
``ALL MODALITIES`` rows are summed; the per-modality rows break the same patients down
again. Shared-care patients count as halves in the 62-day standard and are kept as such.
England is the sum of providers, which is how the national figure is built.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sources import Reader
from impact.sources._common import header_has, publication_priority, run_sql

REQUIRED = {
    "period",
    "year",
    "month",
    "standard",
    "org code",
    "treatment modality",
    "total treated",
    "within standard",
}


def matches(header: list[str]) -> bool:
    return header_has(header, REQUIRED)


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    return {"observations": run_sql(con, "cwt_observations", path=path)}


READER = Reader(
    name="cancer_waiting_times",
    title="Cancer Waiting Times provider extract (28-day FDS, 31-day, 62-day)",
    matches=matches,
    outputs=outputs,
    priority=publication_priority,
)
