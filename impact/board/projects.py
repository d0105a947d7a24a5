"""The improvement projects an organisation has aimed at one metric (the metric detail)."""

from __future__ import annotations

import pandas as pd

from impact.board.model import QueryFn


def metric_projects(query: QueryFn, org_code: str, metric_id: str) -> pd.DataFrame:
    """The organisation's projects linked to the metric, newest first."""
    return query("board_projects_for_metric", org_code=org_code, metric_id=metric_id)
