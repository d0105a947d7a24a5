"""A plain trend line, for a measure with too few points for SPC limits."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.charts.theme import nhs_figure


def trend_figure(
    frame: pd.DataFrame, *, x: str, y: str, title: str, height: int = 360
) -> go.Figure:
    """A plain trend line, for a measure with too few points for SPC limits."""
    fig = nhs_figure(
        go.Scatter(
            x=frame[x],
            y=frame[y],
            mode="lines+markers",
            name=title,
            line=dict(color=palette.NHS_BLUE, width=2),
            hovertemplate="%{x|%b %Y}: %{y:,.2f}<extra></extra>",
        )
    )
    fig.update_layout(title=title, height=height, showlegend=False)
    return fig
