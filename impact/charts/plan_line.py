"""The operating-plan trajectory on the SPC chart, drawn unlike the target.

The target is a red dotted step; the plan is an NHS green dash-dot line with open square
markers at each planned month, so the two differ by pattern and marker as well as colour.
It has its own legend entry ("Plan") and says in the hover the month, the planned value and
the actual value beside it. The planned values arrive as the points' ``plan`` column
(:func:`impact.board.plans.attach_plan`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact.units import format_value

#: NHS green (5.1:1 on white): the plan, never confused with the red target.
PLAN_LINE = "#007F3B"
PLAN_NAME = "Plan"


def add_plan_line(fig: go.Figure, points: pd.DataFrame, unit: str = "") -> None:
    """Add the plan trace when ``points`` has planned values; otherwise nothing."""
    if "plan" not in points or points["plan"].isna().all():
        return
    planned = points[points["plan"].notna()]
    actual = [format_value(v, unit) for v in planned["value"]]
    plan = [format_value(v, unit) for v in planned["plan"]]
    fig.add_trace(
        go.Scatter(
            x=pd.to_datetime(planned["period_start"]),
            y=planned["plan"].astype(float),
            mode="lines+markers",
            name=PLAN_NAME,
            line=dict(color=PLAN_LINE, width=2, dash="dashdot"),
            marker=dict(symbol="square-open", size=7, color=PLAN_LINE),
            connectgaps=False,
            customdata=list(zip(plan, actual, strict=True)),
            hovertemplate=(
                "%{x|%b %Y}<br>Plan: %{customdata[0]}<br>Actual: %{customdata[1]}<extra></extra>"
            ),
        )
    )
