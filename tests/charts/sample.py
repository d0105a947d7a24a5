"""Six SPC points in two rebase groups, two targets and two events: the charts' test data."""

from __future__ import annotations

from datetime import date

import pandas as pd


def points() -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=6, freq="MS")
    return pd.DataFrame(
        {
            "period_start": dates,
            "value": [70.0, 71.0, 72.0, 80.0, 81.0, 95.0],
            "rebase_group": [0, 0, 0, 1, 1, 1],
            "mean": [71.0] * 3 + [85.0] * 3,
            "lpl": [65.0] * 3 + [75.0] * 3,
            "upl": [77.0] * 3 + [94.0] * 3,
            "point_type": ["common_cause"] * 3
            + ["special_cause_improvement", "common_cause", "special_cause_concern"],
            "special_cause_type": ["Common Cause"] * 3
            + ["2 in 3 Above CL", "Common Cause", "Above UCL"],
        }
    )


TARGETS = pd.DataFrame(
    {
        "effective_from": [date(2023, 4, 1), date(2024, 4, 1)],
        "effective_to": [date(2024, 3, 31), None],
        "target_value": [76.0, 78.0],
    }
)
EVENTS = pd.DataFrame(
    {
        "event_date": [date(2024, 4, 1), date(2024, 2, 1)],
        "description": ["New SDEC unit", "Winter escalation ward"],
        "rebase": [True, False],
    }
)


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)
