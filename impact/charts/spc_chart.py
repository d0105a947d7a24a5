"""The Making Data Count SPC chart: values, mean and limits per limits period, targets, events.

Every point type is named in the legend and hover text, never shown by colour alone; the
caption under the title names the chart type (XmR, Laney p′, ...) and the rule set, and the
hover says which rule fired under which rule set.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.charts.events import add_event_notes, add_rebase_breaks
from impact.charts.plan_line import add_plan_line
from impact.charts.spc_labels import chart_caption, fired_rules, rule_set_words
from impact.charts.theme import base_layout, nhs_figure
from impact.spc.natural_range import natural_range, truncated_limits
from impact.units import format_value


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
    """A Making Data Count SPC chart, captioned with its chart type and rule set.

    ``points`` holds the SPC engine's columns (``period_start, value, mean, lpl, upl,
    point_type, special_cause_type, rebase_group``) and, from the board, ``chart``,
    ``rules``, ``limits_mode``, ``limits_change`` and the rules' sides. Mean and limits are
    drawn per limits period with a break between; a labelled vertical line marks each
    rebase event and each automatic recalculation. Targets are stepped at their effective
    dates; events are labelled vertical lines. Limits and the value axis stay within the
    unit's natural range (:mod:`impact.spc.natural_range`); the numbers table keeps the
    computed limits.
    """
    fig = nhs_figure()
    base_layout(fig, title=title, unit=unit, height=height)
    fig.update_layout(title_subtitle_text=chart_caption(points), margin_t=80)
    low, high = natural_range(unit)
    fig.update_yaxes(autorangeoptions=dict(clipmin=low, clipmax=high))
    if points.empty:
        return fig
    points = truncated_limits(points, unit).sort_values("period_start").reset_index(drop=True)
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
    _add_mean_and_limits(fig, points)
    _add_point_markers(fig, points, unit)
    first, last = points["period_start"].iloc[0], points["period_start"].iloc[-1]
    _add_target_steps(fig, targets, first, last)
    add_plan_line(fig, points, unit)
    add_rebase_breaks(fig, points, events)
    add_event_notes(fig, events, first, last)
    return fig


def _add_mean_and_limits(fig: go.Figure, points: pd.DataFrame) -> None:
    """Mean and process limits, one segment per rebase group with a break between."""
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


def _add_point_markers(fig: go.Figure, points: pd.DataFrame, unit: str) -> None:
    """One marker trace per point type, named in the legend and hover (never colour alone)."""
    rule_set = rule_set_words(points)
    for point_type, label in palette.POINT_TYPE_LABELS.items():
        part = points[points["point_type"] == point_type]
        if part.empty:
            continue
        rule = [_rule_text(row, rule_set) for _, row in part.iterrows()]
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


def _rule_text(row: pd.Series, rule_set: str) -> str:
    """Which rule put the point where it is, and under which rule set."""
    said = fired_rules(row) or rule_words(row.get("special_cause_type"))
    return f"{said}{rule_set}" if said else ""


def _add_target_steps(
    fig: go.Figure, targets: pd.DataFrame | None, first: pd.Timestamp, last: pd.Timestamp
) -> None:
    """The targets in force over the chart, stepped at their effective dates."""
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
