"""Small frames the capability tests share: assessments and capacity figures."""

from __future__ import annotations

import re

import pandas as pd

from impact.contracts import IMPACT_COMPONENTS

INSTRUCTION_WORDS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)


def assessment(org: str, day: str, scores: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": org,
            "assessment_date": pd.Timestamp(day),
            "component": list(IMPACT_COMPONENTS),
            "score": scores,
            "evidence": [f"{org} {day} evidence {i}" for i in range(5)],
        }
    )


# Components in order: purpose, people, leadership, capability, management systems.
ASSESSMENTS = pd.concat(
    [
        assessment("T1", "2024-03-31", [3, 3, 2, 3, 3]),
        assessment("T1", "2025-03-31", [4, 2.5, 2, 3, 3]),
        assessment("T2", "2025-03-31", [3, 4, 4, 4, 4]),
        assessment("T3", "2025-06-30", [2, 3, 3, 4, 4]),
        assessment("T3", "2024-06-30", [1, 1, 1, 1, 1]),
    ],
    ignore_index=True,
)


def capability_frame(n: int, coaches: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": "T1",
            "period_start": pd.date_range("2023-01-01", periods=n, freq="QS"),
            "staff_trained_foundation": [100 + 10 * i for i in range(n)],
            "staff_trained_practitioner": [20] * n,
            "staff_trained_expert": [5] * n,
            "improvement_coaches": coaches or [10] * n,
            "headcount": [5000] * n,
        }
    )
