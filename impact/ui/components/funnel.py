"""The funnel plot on a page: its sentence, the chart, who is left off it, and its CSV.

The figures come from :func:`impact.ui.data.funnel` (and so from
:mod:`impact.board.funnel`); the chart from :mod:`impact.charts.funnel`.
"""

from __future__ import annotations

import streamlit as st

from impact.board import MetricAnswer
from impact.calendar import month_key
from impact.charts.funnel import position_figure
from impact.filters import FilterState
from impact.orgs import OrgTree
from impact.ui import data
from impact.ui.components.downloads import csv_download
from impact.ui.components.figures import show_figure


def funnel_section(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> None:
    """ "Are we an outlier among …?": the answer, and the funnel when one applies."""
    m = answer.metric
    position = data.funnel(answer, state, tree)
    st.subheader(f"Funnel plot: {m.metric_name}")
    st.markdown(position.sentence)
    if not position.applies:
        return
    figure = data.figure(
        ("funnel", answer.org_code, m.metric_id, state.period_from, state.period_to, state.peers),
        lambda: position_figure(position),
    )
    show_figure(figure, key=f"funnel-{m.metric_id}")
    st.caption(
        "Each point is one organisation, placed by its size. Inside the dashed lines is what "
        "chance alone allows 95 times in 100; inside the dotted lines, 998 times in 1,000."
        + (f" {position.note()}" if position.note() else "")
    )
    csv_download(
        position.rows,
        label=f"Download the funnel plot figures for {m.metric_name} (CSV)",
        file_name=f"{m.metric_id}_funnel_{state.org_code}_{month_key(position.period)}.csv",
        key=f"csv-funnel-{m.metric_id}",
    )
