"""The cross-file checks: unknown references, percentages out of range, missing months."""

from __future__ import annotations

from impact.store import findings
from tests.extracts import OBS_HEADER, ORGS, orgs_for, write
from tests.store.conftest import make


def test_cross_file_checks_warn_about_unknown_codes_ranges_and_gaps(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(
        data / "obs.csv",
        OBS_HEADER
        + "m_pct,T01,2025-01-01,70,,\n"
        + "m_pct,T01,2025-04-01,170,,\n"
        + "nope,T01,2025-01-01,1,,\n"
        + "m_count,ZZZ,2025-01-01,1,,\n",
    )
    write(
        data / "projects.csv",
        "project_id,org_code,title,priority,metric_id,status,start_date\n"
        "P1,T01,Flow,uec,ghost_metric,active,2025-01-01\n",
    )
    store = make(folders)
    frame = store.findings()
    errors = frame[frame["severity"] == "error"]
    assert list(zip(errors["line"], errors["column"], errors["reason"], strict=True)) == [
        (
            4,
            "metric_id",
            "`metric_id` = `nope` (1 row(s)) is not in the metrics catalogue or any metrics "
            "extract: those rows are not used",
        ),
        (
            5,
            "org_code",
            "`org_code` = `ZZZ` (1 row(s)) is not in any organisations extract or publication: "
            "those rows are not used",
        ),
    ]
    warnings = frame[frame["severity"] == "warning"]
    text = " | ".join(warnings["reason"])
    assert (
        "`metric_id` = `ghost_metric` (1 row(s)) is not in the metrics catalogue: kept, "
        "but matched to nothing" in text
    )
    assert "1 percentage value(s) outside 0–100" in text
    assert "`m_pct` for `T01` has 2 month(s) missing between 2025-01 and 2025-04" in text
    assert set(frame.columns) == {"file", "line", "column", "value", "reason", "severity"}


def test_missing_months_are_listed_up_to_a_cap_then_counted(folders, monkeypatch) -> None:
    monkeypatch.setattr(findings, "MAX_CROSS_FINDINGS", 2)
    body = "".join(
        f"m_count,T{i:02d},2025-01-01,1,,\nm_count,T{i:02d},2025-03-01,1,,\n" for i in range(4)
    )
    write(folders[0] / "obs.csv", OBS_HEADER + body)
    write(folders[0] / "orgs.csv", orgs_for("T00", "T02", "T03"))
    frame = make(folders).findings()
    gaps = [r for r in frame["reason"] if "missing" in r]
    assert gaps == [
        "`m_count` for `T00` has 1 month(s) missing between 2025-01 and 2025-03",
        "`m_count` for `T01` has 1 month(s) missing between 2025-01 and 2025-03",
        "… and 2 more series with missing months",
    ]


def test_examples_show_five_and_count_the_rest() -> None:
    assert findings.examples(["a", "b"]) == "`a`, `b`"
    assert findings.examples(list("abcdefg")) == "`a`, `b`, `c`, `d`, `e` and 2 more"
