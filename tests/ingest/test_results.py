"""What one file gives travels through the cache manifest as JSON, unchanged."""

from __future__ import annotations

import json

from impact.ingest import FileReport, FileResult, Finding, Output


def test_a_result_survives_a_round_trip_through_json() -> None:
    result = FileResult(
        FileReport("a.csv", "data", 10, 1.5, "rows rejected", contract="observations"),
        [Finding("a.csv", 3, "value", "x", "`value` = `x` is not a number")],
        {"observations": Output("observations", "p.parquet", 2, ["m"], "2025-01-01", "2025-02-01")},
        priority=1,
    )
    again = FileResult.from_json(json.loads(json.dumps(result.to_json())))
    assert again == result
    assert again.findings[0].severity == "error"
