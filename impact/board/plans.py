"""Are we on plan? The operating-plan trajectory in force, and how the latest month stands.

Each organisation submits a monthly trajectory per metric (a plans extract); a re-plan is a
later submission of the same plan name and replaces the earlier one whole
(:file:`queries/board_plans.sql` keeps only the latest submission of each plan name).
Where several plans cover the latest month, the most recently submitted is the one used.
The board sees the planned value for the latest month, the variance (actual less plan), how
many months in a row it has been behind (or ahead of) plan, and one sentence:
"Behind plan: 74.2% in September against a planned 76.0%, the third month in a row."
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.board.model import MetricAnswer
from impact.board.values import as_date
from impact.calendar import MONTHS_LONG, add_months, day_short
from impact.units import format_value, unit_suffix

AHEAD, BEHIND, ON_PLAN = "ahead", "behind", "on plan"
#: Where higher is not better or worse (a neutral metric), only the side is said.
ABOVE, BELOW = "above", "below"

_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)


@dataclass(frozen=True)
class PlanStanding:
    """The latest month against the plan in force for it."""

    plan_name: str
    submitted: date | None
    period: date
    planned: float
    actual: float
    variance: float
    status: str
    run: int
    text: str


def ordinal(n: int) -> str:
    """``third`` up to twelfth, then ``13th``, ``21st``."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plan_figure(value: float, unit: str) -> str:
    """A figure beside its plan, always to one decimal (``76.0%``; counts whole)."""
    if unit == "count":
        return format_value(value, unit)
    return f"{value:,.1f}{unit_suffix(unit)}"


def plan_status(actual: float, planned: float, direction: str, unit: str) -> str:
    """Ahead, behind or on plan (the same figure as written), in the metric's direction."""
    if plan_figure(actual, unit) == plan_figure(planned, unit):
        return ON_PLAN
    higher = actual > planned
    if direction == "neutral":
        return ABOVE if higher else BELOW
    return AHEAD if higher == (direction != "decrease") else BEHIND


def choose_plan(plans: pd.DataFrame, period: date) -> pd.DataFrame:
    """The rows of the one plan in force for ``period``: of the plans with a value for that
    month, the latest submitted (a plan without a date counts as oldest), then by name."""
    if plans.empty:
        return plans
    months = pd.to_datetime(plans["period_start"]).dt.date
    covering = plans[months == period]
    if covering.empty:
        return plans.iloc[0:0]
    order = covering.assign(
        _when=pd.to_datetime(covering["submitted"]).fillna(pd.Timestamp.min)
    ).sort_values(["_when", "plan_name"])
    name = order["plan_name"].iloc[-1]
    return plans[plans["plan_name"] == name].reset_index(drop=True)


def plan_by_period(plan: pd.DataFrame) -> dict[date, float]:
    """Planned value by month for one plan's rows."""
    return {
        pd.Timestamp(p).date(): float(v)
        for p, v in zip(plan["period_start"], plan["planned_value"], strict=True)
        if not pd.isna(v)
    }


def plans_in_force(plans: pd.DataFrame, months: list[date]) -> dict[date, tuple[float, str]]:
    """Month → (planned value, plan name) of the plan in force for each month that has one
    (:func:`choose_plan`), so a chart and a run cross from one plan year to the next."""
    out: dict[date, tuple[float, str]] = {}
    for month in months:
        plan = choose_plan(plans, month)
        if not plan.empty:
            value = plan_by_period(plan).get(month)
            if value is not None:
                out[month] = (value, str(plan["plan_name"].iloc[0]))
    return out


def plan_sentence(
    status: str, actual: float, planned: float, period: date, run: int, unit: str
) -> str:
    """ "Behind plan: 74.2% in September against a planned 76.0%, the third month in a row.\""""
    month = MONTHS_LONG[period.month - 1]
    shown, plan_shown = plan_figure(actual, unit), plan_figure(planned, unit)
    if status == ON_PLAN:
        return f"On plan: {shown} in {month}, as planned."
    opening = {
        AHEAD: "Ahead of plan",
        BEHIND: "Behind plan",
        ABOVE: "Above plan",
        BELOW: "Below plan",
    }[status]
    tail = f", the {ordinal(run)} month in a row" if run > 1 else ""
    return f"{opening}: {shown} in {month} against a planned {plan_shown}{tail}."


def plan_standing(
    points: pd.DataFrame, plans: pd.DataFrame, *, direction: str, unit: str
) -> PlanStanding | None:
    """The latest valued month against the plan in force for it; ``None`` without one.

    ``points`` holds ``period_start`` and ``value``; ``plans`` one metric's rows of
    :file:`queries/board_plans.sql`. The run counts back month by month while the month
    has both a value and a planned value (from the plan in force for that month, so it
    crosses into the previous plan year) and stands the same way.
    """
    valued = points[points["value"].notna()].sort_values("period_start")
    if valued.empty or plans.empty:
        return None
    actual_by = {
        pd.Timestamp(p).date(): float(v)
        for p, v in zip(valued["period_start"], valued["value"], strict=True)
    }
    latest = max(actual_by)
    plan = choose_plan(plans, latest)
    if plan.empty:
        return None
    planned_by = {m: v for m, (v, _name) in plans_in_force(plans, sorted(actual_by)).items()}
    status = plan_status(actual_by[latest], planned_by[latest], direction, unit)
    run, month = 0, latest
    while month in actual_by and month in planned_by:
        if plan_status(actual_by[month], planned_by[month], direction, unit) != status:
            break
        run += 1
        month = add_months(month, -1)
    actual, planned = actual_by[latest], planned_by[latest]
    return PlanStanding(
        plan_name=str(plan["plan_name"].iloc[0]),
        submitted=as_date(plan["submitted"].iloc[0]),
        period=latest,
        planned=planned,
        actual=actual,
        variance=actual - planned,
        status=status,
        run=run,
        text=plan_sentence(status, actual, planned, latest, run, unit),
    )


def plan_caption(answer: MetricAnswer) -> str:
    """Which plan, and when it was submitted: ``2025/26 operating plan, submitted 14 Oct 2025``."""
    if not answer.plan_name:
        return ""
    when = f", submitted {day_short(answer.plan_submitted)}" if answer.plan_submitted else ""
    return f"{answer.plan_name}{when}"


def variance_text(variance: float | None, unit: str) -> str:
    """A signed variance: ``−1.8 points`` for a percentage, ``+3.0 minutes``, ``+120``."""
    if variance is None or pd.isna(variance):
        return "—"
    sign = "+" if variance > 0 else "−" if variance < 0 else ""
    if unit == "percent":
        return f"{sign}{plan_figure(abs(variance), '')} points"
    return f"{sign}{plan_figure(abs(variance), unit)}"


def attach_plan(answer: MetricAnswer, plans: pd.DataFrame) -> MetricAnswer:
    """The answer with its plan fields set and, on its points, the plan line: each month's
    plan in force (``plan``) and its name (``plan_name``).

    ``plans`` holds the organisation's rows of :file:`queries/board_plans.sql` for every
    metric; an answer with no plan for its latest month comes back unchanged.
    """
    mine = plans[plans["metric_id"] == answer.metric.metric_id] if not plans.empty else plans
    standing = plan_standing(
        answer.points, mine, direction=answer.metric.direction, unit=answer.metric.unit
    )
    if standing is None:
        return answer
    months = [pd.Timestamp(p).date() for p in answer.points["period_start"]]
    in_force = plans_in_force(mine, months)
    points = answer.points.copy()
    points["plan"] = [in_force[m][0] if m in in_force else float("nan") for m in months]
    points["plan_name"] = [in_force[m][1] if m in in_force else None for m in months]
    return dataclasses.replace(
        answer,
        points=points,
        plan=standing.planned,
        plan_variance=standing.variance,
        plan_name=standing.plan_name,
        plan_text=standing.text,
        plan_submitted=standing.submitted,
        plan_run=standing.run,
        plan_status=standing.status,
    )


def plan_use_lines(submissions: pd.DataFrame) -> list[str]:
    """The Data page's sentences on which plan is used, from :file:`queries/data_page_plans.sql`.

    One sentence per plan name: the submission used and, when a later submission replaced
    an earlier one for some trajectories, which and for how many.
    """
    lines: list[str] = []
    for name, group in submissions.groupby("plan_name", sort=True):
        parts = []
        for row in group.itertuples(index=False):
            when = (
                f"submitted {day_short(row.submitted)}"
                if not pd.isna(row.submitted)
                else ("with no submission date")
            )
            if row.used:
                parts.append(f"the version {when} is used for {row.used} trajectory(ies)")
            if row.replaced:
                parts.append(
                    f"the version {when} was replaced by a later one for "
                    f"{row.replaced} trajectory(ies)"
                )
        orgs = int(group["organisations"].max())
        lines.append(
            f"**{name}** ({orgs} organisation(s); each metric's latest submission wins): "
            + "; ".join(parts)
            + "."
        )
    return lines
