"""A store-shaped query function over small frames, for the Capability page's content."""

from __future__ import annotations

import pytest

from impact.capability import (
    MIN_SPC_POINTS,
)
from tests.capability.frames import (
    ASSESSMENTS,
    capability_frame,
)


@pytest.fixture
def capability_query():
    """A DuckDB with the self-assessment and capability tables, read by the named queries."""
    import duckdb

    from impact.contracts import CAPABILITY, SELF_ASSESSMENT
    from impact.sql import run

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for contract in (CAPABILITY, SELF_ASSESSMENT):
        cols = ", ".join(f"{c.name} {c.type}" for c in contract.columns)
        con.execute(f"CREATE TABLE {contract.name} ({cols}, source_file VARCHAR)")
    con.register("assessment_rows", ASSESSMENTS)
    con.register("capacity_rows", capability_frame(MIN_SPC_POINTS + 2))  # quarterly, 2023 on
    con.execute("INSERT INTO self_assessment SELECT *, 'f' FROM assessment_rows")
    con.execute("INSERT INTO capability SELECT *, 'f' FROM capacity_rows")
    yield lambda name, **params: run(con, name, **params)
    con.close()
