"""The portfolio: counts, PDSA summaries, durations, the project list in words."""

from __future__ import annotations

from datetime import date

from impact.improvement import (
    duration_months,
    pdsa_summary,
    portfolio_breakdowns,
    portfolio_counts,
    portfolio_table,
    portfolio_totals,
    project_list,
)
from tests.improvement.frames import (
    PDSA,
    PROJECTS,
    portfolio_frame,
)


def test_portfolio_counts_keep_blank_method():
    counts = portfolio_counts(PROJECTS, "method")
    assert dict(zip(counts["method"], counts["projects"], strict=True)) == {
        "QSIR": 2,
        "Lean": 1,
        "Not stated": 1,
    }
    assert counts["projects"].sum() == len(PROJECTS)
    assert portfolio_counts(PROJECTS.iloc[0:0], "status").empty


def test_pdsa_summary_latest_cycle_and_decisions():
    summary = pdsa_summary(PDSA).set_index("project_id")
    p1 = summary.loc["P1"]
    assert p1["cycles"] == 3
    assert p1["latest_cycle"] == 3
    assert p1["latest_change"] == "Weekend streaming"
    assert (p1["adopt"], p1["adapt"], p1["abandon"]) == (1, 1, 0)
    assert summary.loc["P3", "abandon"] == 1


def test_portfolio_table_keeps_projects_without_cycles_and_orders_active_first():
    table = portfolio_table(PROJECTS, PDSA, as_of=date(2025, 1, 31))
    assert list(table["status"])[:2] == ["active", "active"]
    by_id = table.set_index("project_id")
    assert by_id.loc["P2", "cycles"] == 0
    assert by_id.loc["P4", "cycles"] == 0
    assert by_id.loc["P1", "months_running"] == 12  # 15 Jan 2024 → 31 Jan 2025
    assert by_id.loc["P2", "months_running"] == 9  # closed at its end date


def test_portfolio_totals_and_breakdowns_are_in_words():
    portfolio = portfolio_frame()
    totals = portfolio_totals(portfolio)
    assert (totals.projects, totals.active, totals.cycles) == (4, 2, 4)
    breakdowns = portfolio_breakdowns(portfolio)
    assert list(breakdowns) == ["By priority", "By status", "By method"]
    by_priority = breakdowns["By priority"].set_index("By priority")["Projects"]
    assert by_priority.to_dict() == {
        "Urgent & emergency care": 2,
        "Elective care": 1,
        "Primary care": 1,
    }
    assert breakdowns["By status"].set_index("By status").loc["Active", "Projects"] == 2
    assert breakdowns["By method"].set_index("By method").loc["Not stated", "Projects"] == 1


def test_project_list_says_what_is_missing_rather_than_leaving_it_blank():
    portfolio = portfolio_frame()
    portfolio.loc[portfolio["project_id"] == "P2", "priority"] = "improvement"
    portfolio.loc[portfolio["project_id"] == "P4", "priority"] = "estates"
    shown = project_list(portfolio).set_index("Project")
    assert shown.loc["Booking", "Aimed at"] == "No outcome measure linked"
    assert shown.loc["Booking", "Lead"] == "Not stated"
    assert shown.loc["Discharge", "Method"] == "Not stated"
    assert shown.loc["Discharge", "Organisation"] == "T1"  # no name: the code
    assert shown.loc["Discharge", "Priority"] == "Improvement capability"
    assert shown.loc["Booking", "Priority"] == "estates"  # unknown key kept as it is
    assert shown.loc["Streaming", "Started"] == "15 Jan 2024"
    assert shown.loc["Streaming", "Latest change tested"] == "Weekend streaming"
    assert shown.loc["Discharge", "Latest change tested"] == "—"
    assert shown.loc["Streaming", "Status"] == "Active"


def test_duration_counts_whole_months_only():
    assert duration_months(date(2024, 1, 15), None, date(2024, 2, 14)) == 0
    assert duration_months(date(2024, 1, 15), None, date(2024, 2, 15)) == 1
    assert duration_months(date(2024, 5, 1), None, date(2024, 1, 1)) == 0
