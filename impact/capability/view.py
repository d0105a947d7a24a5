"""The NHS IMPACT capability page's content, from the store: one organisation, one period.

The Capability page and the board pack both call :func:`build_capability`, so they show
the same scores, peers and questions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.capability.assessment import assessment_history, latest_scores, peer_comparison
from impact.capability.capacity import CAPACITY_MEASURES, capacity_over_time, capacity_spc
from impact.capability.questions import capability_questions
from impact.contracts import IMPACT_COMPONENTS


@dataclass
class CapabilityView:
    """Everything the NHS IMPACT capability page draws for one organisation and period."""

    org_code: str
    peer_codes: list[str]
    latest: pd.DataFrame
    history: pd.DataFrame
    peers: pd.DataFrame
    peer_scores: pd.DataFrame
    capacity: pd.DataFrame
    capacity_charts: dict[str, pd.DataFrame | None]
    questions: list[str]

    @property
    def assessed(self) -> bool:
        return not self.latest["score"].isna().all()


def build_capability(
    query: Callable[..., pd.DataFrame],
    *,
    org_code: str,
    org_name: str,
    peer_codes: Sequence[str],
    period_from: date,
    period_to: date,
) -> CapabilityView:
    """The self-assessment, peer view, capacity trend and questions as at the period's end.

    Assessments made after ``period_to`` are left out, so looking at an earlier period shows
    what the board knew then; capacity is shown within the period.
    """
    codes = list(dict.fromkeys([org_code, *peer_codes]))
    assessments = query("capability_self_assessment", org_codes=codes, period_to=period_to)
    assessments["assessment_date"] = pd.to_datetime(assessments["assessment_date"])
    capability = query(
        "capability_capacity", org_code=org_code, period_from=period_from, period_to=period_to
    )
    capability["period_start"] = pd.to_datetime(capability["period_start"])
    latest = latest_scores(assessments, org_code)
    history = assessment_history(assessments, org_code)
    peers = peer_comparison(assessments, org_code, codes)
    capacity = capacity_over_time(capability, org_code)
    charts = {m: capacity_spc(capacity, m) for m in CAPACITY_MEASURES}
    peer_latest = (
        assessments.sort_values("assessment_date")
        .groupby(["org_code", "component"], as_index=False)
        .tail(1)
    )
    return CapabilityView(
        org_code=org_code,
        peer_codes=codes,
        latest=latest,
        history=history,
        peers=peers,
        peer_scores=peer_latest.pivot_table(
            index="org_code", columns="component", values="score", aggfunc="last"
        ).reindex(columns=list(IMPACT_COMPONENTS)),
        capacity=capacity,
        capacity_charts=charts,
        questions=capability_questions(
            org_name=org_name,
            latest=latest,
            history=history,
            peers=peers,
            capacity_signals=charts,
            as_of=period_to,
        ),
    )
