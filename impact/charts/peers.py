"""The peer chart: each organisation's latest value as a bar, best first, the chosen one marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.charts.theme import add_vertical_line, base_layout, nhs_figure, tick_format
from impact.units import format_value, unit_suffix


def rank_peers(peers: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Peers best first: highest first when higher is better, lowest first when lower is.

    A neutral metric is ranked highest first. Organisations without a value go last.
    """
    ascending = direction == "decrease"
    return peers.sort_values("value", ascending=ascending, na_position="last").reset_index(
        drop=True
    )


def peer_figure(
    peers: pd.DataFrame,
    *,
    chosen: str,
    direction: str,
    unit: str = "",
    target: float | None = None,
    title: str = "",
) -> go.Figure:
    """Horizontal bars of each peer's latest value, best at the top, the chosen one marked.

    ``peers`` has ``org_code, org_name, value``. The chosen organisation is drawn in NHS
    blue and its name carries "(selected)", so the highlight does not rely on colour.

    The values are written in a column in the right margin rather than at the bar ends:
    there they can neither be clipped by the plot edge nor crossed by the target line, at
    any screen width. The target's label sits above the plot, on the side of its line away
    from that column, so it cannot run into the values either.
    """
    ranked = rank_peers(peers, direction)
    names = [
        f"{n} (selected)" if c == chosen else str(n)
        for c, n in zip(ranked["org_code"], ranked["org_name"], strict=True)
    ]
    colours = [
        palette.PEER_HIGHLIGHT if c == chosen else palette.PEER_OTHER for c in ranked["org_code"]
    ]
    texts = [format_value(v, unit) for v in ranked["value"]]
    fig = nhs_figure(
        go.Bar(
            x=ranked["value"],
            y=names,
            orientation="h",
            marker=dict(color=colours, line=dict(color=palette.NHS_DARK_GREY, width=1)),
            customdata=texts,
            cliponaxis=False,
            name="Latest value",
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    base_layout(fig, title=title, unit="", height=max(240, 140 + 40 * len(ranked)))
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False)
    fig.update_xaxes(
        title_text=unit_suffix(unit).strip() or None,
        range=_peer_range(ranked["value"], target),
        tickformat=tick_format(unit),
    )
    bold = [code == chosen for code in ranked["org_code"]]
    _add_value_column(fig, names, texts, bold)
    if target is not None and not pd.isna(target):
        _add_peer_target(fig, float(target), unit)
    return fig


#: The heading of the peer chart's value column, and its gap from the plot (pixels).
PEER_VALUE_HEADING = "Latest"
PEER_VALUE_GAP = 14


def _add_value_column(fig: go.Figure, names: list[str], texts: list[str], bold: list[bool]) -> None:
    """Each bar's value in a column right of the plot, under a heading; the chosen one bold."""
    value_column = 30 + 10 * max([len(t) for t in texts] + [len(PEER_VALUE_HEADING)])
    fig.update_layout(showlegend=False, margin=dict(l=20, r=value_column, t=90, b=50))
    fig.add_annotation(
        x=1,
        y=1,
        xref="paper",
        yref="paper",
        xshift=PEER_VALUE_GAP,
        text=f"<b>{PEER_VALUE_HEADING}</b>",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        name="value-heading",
    )
    for name, text, strong in zip(names, texts, bold, strict=True):
        fig.add_annotation(
            x=1,
            y=name,
            xref="paper",
            yref="y",
            xshift=PEER_VALUE_GAP,
            text=f"<b>{text}</b>" if strong else text,
            showarrow=False,
            xanchor="left",
            name="value",
        )


def _peer_range(values: pd.Series, target: float | None) -> list[float]:
    """The x range: from zero (or the lowest value) to a little past the longest bar/target."""
    known = [float(v) for v in values if not pd.isna(v)]
    if target is not None and not pd.isna(target):
        known.append(float(target))
    low = min([0.0, *known])
    high = max([0.0, *known])
    span = (high - low) or 1.0
    return [low, high + 0.04 * span]


def _add_peer_target(fig: go.Figure, target: float, unit: str) -> None:
    """The target as a dotted line through the bars, labelled above the plot."""
    add_vertical_line(fig, target, name="target", colour=palette.TARGET_LINE, width=2, dash="dot")
    low, high = fig.layout.xaxis.range
    right_half = (target - low) > (high - low) / 2
    fig.add_annotation(
        x=target,
        y=1,
        xref="x",
        yref="paper",
        yshift=4,
        text=f"Target {format_value(target, unit)}",
        showarrow=False,
        xanchor="right" if right_half else "left",
        yanchor="bottom",
        font=dict(color=palette.TARGET_LINE, size=15),
        name="target-label",
    )
