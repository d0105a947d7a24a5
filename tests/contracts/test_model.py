"""What a contract is: its columns by name, their DuckDB types, bounds written as typed."""

from __future__ import annotations

import pytest

from impact.contracts import OBSERVATIONS
from impact.contracts.model import bound_text


def test_a_contract_lists_its_columns_required_ones_and_types() -> None:
    assert OBSERVATIONS.column_names[:4] == ("metric_id", "org_code", "period_start", "value")
    assert "numerator" not in OBSERVATIONS.required_names
    assert OBSERVATIONS.duckdb_types()["period_start"] == "DATE"
    assert OBSERVATIONS.column("value").type == "DOUBLE"
    with pytest.raises(KeyError):
        OBSERVATIONS.column("nope")


def test_bounds_are_written_as_an_analyst_typed_them() -> None:
    assert [bound_text(x) for x in (5.0, 0.5, 100, 1e6)] == ["5", "0.5", "100", "1e+06"]
