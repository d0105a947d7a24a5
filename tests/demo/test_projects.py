"""The improvement portfolio: every case the Improvement page handles, cycles numbered and dated."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from impact import demo
from impact.contracts import CONTRACTS
from impact.demo import projects


def test_improvement_portfolio_covers_the_cases_the_pages_handle(tables: dict) -> None:
    projects = tables["projects"]
    assert 18 <= len(projects) <= 25
    assert {p["status"] for p in projects} == set(CONTRACTS["projects"].column("status").enum)
    assert {p["priority"] for p in projects} >= {"elective", "uec", "primary_care"}
    assert len({p["method"] for p in projects}) >= 4
    assert any(p["metric_id"] == "" for p in projects)
    months_after = {
        p["project_id"]: (demo.END_MONTH.year - int(p["start_date"][:4])) * 12
        + demo.END_MONTH.month
        - int(p["start_date"][5:7])
        + 1
        for p in projects
        if p["status"] == "active"
    }
    assert min(months_after.values()) < 12 <= max(months_after.values())
    cycles = tables["pdsa_cycles"]
    ids = {p["project_id"] for p in projects}
    assert {c["project_id"] for c in cycles} <= ids
    assert {c["decision"] for c in cycles} == {"adopt", "adapt", "abandon"}
    by_project = defaultdict(list)
    for c in cycles:
        by_project[c["project_id"]].append(int(c["cycle_number"]))
    assert all(n == list(range(1, len(n) + 1)) for n in by_project.values())
    assert not any(p["project_id"] in by_project for p in projects if p["status"] == "planned")


def test_cycles_are_four_weeks_long_six_weeks_apart_from_a_week_after_the_start(
    tables: dict,
) -> None:
    starts = {p["project_id"]: date.fromisoformat(p["start_date"]) for p in tables["projects"]}
    cycles = tables["pdsa_cycles"]
    assert cycles
    for c in cycles:
        begin, end = date.fromisoformat(c["start_date"]), date.fromisoformat(c["end_date"])
        number = int(c["cycle_number"])
        assert begin - starts[c["project_id"]] == timedelta(days=7 + 42 * (number - 1)), c
        assert end - begin == timedelta(days=27), c


def test_every_planned_cycle_belongs_to_a_project_in_the_portfolio() -> None:
    ids = [row[0] for row in projects.projects()]
    assert len(ids) == len(set(ids))
    assert {row[0] for row in projects.pdsa_cycles()} <= set(ids)
