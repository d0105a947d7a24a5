"""Plotly figures for the board pages, as plain functions of DataFrames.

Kept free of Streamlit so the figures can be tested trace by trace (an app test cannot
see inside a chart) and reused by the board pack. Every colour comes from
:mod:`impact.palette`; every point type is named in the legend and hover text, never
shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.units import format_value, unit_suffix

#: Arial is the NHS identity's typeface for digital; sizes are for a meeting-room screen
#: read from across the table (body 16 px, titles 20 px, never below 14 px).
FONT_FAMILY = "Arial, Helvetica, sans-serif"
FONT = dict(family=FONT_FAMILY, size=16, color=palette.NHS_BLACK)
TITLE_FONT = dict(family=FONT_FAMILY, size=20, color=palette.NHS_DARK_BLUE)
TICK_FONT = dict(family=FONT_FAMILY, size=15, color=palette.NHS_BLACK)
NOTE_FONT_SIZE = 14

#: Every figure's look, in one place. Applied explicitly to each figure because importing
#: Streamlit makes its own template Plotly's default, which would otherwise restyle the
#: charts (and the board pack's, when it is built inside the app) in Streamlit's fonts.
NHS_TEMPLATE = go.layout.Template(
    layout=dict(
        font=FONT,
        title=dict(font=TITLE_FONT, x=0, xanchor="left", xref="container", pad=dict(l=12)),
        paper_bgcolor=palette.NHS_WHITE,
        plot_bgcolor=palette.NHS_WHITE,
        colorway=list(palette.COMPARISON_LINES),
        legend=dict(font=dict(family=FONT_FAMILY, size=15, color=palette.NHS_BLACK)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15)),
        xaxis=dict(
            tickfont=TICK_FONT,
            title=dict(font=FONT),
            gridcolor=palette.NHS_PALE_GREY,
            linecolor=palette.NHS_MID_GREY,
            zeroline=False,
            automargin=True,
        ),
        yaxis=dict(
            tickfont=TICK_FONT,
            title=dict(font=FONT),
            gridcolor=palette.NHS_PALE_GREY,
            linecolor=palette.NHS_MID_GREY,
            zeroline=False,
            automargin=True,
        ),
    )
)


def nhs_figure(*traces: go.BaseTraceType) -> go.Figure:
    """A figure in the NHS look (Arial, readable sizes, white ground), whatever the default."""
    fig = go.Figure(list(traces))
    fig.update_layout(template=NHS_TEMPLATE)
    return fig


def scale_fonts(fig: go.Figure, factor: float) -> go.Figure:
    """Enlarge every text in the figure by ``factor`` (for a screen read across a room)."""
    layout = NHS_TEMPLATE.layout

    def size(base: float | None) -> int:
        return round((base or FONT["size"]) * factor)

    fig.update_layout(
        font_size=size(layout.font.size),
        title_font_size=size(layout.title.font.size),
        legend_font_size=size(layout.legend.font.size),
        hoverlabel_font_size=size(layout.hoverlabel.font.size),
    )
    fig.update_xaxes(tickfont_size=size(TICK_FONT["size"]))
    fig.update_yaxes(tickfont_size=size(TICK_FONT["size"]))
    for note in fig.layout.annotations:
        note.font.size = size(note.font.size)
    return fig


def _base_layout(fig: go.Figure, *, title: str, unit: str, height: int) -> None:
    fig.update_layout(
        template=NHS_TEMPLATE,
        title=dict(text=title),
        height=height,
        margin=dict(l=60, r=20, t=60, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    fig.update_yaxes(title_text=unit_suffix(unit).strip() or None, tickformat=tick_format(unit))


def tick_format(unit: str) -> str | None:
    """Counts ticked as ``95,000`` (as the pages write them), not Plotly's ``95k``."""
    return ",d" if unit == "count" else None


def _group_segments(points: pd.DataFrame, column: str) -> tuple[list, list]:
    """x/y for a line drawn per rebase group, broken (``None``) between groups."""
    xs: list = []
    ys: list = []
    groups = points["rebase_group"] if "rebase_group" in points else pd.Series(0, points.index)
    for _, part in points.groupby(groups, sort=True):
        if part[column].isna().all():
            continue
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(part["period_start"].tolist())
        ys.extend(part[column].tolist())
    return xs, ys


def target_segments(
    targets: pd.DataFrame, start: date | pd.Timestamp, end: date | pd.Timestamp
) -> list[tuple[pd.Timestamp, pd.Timestamp, float]]:
    """(from, to, value) for each target in force within [start, end], in date order.

    A target's own end date closes its segment; an open one runs until the next target
    starts or the chart ends, so a change of target shows as a step at its effective date.
    """
    if targets is None or targets.empty:
        return []
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = targets.sort_values("effective_from").reset_index(drop=True)
    segments = []
    for i, row in rows.iterrows():
        seg_from = pd.Timestamp(row["effective_from"])
        seg_to = row.get("effective_to")
        seg_to = pd.Timestamp(seg_to) if seg_to is not None and not pd.isna(seg_to) else end
        if i + 1 < len(rows):
            seg_to = min(seg_to, pd.Timestamp(rows.loc[i + 1, "effective_from"]))
        seg_from, seg_to = max(seg_from, start), min(seg_to, end)
        if seg_from <= seg_to and not pd.isna(row["target_value"]):
            segments.append((seg_from, seg_to, float(row["target_value"])))
    return segments


def spc_figure(
    points: pd.DataFrame,
    *,
    title: str,
    unit: str = "",
    targets: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    height: int = 440,
) -> go.Figure:
    """A Making Data Count XmR chart.

    ``points`` holds the SPC engine's columns (``period_start, value, mean, lpl, upl,
    point_type, special_cause_type, rebase_group``). Mean and limits are drawn per rebase
    group with a break between groups; a dashed vertical line marks each rebase. Targets
    are stepped at their effective dates; events are labelled vertical lines.
    """
    fig = nhs_figure()
    _base_layout(fig, title=title, unit=unit, height=height)
    if points.empty:
        return fig
    points = points.sort_values("period_start").reset_index(drop=True)
    points["period_start"] = pd.to_datetime(points["period_start"])
    fig.add_trace(
        go.Scatter(
            x=points["period_start"],
            y=points["value"],
            mode="lines",
            name="Value",
            line=dict(color=palette.VALUE_LINE, width=2),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for column, name, dash, colour in (
        ("mean", "Mean", "solid", palette.MEAN_LINE),
        ("upl", "Upper process limit", "dash", palette.LIMIT_LINE),
        ("lpl", "Lower process limit", "dash", palette.LIMIT_LINE),
    ):
        if column not in points:
            continue
        xs, ys = _group_segments(points, column)
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=name,
                    line=dict(color=colour, width=1.5, dash=dash),
                    connectgaps=False,
                    hovertemplate=f"{name}: %{{y:.1f}}<extra></extra>",
                )
            )
    for point_type, label in palette.POINT_TYPE_LABELS.items():
        part = points[points["point_type"] == point_type]
        if part.empty:
            continue
        codes = part.get("special_cause_type", pd.Series("", index=part.index))
        rule = [rule_words(c) for c in codes]
        values = [format_value(v, unit) for v in part["value"]]
        fig.add_trace(
            go.Scatter(
                x=part["period_start"],
                y=part["value"],
                mode="markers",
                name=label,
                marker=dict(
                    color=palette.POINT_TYPE_COLOURS[point_type],
                    size=10,
                    symbol=_SYMBOLS[point_type],
                    line=dict(color=palette.NHS_WHITE, width=1),
                ),
                customdata=list(zip(values, rule, strict=True)),
                hovertemplate=(
                    "%{x|%b %Y}: %{customdata[0]}<br>"
                    + label
                    + "<br>Rule: %{customdata[1]}<extra></extra>"
                ),
            )
        )
    first, last = points["period_start"].iloc[0], points["period_start"].iloc[-1]
    segments = target_segments(targets, first, last) if targets is not None else []
    if segments:
        xs, ys = [], []
        for seg_from, seg_to, value in segments:
            if xs:
                xs.append(None)
                ys.append(None)
            xs.extend([seg_from, seg_to])
            ys.extend([value, value])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name="Target",
                line=dict(color=palette.TARGET_LINE, width=2, dash="dot"),
                connectgaps=False,
                hovertemplate="Target: %{y}<extra></extra>",
            )
        )
    _add_rebase_breaks(fig, points, events)
    _add_event_notes(fig, events, first, last)
    return fig


#: The SPC rule that put a point where it is (R's ``special_cause_type``), in words.
RULE_WORDS = {
    "Common Cause": "No rule: common cause",
    "Above UCL": "Above the upper process limit",
    "Below LCL": "Below the lower process limit",
    "7 Point Trend (Increasing)": "7 or more points rising",
    "7 Point Trend (Decreasing)": "7 or more points falling",
    "2 in 3 Above CL": "2 of 3 points near the upper limit",
    "2 in 3 Below CL": "2 of 3 points near the lower limit",
    "7 Points Above CL": "7 or more points above the mean",
    "7 Points Below CL": "7 or more points below the mean",
}


def rule_words(code: object) -> str:
    """R's rule name (``7 Points Below CL``) in words; blank for none."""
    if code is None or pd.isna(code):
        return ""
    return RULE_WORDS.get(str(code), str(code))


_SYMBOLS = {
    "common_cause": "circle",
    "special_cause_improvement": "diamond",
    "special_cause_concern": "square",
    "special_cause_neutral_high": "triangle-up",
    "special_cause_neutral_low": "triangle-down",
}


def rebase_dates(points: pd.DataFrame) -> list[pd.Timestamp]:
    """The first date of every rebase group after the first: where limits restart."""
    if "rebase_group" not in points or points.empty:
        return []
    ordered = points.sort_values("period_start")
    changed = ordered["rebase_group"].ne(ordered["rebase_group"].shift())
    return [pd.Timestamp(d) for d in ordered.loc[changed, "period_start"].iloc[1:]]


def _vline(fig: go.Figure, x: pd.Timestamp, text: str, *, dash: str, name: str) -> None:
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        name=name,
        line=dict(color=palette.EVENT_LINE, width=1.5, dash=dash),
    )
    fig.add_annotation(
        x=x,
        y=1,
        xref="x",
        yref="paper",
        text=text,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font=dict(size=NOTE_FONT_SIZE, color=palette.NHS_DARK_BLUE),
        name=name,
    )


def _event_text(events: pd.DataFrame | None, when: pd.Timestamp) -> str | None:
    if events is None or events.empty:
        return None
    dates = pd.to_datetime(events["event_date"])
    match = events[dates == when]
    return str(match["description"].iloc[0]) if not match.empty else None


def _add_rebase_breaks(fig: go.Figure, points: pd.DataFrame, events: pd.DataFrame | None) -> None:
    for when in rebase_dates(points):
        description = _event_text(events, when)
        text = "Limits recalculated" + (f": {description}" if description else "")
        _vline(fig, when, text, dash="dash", name="rebase")


def _add_event_notes(
    fig: go.Figure, events: pd.DataFrame | None, first: pd.Timestamp, last: pd.Timestamp
) -> None:
    if events is None or events.empty:
        return
    for row in events.itertuples(index=False):
        when = pd.Timestamp(row.event_date)
        if bool(row.rebase) or not first <= when <= last:
            continue
        _vline(fig, when, str(row.description), dash="dot", name="event")


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


def sparkline(points: pd.DataFrame, *, unit: str = "", height: int = 70) -> go.Figure:
    """A small trend line with the latest point coloured (and named) by its point type."""
    fig = nhs_figure()
    fig.update_layout(height=height, margin=dict(l=2, r=2, t=2, b=2), showlegend=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    if points.empty:
        return fig
    points = points.sort_values("period_start")
    fig.add_trace(
        go.Scatter(
            x=pd.to_datetime(points["period_start"]),
            y=points["value"],
            mode="lines",
            name="Value",
            line=dict(color=palette.VALUE_LINE, width=2),
            hovertemplate="%{x|%b %Y}: %{y:.1f}<extra></extra>",
        )
    )
    last = points.iloc[-1]
    point_type = str(last.get("point_type") or "common_cause")
    fig.add_trace(
        go.Scatter(
            x=[pd.Timestamp(last["period_start"])],
            y=[last["value"]],
            mode="markers",
            name=palette.POINT_TYPE_LABELS.get(point_type, point_type),
            marker=dict(color=palette.POINT_TYPE_COLOURS.get(point_type), size=9),
            hovertemplate="Latest %{x|%b %Y}: "
            + format_value(last["value"], unit)
            + "<extra></extra>",
        )
    )
    return fig


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
    _base_layout(fig, title=title, unit="", height=max(240, 140 + 40 * len(ranked)))
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False)
    fig.update_xaxes(
        title_text=unit_suffix(unit).strip() or None,
        range=_peer_range(ranked["value"], target),
        tickformat=tick_format(unit),
    )
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
    for name, text, code in zip(names, texts, ranked["org_code"], strict=True):
        fig.add_annotation(
            x=1,
            y=name,
            xref="paper",
            yref="y",
            xshift=PEER_VALUE_GAP,
            text=f"<b>{text}</b>" if code == chosen else text,
            showarrow=False,
            xanchor="left",
            name="value",
        )
    if target is not None and not pd.isna(target):
        _add_peer_target(fig, float(target), unit)
    return fig


#: The heading of the peer chart's value column, and its gap from the plot (pixels).
PEER_VALUE_HEADING = "Latest"
PEER_VALUE_GAP = 14


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
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=target,
        x1=target,
        y0=0,
        y1=1,
        name="target",
        line=dict(color=palette.TARGET_LINE, width=2, dash="dot"),
    )
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


def comparison_figure(
    series: Sequence[tuple[str, pd.DataFrame]], *, title: str, unit: str = ""
) -> go.Figure:
    """One line per organisation (a trust beside its ICB and region), labelled by name."""
    fig = nhs_figure()
    _base_layout(fig, title=title, unit=unit, height=360)
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


def sparkline_svg(
    points: pd.DataFrame, *, unit: str = "", width: int = 240, height: int = 56
) -> str:
    """A sparkline as a small SVG string: light enough for a page with many metrics.

    The line is the values over the period; the latest point is coloured by its point type,
    and the ``aria-label`` says in words what the line shows.
    """
    values = [float(v) for v in points.sort_values("period_start")["value"] if not pd.isna(v)]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    pad = 4
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    coords = [
        (pad + i * step, pad + (height - 2 * pad) * (1 - (v - low) / span))
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    last = points.sort_values("period_start").iloc[-1]
    point_type = str(last.get("point_type") or "common_cause")
    colour = palette.POINT_TYPE_COLOURS.get(point_type, palette.NHS_MID_GREY)
    label = sparkline_label(points, unit=unit)
    x, y = coords[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label, quote=True)}">'
        f"<title>{escape(label)}</title>"
        f'<polyline points="{path}" fill="none" stroke="{palette.VALUE_LINE}" stroke-width="2"/>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/></svg>'
    )


def sparkline_label(points: pd.DataFrame, *, unit: str = "") -> str:
    """What a sparkline shows, in words (its text alternative)."""
    ordered = points.sort_values("period_start")
    values = [float(v) for v in ordered["value"] if not pd.isna(v)]
    if not values:
        return "No values to show"
    point_type = str(ordered.iloc[-1].get("point_type") or "common_cause")
    return (
        f"Trend over {len(values)} periods, from {format_value(values[0], unit)} to "
        f"{format_value(values[-1], unit)}; latest point: "
        f"{palette.POINT_TYPE_LABELS.get(point_type, point_type)}"
    )
