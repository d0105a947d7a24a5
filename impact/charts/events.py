"""Vertical lines on an SPC chart: where limits restart (an event, or a sustained shift the
Stable Shift Algorithm found), and noted events."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from impact import palette
from impact.calendar import month_short
from impact.charts.theme import NOTE_FONT_SIZE, add_vertical_line

#: ``limits_change`` of a point whose limits were restarted by a sustained shift.
RECALCULATED = "recalculated"


def rebase_dates(points: pd.DataFrame) -> list[pd.Timestamp]:
    """The first date of every rebase group after the first: where limits restart."""
    if "rebase_group" not in points or points.empty:
        return []
    ordered = points.sort_values("period_start")
    changed = ordered["rebase_group"].ne(ordered["rebase_group"].shift())
    return [pd.Timestamp(d) for d in ordered.loc[changed, "period_start"].iloc[1:]]


def _vline(fig: go.Figure, x: pd.Timestamp, text: str, *, dash: str, name: str) -> None:
    add_vertical_line(fig, x, name=name, colour=palette.EVENT_LINE, width=1.5, dash=dash)
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


def recalculation_dates(points: pd.DataFrame) -> list[pd.Timestamp]:
    """The dates an automatic recalculation (not an event) restarted the limits."""
    if "limits_change" not in points or points.empty:
        return []
    at = points[points["limits_change"] == RECALCULATED]
    return sorted(pd.Timestamp(d) for d in at["period_start"])


def add_rebase_breaks(fig: go.Figure, points: pd.DataFrame, events: pd.DataFrame | None) -> None:
    """A labelled line where each limits period starts: why the limits were recalculated."""
    shifts = set(recalculation_dates(points))
    for when in rebase_dates(points):
        if when in shifts:
            text = f"Limits recalculated: sustained shift from {month_short(when)}"
            _vline(fig, when, text, dash="dashdot", name="recalculation")
            continue
        description = _event_text(events, when)
        text = "Limits recalculated" + (f": {description}" if description else "")
        _vline(fig, when, text, dash="dash", name="rebase")


def add_event_notes(
    fig: go.Figure, events: pd.DataFrame | None, first: pd.Timestamp, last: pd.Timestamp
) -> None:
    if events is None or events.empty:
        return
    for row in events.itertuples(index=False):
        when = pd.Timestamp(row.event_date)
        if bool(row.rebase) or not first <= when <= last:
            continue
        _vline(fig, when, str(row.description), dash="dot", name="event")
