"""The opening every board page shares: title, what is on view, link notes, "data as at".

Each page used to open with its own few lines (title, an "organisation · period" caption,
a stop when there is no organisation, the stamp). They open with :func:`page_header`
instead, so the pages read the same and change together.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from impact.board import OrgBoard
from impact.calendar import month_short, span_short
from impact.ui import data
from impact.ui.components.stamp import as_at_stamp, url_notes
from impact.ui.context import BoardContext

NO_ORGANISATIONS = "There are no organisations in the data yet. Add extracts on the Data page."


def on_view(ctx: BoardContext) -> str:
    """``Ash Trust (T1) · Apr 2024 to Mar 2025``: the organisation and period on view."""
    f = ctx.filters
    return f"{ctx.org_name} ({f.org_code}) · {span_short(f.period_from, f.period_to)}"


def as_at_caption(ctx: BoardContext) -> str:
    """``Ash Trust (T1) · as at Mar 2025``: for pages that show one point in time."""
    f = ctx.filters
    return f"{ctx.org_name} ({f.org_code}) · as at {month_short(f.period_to)}"


def page_header(
    title: str,
    ctx: BoardContext,
    *,
    caption: str | None = None,
    notes: Sequence[str] = (),
    no_org: str = NO_ORGANISATIONS,
    stamp: bool = True,
) -> OrgBoard:
    """Draw the page's opening and return the board of the organisation and period on view.

    ``caption`` replaces the default "organisation · period" line; ``notes`` are link
    values the page itself found unusable; ``stamp=False`` leaves out the "data as at"
    stamp (the question log is about questions, not figures). With no organisation in the
    data the page says ``no_org`` and stops here.
    """
    st.title(title)
    url_notes(list(notes))
    f = ctx.filters
    if not f.org_code:
        st.info(no_org)
        st.stop()
    st.caption(caption if caption is not None else on_view(ctx))
    board = data.board(f.org_code, f.period_from, f.period_to)
    if stamp:
        as_at_stamp(board)
    return board
