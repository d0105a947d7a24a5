"""Operating-plan trajectories for every demo trust and ICB: some ahead, some behind.

Each organisation plans the two national measures boards track against plan (A&E 4-hour
performance and RTT 18 weeks) month by month for 2025/26 and 2026/27. A trajectory starts
from the organisation's own figures over the six months before the plan year and climbs
steadily to its March ambition; the ambitions differ by organisation, so against what the
series then show some are ahead of plan and some behind. One trust
(:data:`REPLANNED`) re-planned A&E mid-year: its 2026/27 plan was submitted twice, and the
later, lower trajectory replaces the first. Derived from the observations only, so adding
plans draws nothing from the seeded generator and every other file stays byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from impact.calendar import add_months
from impact.demo.region import DETERIORATED, ICBS, TRUSTS

#: The metrics planned, each organisation's March ambition above its starting level.
PLANNED_METRICS = ("ae_4hr_all", "rtt_18wk_pct")
#: Points gained by March over the six months before the plan year, by organisation:
#: modest ambitions tend to run ahead of plan, stretching ones behind.
AMBITION: dict[str, dict[str, float]] = {
    "ae_4hr_all": {
        "XQA": 3.0, "XQB": 4.0, "XRA01": 1.0, "XRA02": 7.0, "XRA03": 2.0, "XRA04": 6.0,
        "XRA05": 8.0, "XRA06": 1.5, "XRA07": 6.5, "XRA08": 2.5,
    },
    "rtt_18wk_pct": {
        "XQA": 5.0, "XQB": 5.0, "XRA01": 5.0, "XRA02": 3.0, "XRA03": 6.0, "XRA04": 1.0,
        "XRA05": 5.0, "XRA06": 2.0, "XRA07": 5.0, "XRA08": 1.5,
    },
}  # fmt: skip
#: The plan years: (name, first month, submitted).
PLAN_YEARS = (
    ("2025/26 operating plan", date(2025, 4, 1), date(2025, 3, 27)),
    ("2026/27 operating plan", date(2026, 4, 1), date(2026, 3, 26)),
)
#: The trust that re-planned A&E in July 2026 (after its bed closure), and the re-plan.
REPLANNED = DETERIORATED
REPLAN_METRIC = "ae_4hr_all"
REPLAN_SUBMITTED = date(2026, 7, 14)
#: Its re-planned March ambition (points above the starting level), lower than the first.
REPLAN_AMBITION = 3.0


def _trajectory(start: float, ambition: float, first: date) -> list[tuple[date, float]]:
    """Twelve planned months climbing evenly from ``start`` to ``start + ambition``."""
    return [(add_months(first, i), round(start + ambition * (i + 1) / 12, 1)) for i in range(12)]


def plans(observations: list[list[str]]) -> list[list[str]]:
    """Every plan row, sorted by metric, organisation, plan, submission and month."""
    values: dict[tuple[str, str], dict[date, float]] = defaultdict(dict)
    for metric, org, period, value, *_ in observations:
        if metric in PLANNED_METRICS and value:
            values[(metric, org)][date.fromisoformat(period)] = float(value)
    orgs = [i.code for i in ICBS] + [t.code for t in TRUSTS]
    rows: list[list[str]] = []
    for metric in PLANNED_METRICS:
        for org in orgs:
            series = values[(metric, org)]
            for name, first, submitted in PLAN_YEARS:
                before = [series[add_months(first, -k)] for k in range(1, 7)]
                start = sum(before) / len(before)
                versions = [(submitted, AMBITION[metric][org])]
                if (metric, org) == (REPLAN_METRIC, REPLANNED) and first.year == 2026:
                    versions.append((REPLAN_SUBMITTED, REPLAN_AMBITION))
                for when, ambition in versions:
                    rows += [
                        [metric, org, month.isoformat(), f"{planned}", name, when.isoformat()]
                        for month, planned in _trajectory(start, ambition, first)
                    ]
    return rows
