"""The Data page's inventory in words: files, totals per contract, findings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impact import inventory
from impact.ingest import NOT_RECOGNISED, FileReport


def _report(path: str, **fields: object) -> FileReport:
    base = {"origin": "data", "size": 10, "mtime": 0.0, "status": "ok"}
    return FileReport(path=path, **{**base, **fields})  # type: ignore[arg-type]


def test_folder_label_is_the_name_only() -> None:
    assert inventory.folder_label("/srv/board/extracts") == "extracts"
    assert inventory.folder_label(Path("relative/data")) == "data"


def test_inventory_words_for_recognised_read_and_unrecognised_files() -> None:
    obs = _report(
        "obs.csv",
        contract="observations",
        rows_read=3,
        first_period="2025-01-01",
        last_period="2025-03-01",
        organisations=2,
    )
    one = _report("one.csv", contract="events", first_period="2025-02-01", last_period="2025-02-01")
    read = _report("ae.csv", contract="observations", reader="ae_monthly")
    odd = _report(
        "sub/odd.csv",
        status=NOT_RECOGNISED,
        closest_contract="observations",
        missing_columns=["period_start"],
    )
    frame = inventory.inventory_frame([obs, one, read, odd], {"obs.csv": True, "ae.csv": False})
    rows = frame.set_index("File")
    assert rows.loc["obs.csv", "Contract"] == "observations"
    assert rows.loc["ae.csv", "Contract"] == "ae_monthly → observations"
    assert rows.loc["sub/odd.csv", "Contract"] == "not recognised"
    assert rows.loc["sub/odd.csv", "Closest contract (missing columns)"] == (
        "observations (lacks period_start)"
    )
    assert rows.loc["obs.csv", "Closest contract (missing columns)"] == ""
    assert rows.loc["obs.csv", "Periods"] == "2025-01-01 to 2025-03-01"
    assert rows.loc["one.csv", "Periods"] == "2025-02-01"
    assert rows.loc["ae.csv", "Periods"] == "—"
    assert list(rows["Stale"]) == ["yes", "—", "no", "—"]


def test_totals_follow_contract_order_with_unrecognised_last() -> None:
    reports = [
        _report("t.csv", contract="targets", rows_read=2),
        _report("odd.csv", status=NOT_RECOGNISED),
        _report("o1.csv", contract="observations", rows_read=5, rows_rejected=1),
        _report("o2.csv", contract="observations", rows_read=4),
    ]
    totals = inventory.totals_frame(reports)
    assert list(totals["Contract"]) == ["targets", "observations", "not recognised"]
    obs = totals.set_index("Contract").loc["observations"]
    assert (obs["Files"], obs["Rows read"], obs["Rows rejected"]) == (2, 9, 1)
    assert inventory.totals_frame([]).empty


def test_demo_only_when_every_data_file_is_in_the_demo_folder() -> None:
    demo = _report("demo/observations.csv")
    catalogue = _report("metrics.csv", origin="catalogue")
    assert inventory.shows_only_demo([demo, catalogue])
    assert not inventory.shows_only_demo([demo, _report("mine.csv")])
    assert not inventory.shows_only_demo([catalogue])


def test_findings_table_heads_columns_and_writes_lines_as_text() -> None:
    findings = pd.DataFrame(
        {
            "file": ["a.csv", ""],
            "line": [3, None],
            "column": ["period_start", ""],
            "value": ["31/13/2025", ""],
            "reason": ["not a date", "a gap"],
            "severity": ["error", "warning"],
        }
    )
    table = inventory.findings_table(findings)
    assert list(table.columns) == ["Line", "Column", "Value", "Reason"]
    assert list(table["Line"]) == ["3", "—"]
