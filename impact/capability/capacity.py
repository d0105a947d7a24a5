"""Improvement capacity over time: staff trained and coaches, as shares of headcount."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

#: The capacity measures, each as a share of headcount, with the words a board reads.
CAPACITY_MEASURES: dict[str, str] = {
    "trained_any_pct": "Staff trained in improvement (any level), % of headcount",
    "trained_foundation_pct": "Staff trained at foundation level, % of headcount",
    "trained_practitioner_pct": "Staff trained at practitioner level, % of headcount",
    "trained_expert_pct": "Staff trained at expert level, % of headcount",
    "coaches_per_1000": "Improvement coaches per 1,000 staff",
}

#: Fewest points for an SPC chart of a capacity measure (the MDC minimum for a baseline).
MIN_SPC_POINTS = 12


def capacity_over_time(capability: pd.DataFrame, org_code: str) -> pd.DataFrame:
    """One organisation's improvement capacity per period, as shares of its headcount.

    Shares make organisations of different sizes comparable and keep growth in headcount
    from looking like growth in capability. Columns: ``period_start``, the raw counts, and
    each key of :data:`CAPACITY_MEASURES`.
    """
    own = capability[capability["org_code"] == org_code].sort_values("period_start").copy()
    head = own["headcount"].astype("float64")
    levels = ("foundation", "practitioner", "expert")
    for level in levels:
        own[f"trained_{level}_pct"] = own[f"staff_trained_{level}"] / head * 100
    trained = sum(own[f"staff_trained_{level}"] for level in levels)
    own["trained_any_pct"] = trained / head * 100
    own["coaches_per_1000"] = own["improvement_coaches"] / head * 1000
    return own.reset_index(drop=True)


def capacity_spc(
    capacity: pd.DataFrame,
    measure: str,
    spc_function: Callable[..., pd.DataFrame] | None = None,
) -> pd.DataFrame | None:
    """The SPC frame of one capacity measure (more is better), or ``None`` with too few points.

    Fewer than :data:`MIN_SPC_POINTS` points give limits too unreliable to judge a signal,
    so the page shows the plain trend and says why.
    """
    points = capacity[["period_start", measure]].dropna().rename(columns={measure: "value"})
    if len(points) < MIN_SPC_POINTS:
        return None
    if spc_function is None:
        from impact.improvement.effect import default_spc

        spc_function = default_spc()
    return spc_function(
        points.reset_index(drop=True),
        value_col="value",
        date_col="period_start",
        improvement_direction="increase",
    )
