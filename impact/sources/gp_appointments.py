"""NHS England "Appointments in General Practice" regional CSV, as downloaded.

One row per organisation × month × status × clinician type × mode × booking interval. The
booking-interval labels carry doubled spaces (``8  to 14 Days``) that would silently drop
rows from a naive comparison, so every label is whitespace-normalised before it is used.
The organisation is the CCG (later sub-ICB location) the layout reports by.
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

REQUIRED = {
    "ccg_code",
    "ccg_name",
    "region_name",
    "appointment_month",
    "appt_status",
    "time_between_book_and_appt",
    "count_of_appointments",
}


def matches(header: list[str]) -> bool:
    return header_has(header, REQUIRED)


def outputs(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    rows = run_sql(con, "gp_appointments_rows", path=path, regions=regions_param())
    return {
        "observations": rows.query("appointments", reader_sql("gp_appointments_observations")),
        "organisations": rows.query("appointments", reader_sql("gp_appointments_organisations")),
    }


READER = Reader(
    name="gp_appointments",
    title="Appointments in General Practice (regional CSV)",
    matches=matches,
    outputs=outputs,
    priority=publication_priority,
)
