"""A stand-in for the store's ``query``: two metrics of a trust over 24 months.

Shared by the board tests so each checks one step against the same small, known data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MONTHS = pd.date_range("2023-10-01", periods=24, freq="MS")
FORBIDDEN = ("must", "should", "action required")

METRICS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "waits_12hr", "gp_same_day"],
        "metric_name": ["A&E 4-hour performance", "Waits over 12 hours", "Same-day appointments"],
        "priority": ["uec", "uec", "primary_care"],
        "board_question": ["Are patients seen in four hours?", "Are long waits falling?", "Q?"],
        "unit": ["percent", "count", "percent"],
        "improvement_direction": ["increase", "decrease", "increase"],
        "frequency": ["month", "month", "month"],
        "definition": ["", "", ""],
        "source": ["", "", ""],
    }
)
TARGETS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "ae_4hr", "ae_4hr"],
        "org_code": [None, None, "T1"],
        "target_value": [76.0, 80.0, 85.0],
        "effective_from": pd.to_datetime(["2023-04-01", "2024-04-01", "2025-01-01"]),
        "effective_to": pd.to_datetime(["2024-03-31", None, None]),
        "source": ["plan 23/24", "plan 24/25", "local plan"],
    }
)

#: No plans unless a test gives some (see tests/board/test_plans.py).
PLANS = pd.DataFrame(
    {
        "metric_id": pd.Series(dtype="string"),
        "period_start": pd.Series(dtype="datetime64[ns]"),
        "planned_value": pd.Series(dtype="float64"),
        "plan_name": pd.Series(dtype="string"),
        "submitted": pd.Series(dtype="datetime64[ns]"),
    }
)


def observations(org: str, level: float) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    flat = level + rng.normal(0, 0.8, len(MONTHS)).round(1)
    waits = np.r_[rng.normal(100, 4, 16), rng.normal(140, 4, 8)].round(0)  # worse since 2025-02
    return pd.concat(
        [
            pd.DataFrame({"metric_id": "ae_4hr", "period_start": MONTHS, "value": flat}),
            pd.DataFrame({"metric_id": "waits_12hr", "period_start": MONTHS, "value": waits}),
        ]
    ).assign(org_code=org, numerator=np.nan, denominator=np.nan)


def fake_query(level: float = 60.0, projects_for: tuple[str, ...] = ("waits_12hr",)):
    def query(name: str, **params):
        if name == "board_metrics":
            return METRICS
        if name == "board_observations":
            obs = observations(params["org_code"], level)
            within = obs["period_start"].between(
                pd.Timestamp(params["period_from"]), pd.Timestamp(params["period_to"])
            )
            return obs[within].reset_index(drop=True)
        if name == "board_targets":
            return TARGETS
        if name == "board_events":
            return pd.DataFrame(
                {
                    "metric_id": ["ae_4hr"],
                    "org_code": ["T1"],
                    "event_date": pd.to_datetime(["2024-10-01"]),
                    "description": ["New SDEC unit"],
                    "rebase": [True],
                }
            )
        if name == "board_projects_for_org":
            return pd.DataFrame(
                {
                    "project_id": [f"P{i}" for i, _ in enumerate(projects_for)],
                    "metric_id": list(projects_for),
                    "status": ["active"] * len(projects_for),
                }
            )
        if name == "board_plans":
            return PLANS
        if name == "board_data_as_at":
            return pd.DataFrame({"latest_period": [MONTHS[-1]], "observations": [48]})
        raise AssertionError(f"unexpected query {name}")

    return query
