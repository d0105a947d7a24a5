"""The operating-plan trajectory on the SPC chart, drawn unlike the target.

The target is a red dotted step; the plan is an NHS green dash-dot line with open square
markers at each planned month, so the two differ by pattern and marker as well as colour.
It has its own legend entry ("Plan") and says in the hover the month, the plan's name, the
planned value and the actual value beside it; it breaks where one plan year gives way to
the next. The planned values arrive as the points' ``plan`` and ``plan_name`` columns
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
    xs, ys, hover = _segments(points, unit)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            name=PLAN_NAME,
            line=dict(color=PLAN_LINE, width=2, dash="dashdot"),
            marker=dict(symbol="square-open", size=7, color=PLAN_LINE),
            connectgaps=False,
            customdata=hover,
            hovertemplate=(
                "%{x|%b %Y}<br>%{customdata[2]}: %{customdata[0]}<br>"
                "Actual: %{customdata[1]}<extra></extra>"
            ),
        )
    )


def _segments(points: pd.DataFrame, unit: str) -> tuple[list, list, list]:
    """x, y and hover (plan, actual, plan name) per planned month, broken (``None``) where
    the months stop being consecutive or the plan in force changes (a new plan year)."""
    planned = points[points["plan"].notna()].sort_values("period_start")
    names = planned["plan_name"] if "plan_name" in planned else pd.Series(PLAN_NAME, planned.index)
    xs: list = []
    ys: list = []
    hover: list = []
    previous: tuple[pd.Timestamp, object] | None = None
    for when, plan, value, name in zip(
        pd.to_datetime(planned["period_start"]),
        planned["plan"],
        planned["value"],
        names,
        strict=True,
    ):
        if previous and (name != previous[1] or when != previous[0] + pd.DateOffset(months=1)):
            xs.append(None)
            ys.append(None)
            hover.append(["", "", ""])
        xs.append(when)
        ys.append(float(plan))
        hover.append([format_value(plan, unit), format_value(value, unit), str(name or PLAN_NAME)])
        previous = (when, name)
    return xs, ys, hover
