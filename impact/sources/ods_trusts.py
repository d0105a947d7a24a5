"""Organisation lists from ODS: trusts with region and ICB, ICBs with region, or regions.

Statistics files name providers but not the ICB they belong to, so the region → ICB →
trust hierarchy the board walks comes from the ODS register. Three simple layouts are
accepted (all as published by ODS or derived from it): the trust list with ``region_code``
and ``icb_code``, the ICB list with its region, and the list of the seven regions. The
register outranks organisation rows inferred from statistics files (see ``_common``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact.sources import Reader
from impact.sources._common import (
    header_has,
    header_set,
    read_header,
    register_priority,
    run_sql,
)

#: Layout → the header cells that identify it, most specific first.
LAYOUTS: dict[str, set[str]] = {
    "ods_trusts_organisations": {
        "org_code",
        "org_name",
        "region_code",
        "region_name",
        "icb_code",
        "icb_name",
    },
    "ods_icbs_organisations": {"icb_code", "icb_name", "region_code", "region_name"},
    "ods_regions_organisations": {"region_code", "region_name"},
}


def layout(header: list[str]) -> str | None:
    """The statement for this header's layout; a region list must hold nothing else."""
    for statement, required in LAYOUTS.items():
        if not header_has(header, required):
            continue
        if statement == "ods_regions_organisations" and header_set(header) != required:
            continue
        return statement
    return None


def matches(header: list[str]) -> bool:
    return layout(header) is not None


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    statement = layout(read_header(con, path))
    if statement is None:
        raise ValueError(f"{path.name} is not an ODS trust, ICB or region list")
    return {"organisations": run_sql(con, statement, path=path)}


READER = Reader(
    name="ods_trusts",
    title="ODS organisation list (trusts with region and ICB, ICBs, regions)",
    matches=matches,
    outputs=outputs,
    priority=register_priority,
)
