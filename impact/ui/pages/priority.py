"""A priority page (elective, UEC, primary care): each metric's SPC chart, answer and peers.

Per metric: the board question, the answer, icons, the outlook of each dated target, the
SPC chart, the peer comparison and its funnel plot (and, when asked for, the ICB-and-region
comparison), and a CSV of the numbers behind each chart.

The charts of each metric sit in a section of their own that is drawn only while open
(the first metric's is open): a browser takes far longer to draw dozens of interactive
charts than the server takes to send them, so a page that drew every chart at once took
seconds to appear. Opening a section draws its charts (and the funnel's own figures and
CSV); the numbers, peer and comparison CSVs stay outside, always offered.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.board import MetricAnswer
from impact.board.rtt_basis import PROVIDER_BASIS
from impact.calendar import month_key
from impact.priorities import PRIORITY_TITLES
from impact.ui import data
from impact.ui.components.cards import detail_link, heading_line, plan_and_rule_notes
from impact.ui.components.downloads import csv_download
from impact.ui.components.figures import comparison_chart, peer_comparison, spc_chart
from impact.ui.components.funnel import funnel_section
from impact.ui.components.icon_pair import icon_pair
from impact.ui.components.numbers import numbers_frame
from impact.ui.components.outlook import outlook_lines
from impact.ui.components.questions import questions_block
from impact.ui.context import BoardContext, get_context
from impact.ui.header import page_header


def _downloads(
    answer: MetricAnswer, ctx: BoardContext, peers: pd.DataFrame, compared: pd.DataFrame
) -> None:
    """The CSVs behind the metric's charts: numbers, peers, ICB and region (when shown)."""
    f, m = ctx.filters, answer.metric
    to = month_key(f.period_to)
    csv_download(
        numbers_frame(answer),
        label=f"Download the numbers behind the {m.metric_name} chart (CSV)",
        file_name=f"{m.metric_id}_{f.org_code}_{to}.csv",
        key=f"csv-{m.metric_id}",
    )
    if len(peers) > 1:
        csv_download(
            peers,
            label=f"Download the peer comparison for {m.metric_name} (CSV)",
            file_name=f"{m.metric_id}_peers_{f.org_code}_{to}.csv",
            key=f"csv-peers-{m.metric_id}",
        )
    if not compared.empty:
        csv_download(
            compared,
            label=f"Download the ICB and region comparison for {m.metric_name} (CSV)",
            file_name=f"{m.metric_id}_compare_{f.org_code}.csv",
            key=f"csv-compare-{m.metric_id}",
        )


def charts_key(metric_id: str) -> str:
    """The session-state key of a metric's charts section (True while it is open)."""
    return f"charts-{metric_id}"


def charts_label(answer: MetricAnswer) -> str:
    return f"Charts for {answer.metric.metric_name}: SPC, peers and funnel plot"


def _charts(answer: MetricAnswer, ctx: BoardContext, *, first: bool) -> bool:
    """The metric's SPC, peer, funnel and comparison charts, drawn only while open."""
    f, m = ctx.filters, answer.metric
    section = st.expander(
        charts_label(answer),
        expanded=first,
        key=charts_key(m.metric_id),
        on_change="rerun",
        icon=":material/monitoring:",
    )
    if not section.open:
        return False
    with section:
        spc_chart(answer, f, key=f"spc-{m.metric_id}")
        st.subheader(f"Peer comparison: {m.metric_name}")
        peer_comparison(answer, f, ctx.tree)
        funnel_section(answer, f, ctx.tree)
        if f.compare:
            comparison_chart(answer, f, ctx.tree)
    return True


def _metric_section(answer: MetricAnswer, ctx: BoardContext, *, first: bool) -> None:
    f, m = ctx.filters, answer.metric
    st.header(m.board_question)
    heading_line(answer)
    st.markdown(answer.answer)
    plan_and_rule_notes(answer)
    icon_pair(answer)
    outlook_lines(answer)
    _charts(answer, ctx, first=first)
    peers = data.peers(answer, f, ctx.tree).frame
    compared = data.compared(answer, f, ctx.tree).frame if f.compare else pd.DataFrame()
    _downloads(answer, ctx, peers, compared)
    detail_link(answer, f)
    st.divider()


def render(priority: str) -> None:
    ctx = get_context()
    title = PRIORITY_TITLES[priority]
    board = page_header(title, ctx)
    answers = board.by_priority(priority)
    if not answers:
        st.markdown(
            f"No {title.lower()} figures for {ctx.org_name}. Choose an organisation that "
            "reports them (primary care is reported by ICBs and primary care networks)."
        )
        return
    basis = data.rtt_basis(ctx.filters.org_code, ctx.tree) if priority == "elective" else set()
    for i, answer in enumerate(answers):
        if answer.metric.metric_id in basis:
            st.info(PROVIDER_BASIS, icon=":material/info:")
            basis = set()  # said once, above the first RTT measure
        _metric_section(answer, ctx, first=i == 0)
    questions_block(board, priority)
