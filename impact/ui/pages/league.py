"""Where do we stand? Each metric's rank among like peers, its quarter and the change.

The page reads the global filters (the organisation, the period's end, and the ``peers``
area), asks :func:`impact.ui.data.league` for the table, and draws it per priority with the
overall position. It says plainly, before any number, that this is our own ranking from the
published figures, not the official NHS Oversight Framework segment, and how it is made.
"""

from __future__ import annotations

import streamlit as st

from impact.board.league import LEAGUE_LABEL, QUARTER_MONTHS
from impact.calendar import month_key
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui import data
from impact.ui.components.downloads import csv_download
from impact.ui.context import get_context
from impact.ui.header import as_at_caption, page_header

PAGE_TITLE = "Where do we stand?"

METHOD = f"""
Each measure is ranked in our latest month among the like organisations with a figure that
month (the same peers as the peer charts: {{peers}}), best first by its direction of
improvement; organisations with the same figure share the better rank. A count with a
natural denominator (12-hour waits, long waiters) is ranked as its rate; other counts mostly
measure size and are not ranked, nor are measures with no direction of improvement.

The **quarter** puts the best quarter of the peers in the top quarter. The change compares
the rank {QUARTER_MONTHS} months earlier. A priority's overall position is the average, over
its ranked measures, of the share of the other peers we do better than. The full method is
in docs/league.md.
"""


def render() -> None:
    ctx = get_context()
    board = page_header(PAGE_TITLE, ctx, caption=as_at_caption(ctx))
    st.info(LEAGUE_LABEL, icon=":material/info:")
    league = data.league(board, ctx.filters, ctx.tree)
    peers = f"{league.group.noun()} in {league.place}"
    st.markdown(f"Ranked among the {len(league.group.codes)} {peers}.")
    with st.expander("How this ranking is made"):
        st.markdown(METHOD.format(peers=peers))
    shown = False
    for priority in BOARD_PRIORITIES:
        table = league.frame(priority)
        if table.empty:
            continue
        shown = True
        title = PRIORITY_TITLES[priority]
        st.header(f"{title}: where do we stand?")
        st.markdown(f"**{league.overall(priority)}**")
        # Tall enough for every row: a board reads the whole table, not a scrolled window.
        st.dataframe(table, hide_index=True, height=38 + 35 * len(table))
        csv_download(
            table,
            label=f"Download the {title.lower()} ranking (CSV)",
            file_name=f"league_{priority}_{ctx.filters.org_code}_{month_key(ctx.filters.period_to)}.csv",
            key=f"csv-league-{priority}",
        )
    if not shown:
        st.markdown(f"No figures for {ctx.org_name} in this period to rank.")
