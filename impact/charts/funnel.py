"""The funnel plot: each peer's value against its size, inside the limits chance allows.

Each organisation is a point at (denominator, value); the pooled figure of them all is the
centre line, and the 95 % and 99.8 % limits narrow as the denominator grows (the curves of
:func:`impact.spc.funnel_lines`). The chosen organisation is drawn larger, as a diamond in
NHS blue and labelled with its name, so it is found without relying on colour; the two
pairs of limits differ in dash as well as in colour and each has a legend entry. Every
point's hover names the organisation, its value, its numerator and denominator, and whether
it is within the limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.calendar import month_short
from impact.charts.theme import base_layout, nhs_figure
from impact.spc.natural_range import natural_range
from impact.units import format_value

if TYPE_CHECKING:  # the type only: a chart takes the board's figures, never computes them
    from impact.board.funnel import FunnelPosition

#: Words for each ``outlier`` class in the hover (what the position means, not better/worse).
POSITION_WORDS: dict[str, str] = {
    "within": "within the 95% limits",
    "above 95": "above the 95% limit",
    "above 99": "above the 99.8% limit",
    "below 95": "below the 95% limit",
    "below 99": "below the 99.8% limit",
}
#: Each limit line: (columns, legend name, dash, colour).
LIMIT_LINES: tuple[tuple[tuple[str, str], str, str, str], ...] = (
    (("ll95", "ul95"), "95% limits", "dash", palette.NHS_DARK_GREY),
    (("ll99", "ul99"), "99.8% limits", "dot", palette.NHS_DARK_BLUE),
)
CHOSEN_NAME = "Selected organisation"
PEERS_NAME = "Peers"


def _hover(row: pd.Series, unit: str, widened: bool) -> str:
    value = format_value(row["value"], unit)
    counts = (
        f"{format_value(row['numerator'], 'count')} of {format_value(row['denominator'], 'count')}"
    )
    where = POSITION_WORDS.get(str(row["outlier"]), str(row["outlier"]))
    if widened:
        where += " (widened for the usual differences between peers)"
    return f"{row['org_name']}: {value} ({counts}); {where}"


def funnel_figure(
    rows: pd.DataFrame,
    lines: pd.DataFrame,
    *,
    chosen: str,
    unit: str,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    height: int = 460,
) -> go.Figure:
    """The funnel of ``rows`` (``org_code, org_name, numerator, denominator, value,
    outlier, od_adjusted``) over ``lines`` (``denominator, target, ll95 ... ul99``)."""
    widened = bool(rows["od_adjusted"].any()) if "od_adjusted" in rows else False
    fig = nhs_figure()
    fig.add_trace(
        go.Scatter(
            x=lines["denominator"],
            y=lines["target"],
            mode="lines",
            name=f"All peers together ({format_value(lines['target'].iloc[0], unit)})",
            line=dict(color=palette.NHS_BLACK, width=2),
            hoverinfo="skip",
        )
    )
    for (low, high), name, dash, colour in LIMIT_LINES:
        for i, column in enumerate((low, high)):
            fig.add_trace(
                go.Scatter(
                    x=lines["denominator"],
                    y=lines[column],
                    mode="lines",
                    name=name,
                    legendgroup=name,
                    showlegend=i == 0,
                    line=dict(color=colour, width=2, dash=dash),
                    hoverinfo="skip",
                    connectgaps=False,
                )
            )
    others = rows[rows["org_code"] != chosen]
    mine = rows[rows["org_code"] == chosen]
    fig.add_trace(
        go.Scatter(
            x=others["denominator"].tolist(),
            y=others["value"].tolist(),
            mode="markers",
            name=PEERS_NAME,
            marker=dict(
                color=palette.PEER_OTHER, size=10, line=dict(color=palette.NHS_DARK_GREY, width=1)
            ),
            customdata=[_hover(r, unit, widened) for _, r in others.iterrows()],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=mine["denominator"].tolist(),
            y=mine["value"].tolist(),
            mode="markers+text",
            name=CHOSEN_NAME,
            marker=dict(
                color=palette.PEER_HIGHLIGHT,
                size=16,
                symbol="diamond",
                line=dict(color=palette.NHS_DARK_BLUE, width=2),
            ),
            text=[f"{n} (selected)" for n in mine["org_name"]],
            textposition=_label_side(rows, mine),
            textfont=dict(color=palette.NHS_DARK_BLUE),
            customdata=[_hover(r, unit, widened) for _, r in mine.iterrows()],
            hovertemplate="%{customdata}<extra></extra>",
            cliponaxis=False,
        )
    )
    base_layout(fig, title=title, unit=unit, height=height)
    # The legend sits below the size axis's title, not over it.
    fig.update_layout(margin=dict(l=60, r=20, t=90, b=120), legend=dict(y=-0.3, yanchor="top", x=0))
    fig.update_xaxes(title_text=x_title or None, tickformat=",d", rangemode="tozero")
    suffix = " (%)" if unit == "percent" and y_title else ""
    fig.update_yaxes(title_text=(y_title + suffix) or None, range=value_range(rows, lines, unit))
    return fig


def _label_side(rows: pd.DataFrame, mine: pd.DataFrame) -> str:
    """The chosen point's label on the side away from the nearer edge, so it stays inside."""
    if mine.empty:
        return "top center"
    right_half = float(mine["denominator"].iloc[0]) > 0.55 * float(rows["denominator"].max())
    return "top left" if right_half else "top right"


def value_range(rows: pd.DataFrame, lines: pd.DataFrame, unit: str = "") -> list[float]:
    """The value axis: every point and the limits from half the smallest size on, padded,
    and kept within the unit's natural range (never below 0 %, never above 100 %).

    The limits flare towards a size of zero, where no organisation is; drawn to there the
    funnel would squash the points into a thin band.
    """
    smallest = float(rows["denominator"].min())
    near = lines[lines["denominator"] >= 0.5 * smallest]
    shown = pd.concat(
        [rows["value"], near["ll99"], near["ul99"], near["target"]], ignore_index=True
    ).dropna()
    low, high = float(shown.min()), float(shown.max())
    pad = 0.1 * ((high - low) or abs(high) or 1.0)
    floor, ceiling = natural_range(unit)
    return [
        low - pad if floor is None else max(floor, low - pad),
        high + pad if ceiling is None else min(ceiling, high + pad),
    ]


def position_figure(position: FunnelPosition, *, height: int = 460) -> go.Figure:
    """The funnel of one :class:`~impact.board.funnel.FunnelPosition` that applies, titled
    with what is compared and its month (the pages and the board pack draw the same)."""
    return funnel_figure(
        position.rows,
        position.lines,
        chosen=position.org_code,
        unit=position.unit,
        title=f"Funnel plot: {position.value_title}, {month_short(position.period)}",
        x_title=position.axis_title,
        y_title=position.value_title,
        height=height,
    )
