"""Plans and relative targets read from a folder: recognised by header, the latest
submission used, and every bad row named by file, line and column with the rest unaffected."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.board import build_board
from impact.contracts import PLANS, match_contract
from tests.extracts import OBS_HEADER, ORGS, findings_for, report, write
from tests.store.conftest import make

PLANS_HEADER = "metric_id,org_code,period_start,planned_value,plan_name,submitted\n"
RULE_HEADER = (
    "metric_id,org_code,target_value,effective_from,effective_to,source,"
    "target_rule,baseline_period,improvement,floor\n"
)


def _observations(*orgs: str) -> str:
    """m_pct for each org, monthly March to September 2025 (T01 from March, others April)."""
    rows = []
    for org in orgs:
        first = 3 if org == "T01" else 4
        rows += [f"m_pct,{org},2025-{m:02d}-01,{60 + m / 10:.1f},," for m in range(first, 10)]
    return OBS_HEADER + "\n".join(rows) + "\n"


def test_a_plans_file_is_recognised_by_its_header_with_or_without_submitted() -> None:
    assert match_contract(PLANS_HEADER.strip().split(",")) is PLANS
    assert match_contract(["metric_id", "org_code", "period_start", "planned_value", "plan_name"])


def test_the_latest_submission_of_each_plan_is_used(folders) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "obs.csv", _observations("T01"))
    write(
        data / "plans" / "trajectory.csv",
        PLANS_HEADER
        + "m_pct,T01,2025-09-01,70,Operating plan,2025-03-27\n"
        + "m_pct,T01,2025-08-01,69,Operating plan,2025-03-27\n"
        + "m_pct,T01,2025-09-01,61,Operating plan,2025-07-14\n"
        + "m_pct,T01,2025-08-01,60.9,Operating plan,2025-07-14\n",
    )
    store = make(folders)
    assert report(store, "plans/trajectory.csv").contract == "plans"
    plans = store.query("board_plans", org_code="T01")
    assert plans["planned_value"].tolist() == [60.9, 61.0]
    assert set(pd.to_datetime(plans["submitted"]).dt.date) == {date(2025, 7, 14)}
    used = store.query("data_page_plans").set_index("submitted")
    assert used.loc[pd.Timestamp("2025-07-14"), "used"] == 1
    assert used.loc[pd.Timestamp("2025-03-27"), "replaced"] == 1
    board = build_board(store.query, "T01", date(2025, 3, 1), date(2025, 9, 1))
    answer = board.answer("m_pct")
    assert answer.plan == 61.0 and answer.plan_variance == pytest.approx(60.9 - 61.0)
    assert answer.plan_text == (
        "Behind plan: 60.9% in September against a planned 61.0%, the second month in a row."
    )


def test_plans_for_unknown_metrics_or_organisations_and_repeated_months_are_named(
    folders,
) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "obs.csv", _observations("T01"))
    write(
        data / "plans.csv",
        PLANS_HEADER
        + "m_pct,T01,2025-09-01,70,Operating plan,2025-03-27\n"
        + "m_pcx,T01,2025-09-01,70,Operating plan,2025-03-27\n"
        + "m_pct,T99,2025-09-01,70,Operating plan,2025-03-27\n"
        + "m_pct,T01,2025-09-01,72,Operating plan,2025-03-27\n",
    )
    store = make(folders)
    found = findings_for(store, "plans.csv")
    assert (
        5,
        "metric_id, org_code, period_start, plan_name, submitted",
        "",
        "duplicate key: the same metric_id, org_code, period_start, plan_name, submitted "
        "as line 2; line 2 is kept",
    ) in found
    assert (
        3,
        "metric_id",
        "m_pcx",
        "`metric_id` = `m_pcx` (1 row(s)) is not in the metrics catalogue or any metrics "
        "extract: kept, but matched to nothing; did you mean `m_pct`?",
    ) in found
    assert (
        4,
        "org_code",
        "T99",
        "`org_code` = `T99` (1 row(s)) is not in any organisations extract or publication: "
        "kept, but matched to nothing",
    ) in found
    # The good row is used; the observations are untouched.
    kept = store.query("board_plans", org_code="T01")
    assert kept[kept["metric_id"] == "m_pct"]["planned_value"].tolist() == [70.0]
    year = {"period_from": date(2025, 1, 1), "period_to": date(2025, 12, 31)}
    assert len(store.query("board_observations", org_code="T01", **year)) == 7


def test_a_relative_target_without_its_baseline_month_is_named_and_the_rest_stands(
    folders,
) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS + "T02,Trust two,trust,Q01\n")
    write(data / "obs.csv", _observations("T01", "T02"))
    write(
        data / "local targets.csv",
        RULE_HEADER
        + "m_count,,5,2025-04-01,,local,,,,\n"
        + "m_pct,,,2025-04-01,2026-03-31,every trust 5 better,improve_on_baseline,"
        "2025-03-01,5,\n"
        + "m_pct,,65,2025-04-01,2026-03-31,national 65,,,,\n"
        + "m_pct,,,2026-04-01,,no base,improve_on_baseline,,5,\n"
        + "m_count,,,2026-04-01,,nothing,,,,\n",
    )
    store = make(folders)
    found = findings_for(store, "local targets.csv")
    assert (
        3,
        "baseline_period",
        "2025-03-01",
        "the `m_pct` target from 2025-04-01 is set from each organisation's own figure for "
        "March 2025, but 1 organisation(s) with figures in its dates have none for that month "
        "(`T02`): their target cannot be computed (a national `target_value` starting the "
        "same day applies to them instead, if there is one)",
    ) in found
    assert (
        6,
        "target_value",
        "",
        "the `m_count` target from 2026-04-01 has neither a `target_value` nor a "
        "`target_rule`: it sets no target",
    ) in found
    assert (
        5,
        "baseline_period",
        "",
        "the `m_pct` target from 2026-04-01 is `improve_on_baseline` but lacks "
        "`baseline_period` or `improvement`: its target cannot be computed for any organisation",
    ) in found
    assert len(found) == 4  # and the override of the catalogue's m_pct targets
    # T01 has its March figure: 5 points above it. T02 falls back to the national 65%.
    t01 = build_board(store.query, "T01", date(2025, 3, 1), date(2025, 9, 1)).answer("m_pct")
    assert t01.target == pytest.approx(65.3)
    assert t01.target_rule_text == "5 points above March 2025's 60.3% = 65.3%"
    t02 = build_board(store.query, "T02", date(2025, 3, 1), date(2025, 9, 1)).answer("m_pct")
    assert t02.target == 65.0 and t02.target_rule_text == ""
