"""The "data as at" stamp every board page shows, and the notes about link values."""

from __future__ import annotations

from html import escape

import streamlit as st

from impact.board import OrgBoard
from impact.calendar import month_long, month_short
from impact.ui import data


def url_notes(notes: list[str]) -> None:
    """Say which link values were not usable (and what is shown instead)."""
    for note in notes:
        st.info(note, icon=":material/info:")


def as_at_stamp(board: OrgBoard) -> None:
    """ "Data as at": the newest period present and the newest extract file's time."""
    latest = month_long(board.data_latest_period) if board.data_latest_period else "none"
    newest = data.newest_file_time()
    file_text = newest.strftime("%d %b %Y %H:%M UTC") if newest is not None else "no extract files"
    st.html(
        '<div class="as-at" role="note" aria-label="Data as at">'
        f"<strong>Data as at:</strong> latest period {escape(latest)} · "
        f"newest extract file updated {escape(file_text)}</div>"
    )
    if board.stale:
        items = "; ".join(
            f"{a.metric.metric_name} (latest {month_short(a.latest_period)}, "
            f"{a.metric.frequency}ly)"
            for a in board.stale
            if a.latest_period
        )
        st.warning(f"Stale data — older than its reporting frequency allows: {items}.")
