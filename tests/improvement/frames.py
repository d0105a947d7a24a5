"""Small frames the improvement tests share: projects, PDSA cycles, series, the catalogue."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from impact.improvement import (
    portfolio_table,
)

INSTRUCTION_WORDS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)


def monthly(n: int, start: str = "2022-01-01", values: list[float] | None = None) -> pd.DataFrame:
    periods = pd.date_range(start, periods=n, freq="MS")
    return pd.DataFrame(
        {"period_start": periods, "value": values or [50.0 + i % 3 for i in range(n)]}
    )


class RecordingSpc:
    """Stands in for the SPC engine: records its calls and labels points as told.

    ``after_types`` gives the point type of each point from the project start onwards, so a
    test decides the signal and checks how :func:`is_it_working` words it.
    """

    def __init__(self, after_types: list[str] | None = None, rule: str = "7 Points Above CL"):
        self.calls: list[dict] = []
        self.after_types = after_types or []
        self.rule = rule

    def __call__(self, data: pd.DataFrame, **kwargs) -> pd.DataFrame:
        self.calls.append(kwargs)
        out = data.copy()
        out["point_type"] = "common_cause"
        out["special_cause_type"] = "Common Cause"
        if "fix_after_n_points" in kwargs:
            n = kwargs["fix_after_n_points"]
            for i, kind in enumerate(self.after_types):
                out.loc[n + i, "point_type"] = kind
                if kind != "common_cause":
                    out.loc[n + i, "special_cause_type"] = self.rule
        return out


PROJECTS = pd.DataFrame(
    {
        "project_id": ["P1", "P2", "P3", "P4"],
        "org_code": ["T1"] * 4,
        "title": ["Streaming", "Discharge", "Clinics", "Booking"],
        "priority": ["uec", "uec", "elective", "primary_care"],
        "metric_id": ["ae_4hr", "ae_4hr", "rtt_18", None],
        "method": ["QSIR", None, "Lean", "QSIR"],
        "status": ["active", "complete", "active", "planned"],
        "start_date": pd.to_datetime(["2024-01-15", "2023-05-01", "2024-06-01", "2025-09-01"]),
        "end_date": pd.to_datetime([None, "2024-02-29", None, None]),
        "lead": ["COO", "DoN", "MD", None],
    }
)


PDSA = pd.DataFrame(
    {
        "project_id": ["P1", "P1", "P1", "P3"],
        "cycle_number": [2, 1, 3, 1],
        "start_date": pd.to_datetime(["2024-03-01", "2024-02-01", "2024-04-01", "2024-07-01"]),
        "change_tested": [
            "Evening streaming",
            "Day streaming",
            "Weekend streaming",
            "Pooled lists",
        ],
        "learning": ["Evenings lacked capacity", "Worked", "Rota gaps", None],
        "decision": ["adapt", "adopt", None, "abandon"],
    }
)


def portfolio_frame() -> pd.DataFrame:
    """The portfolio as the page receives it (the query adds the names)."""
    table = portfolio_table(PROJECTS, PDSA, as_of=date(2025, 1, 31))
    return table.assign(
        org_name=table["project_id"].map({"P1": "Trust One", "P3": "Trust One", "P4": "Trust One"}),
        metric_name=table["metric_id"].map({"ae_4hr": "A&E 4 hours", "rtt_18": "RTT 18 weeks"}),
    )


METRICS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "rtt_18", "cancer_fds", "gp_2wk", "diag_6wk"],
        "metric_name": [
            "A&E 4-hour",
            "RTT 18 weeks",
            "Cancer FDS",
            "GP within 2 weeks",
            "Diagnostics",
        ],
        "priority": ["uec", "elective", "elective", "primary_care", "elective"],
    }
)


ASSURANCE = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "rtt_18", "cancer_fds", "diag_6wk"],
        "assurance_type": ["consistent_pass", "consistent_fail", "inconsistent", None],
    }
)


ALIGN_PROJECTS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "ae_4hr", "cancer_fds", "gp_2wk", "rtt_18", None],
        "status": ["active", "active", "active", "active", "complete", "active"],
    }
)


WOBBLE = [0.0, 1.2, -0.8, 0.5, -1.1, 0.9, -0.3, 1.0, -1.2, 0.4, -0.6, 0.7]


def stepped(before: float, after: float, n_before: int = 24, n_after: int = 15) -> pd.DataFrame:
    values = [before + WOBBLE[i % 12] for i in range(n_before)]
    values += [after + WOBBLE[i % 12] for i in range(n_after)]
    return monthly(n_before + n_after, values=values)
