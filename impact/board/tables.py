"""The board's tables as data: the integrated performance report summary."""

from __future__ import annotations

import pandas as pd

from impact.board.model import OrgBoard
from impact.board.plans import variance_text
from impact.priorities import PRIORITY_TITLES
from impact.units import format_value


def ipr_rows(board: OrgBoard, priority: str | None = None) -> pd.DataFrame:
    """The integrated performance report summary: one row per metric, with its trend.

    ``plan`` is the operating plan's value for the latest month and ``plan_variance`` the
    latest value less it, signed (``−1.8 points``); both ``—`` without a plan.
    """
    rows = []
    for a in board.answers:
        if priority is not None and a.metric.priority != priority:
            continue
        rows.append(
            {
                "metric_id": a.metric.metric_id,
                "priority": PRIORITY_TITLES.get(a.metric.priority, a.metric.priority),
                "metric": a.metric.metric_name,
                "latest_period": a.latest_period,
                "latest": a.latest_text,
                "target": a.target_text,
                "plan": a.plan_value_text,
                "plan_variance": variance_text(a.plan_variance, a.metric.unit),
                "plan_name": a.plan_name or "",
                "mean": format_value(a.mean, a.metric.unit),
                "lpl": format_value(a.lpl, a.metric.unit),
                "upl": format_value(a.upl, a.metric.unit),
                "variation": a.variation_label,
                "assurance": a.assurance_label,
                "stale": "Stale" if a.stale else "",
                "trend": [float(v) for v in a.points["value"].dropna().tail(24)],
            }
        )
    return pd.DataFrame(rows)
