"""The demo plans: every trust and ICB planned, some ahead and some behind, one re-planned."""

from __future__ import annotations

from collections import defaultdict

from impact.demo.plans import PLANNED_METRICS, REPLAN_SUBMITTED, REPLANNED
from impact.demo.region import ICBS, TRUSTS


def test_every_trust_and_icb_has_a_monthly_plan_for_each_planned_metric(tables) -> None:
    months: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for r in tables["plans"]:
        months[(r["metric_id"], r["org_code"], r["plan_name"], r["submitted"])].add(
            r["period_start"]
        )
    orgs = {i.code for i in ICBS} | {t.code for t in TRUSTS}
    assert {(m, o) for m, o, _n, _s in months} == {(m, o) for m in PLANNED_METRICS for o in orgs}
    assert all(len(planned) == 12 for planned in months.values())


def test_one_trust_re_planned_mid_year(tables) -> None:
    versions = defaultdict(set)
    for r in tables["plans"]:
        versions[(r["metric_id"], r["org_code"], r["plan_name"])].add(r["submitted"])
    twice = {key: when for key, when in versions.items() if len(when) > 1}
    assert twice == {
        ("ae_4hr_all", REPLANNED, "2026/27 operating plan"): {
            "2026-03-26",
            REPLAN_SUBMITTED.isoformat(),
        }
    }


def test_some_run_ahead_of_plan_and_some_behind(tables) -> None:
    latest = {
        (r["metric_id"], r["org_code"]): float(r["value"])
        for r in tables["observations"]
        if r["period_start"] == "2026-09-01"
    }
    plan = {}
    for r in sorted(tables["plans"], key=lambda r: r["submitted"]):  # the latest wins
        if r["period_start"] == "2026-09-01":
            plan[(r["metric_id"], r["org_code"])] = float(r["planned_value"])
    ahead = {k for k, v in plan.items() if latest[k] > v}
    behind = {k for k, v in plan.items() if latest[k] < v}
    for metric in PLANNED_METRICS:
        assert {o for m, o in ahead if m == metric}, f"no one ahead on {metric}"
        assert {o for m, o in behind if m == metric}, f"no one behind on {metric}"
