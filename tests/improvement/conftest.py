"""A store-shaped query function over small frames, for the improvement page's content."""

from __future__ import annotations

import pytest

from tests.improvement.frames import (
    stepped,
)


@pytest.fixture
def mini_query():
    """A DuckDB holding every contract's table, queried through the named queries."""
    import duckdb

    from impact.contracts import CONTRACTS
    from impact.sql import run

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for contract in CONTRACTS.values():
        cols = ", ".join(f"{c.name} {c.type}" for c in contract.columns)
        con.execute(f"CREATE TABLE {contract.name} ({cols}, source_file VARCHAR)")
    con.execute(
        "INSERT INTO metrics (metric_id, metric_name, priority, board_question, unit, "
        "improvement_direction, frequency, definition, source, chart, limits, source_file) "
        "VALUES ('m1', 'Four-hour performance', 'uec', 'Seen in time?', "
        "'percent', 'increase', 'month', NULL, NULL, NULL, NULL, 'f'), ('m2', 'Long waits', "
        "'elective', 'Waiting long?', 'count', 'decrease', 'month', NULL, NULL, NULL, NULL, 'f')"
    )
    con.execute(
        "INSERT INTO projects VALUES "
        "('P1', 'T1', 'Streaming', 'uec', 'm1', 'QSIR', 'active', '2024-01-01', NULL, 'COO', 'f'),"
        "('P2', 'T1', 'Culture', 'improvement', NULL, NULL, 'active', '2024-06-01', NULL, NULL,"
        " 'f'),"
        "('P3', 'T2', 'Elsewhere', 'uec', 'm1', 'Lean', 'active', '2024-01-01', NULL, NULL, 'f'),"
        "('P4', 'T1', 'Old', 'elective', 'm2', 'Lean', 'complete', '2020-01-01', '2020-06-30',"
        " NULL, 'f')"
    )
    con.execute(
        "INSERT INTO pdsa_cycles VALUES ('P1', 1, '2024-01-08', NULL, 'Streaming', NULL, "
        "'Worked in hours', 'adapt', 'f'), ('P3', 1, '2024-01-08', NULL, 'x', NULL, NULL, "
        "'adopt', 'f')"
    )
    series = stepped(60.0, 66.0)
    for row in series.itertuples():
        con.execute(
            "INSERT INTO observations VALUES ('m1', 'T1', ?, ?, NULL, NULL, 'f')",
            [row.period_start.date(), row.value],
        )
    yield lambda name, **params: run(con, name, **params)
    con.close()
