"""*What improvement work is under way?* The portfolio, its PDSA learning and its counts.

Blank fields say so ("Not stated", "No outcome measure linked") rather than stay empty or
drop out of a count, because a gap in the record is itself something a board may ask about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.calendar import day_short, months_between
from impact.improvement.priority import priority_words

PDSA_DECISION_ORDER = ("adopt", "adapt", "abandon")


def portfolio_counts(projects: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of projects per value of ``by`` (``priority``, ``status`` or ``method``).

    A blank method is shown as "Not stated" rather than dropped, so the counts always add up
    to the portfolio and a board can see how much work has no named method.
    """
    if projects.empty:
        return pd.DataFrame({by: pd.Series(dtype="str"), "projects": pd.Series(dtype="int64")})
    values = projects[by].astype("object").where(projects[by].notna(), "Not stated")
    counts = values.value_counts().rename_axis(by).reset_index(name="projects")
    return counts.sort_values(["projects", by], ascending=[False, True], ignore_index=True)


def pdsa_summary(pdsa: pd.DataFrame) -> pd.DataFrame:
    """One row per project: how many PDSA cycles, the latest one, and the decisions taken.

    Columns: ``project_id, cycles, latest_cycle, latest_start, latest_change, latest_decision,
    latest_learning, adopt, adapt, abandon``. The latest cycle is the highest cycle number, as
    teams number cycles in the order they run them.
    """
    columns = [
        "project_id",
        "cycles",
        "latest_cycle",
        "latest_start",
        "latest_change",
        "latest_decision",
        "latest_learning",
        *PDSA_DECISION_ORDER,
    ]
    if pdsa.empty:
        return pd.DataFrame(columns=columns)
    ordered = pdsa.sort_values(["project_id", "cycle_number"])
    latest = ordered.groupby("project_id", sort=True).tail(1).set_index("project_id")
    counts = (
        ordered.groupby("project_id")["decision"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(PDSA_DECISION_ORDER), fill_value=0)
    )
    out = pd.DataFrame(
        {
            "cycles": ordered.groupby("project_id").size(),
            "latest_cycle": latest["cycle_number"],
            "latest_start": latest["start_date"],
            "latest_change": latest["change_tested"],
            "latest_decision": latest["decision"],
            "latest_learning": latest["learning"],
        }
    ).join(counts)
    out[list(PDSA_DECISION_ORDER)] = out[list(PDSA_DECISION_ORDER)].fillna(0).astype("int64")
    return out.rename_axis("project_id").reset_index()[columns]


def duration_months(
    start: date | pd.Timestamp, end: date | pd.Timestamp | None, as_of: date
) -> int:
    """Whole months a project has run: to its end date, or to ``as_of`` while it is open."""
    begin = pd.Timestamp(start)
    finish = pd.Timestamp(end) if end is not None and not pd.isna(end) else pd.Timestamp(as_of)
    months = months_between(begin, finish)
    if finish.day < begin.day:
        months -= 1
    return max(months, 0)


def portfolio_table(projects: pd.DataFrame, pdsa: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The project list a board reads: each project with its duration and PDSA learning.

    Projects without PDSA cycles keep their row with zero cycles, because "no cycles yet" is
    itself something a board may ask about.
    """
    summary = pdsa_summary(pdsa)
    table = projects.merge(summary, on="project_id", how="left")
    for col in ("cycles", *PDSA_DECISION_ORDER):
        table[col] = table[col].fillna(0).astype("int64")
    table["months_running"] = [
        duration_months(s, e, as_of)
        for s, e in zip(table["start_date"], table["end_date"], strict=True)
    ]
    status_rank = {"active": 0, "planned": 1, "complete": 2, "stopped": 3}
    table["_rank"] = table["status"].map(status_rank).fillna(9)
    return table.sort_values(["_rank", "priority", "start_date", "project_id"]).drop(
        columns="_rank"
    )


@dataclass(frozen=True)
class PortfolioTotals:
    """The three headline counts above the portfolio."""

    projects: int
    active: int
    cycles: int


def portfolio_totals(portfolio: pd.DataFrame) -> PortfolioTotals:
    """Projects in the period, how many are active now, and the PDSA cycles they have run."""
    return PortfolioTotals(
        projects=len(portfolio),
        active=int((portfolio["status"] == "active").sum()),
        cycles=int(portfolio["cycles"].sum()),
    )


#: The portfolio breakdowns, each as (field counted, heading shown).
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("priority", "By priority"),
    ("status", "By status"),
    ("method", "By method"),
)


def portfolio_breakdowns(portfolio: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per heading of :data:`BREAKDOWNS`: project counts by that field, in words."""
    named = portfolio.assign(
        priority=priority_words(portfolio["priority"]),
        status=portfolio["status"].str.capitalize(),
    )
    return {
        label: portfolio_counts(named, field).rename(columns={field: label, "projects": "Projects"})
        for field, label in BREAKDOWNS
    }


def project_list(portfolio: pd.DataFrame) -> pd.DataFrame:
    """The project list as a board reads (and downloads) it: one row per project, in words.

    Blank fields say so ("Not stated", "No outcome measure linked") rather than stay empty,
    because a gap in the record is itself something a board may ask about.
    """
    return pd.DataFrame(
        {
            "Project": portfolio["title"],
            "Organisation": portfolio["org_name"].fillna(portfolio["org_code"]),
            "Priority": priority_words(portfolio["priority"]),
            "Aimed at": portfolio["metric_name"].fillna("No outcome measure linked"),
            "Status": portfolio["status"].str.capitalize(),
            "Method": portfolio["method"].fillna("Not stated"),
            "Lead": portfolio["lead"].fillna("Not stated"),
            "Started": portfolio["start_date"].map(day_short),
            "Months running": portfolio["months_running"],
            "PDSA cycles": portfolio["cycles"],
            "Adopt": portfolio["adopt"],
            "Adapt": portfolio["adapt"],
            "Abandon": portfolio["abandon"],
            "Latest change tested": portfolio["latest_change"].fillna("—"),
            "Latest decision": portfolio["latest_decision"].fillna("—"),
            "Latest learning": portfolio["latest_learning"].fillna("—"),
        }
    )
