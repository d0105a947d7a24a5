"""The comparison chart: one line per organisation (a trust beside its ICB and region)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.charts.theme import base_layout, nhs_figure


def comparison_figure(
    series: Sequence[tuple[str, pd.DataFrame]], *, title: str, unit: str = ""
) -> go.Figure:
    """One line per organisation (a trust beside its ICB and region), labelled by name."""
    fig = nhs_figure()
    base_layout(fig, title=title, unit=unit, height=360)
    for i, (name, frame) in enumerate(series):
        if frame.empty:
            continue
        colour = palette.COMPARISON_LINES[i % len(palette.COMPARISON_LINES)]
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(frame["period_start"]),
                y=frame["value"],
                mode="lines+markers",
                name=name,
                line=dict(color=colour, width=2, dash=("solid", "dash", "dot")[i % 3]),
                hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:.1f}}<extra></extra>",
            )
        )
    return fig
