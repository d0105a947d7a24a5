"""Metric detail: one metric for one organisation, with every number behind it."""

from __future__ import annotations

import streamlit as st

from impact.board import MetricAnswer, OrgBoard
from impact.calendar import month_key
from impact.ui import data
from impact.ui.components.cards import heading_line, plan_and_rule_notes
from impact.ui.components.downloads import csv_download
from impact.ui.components.figures import comparison_chart, spc_chart
from impact.ui.components.icon_pair import icon_pair
from impact.ui.components.numbers import numbers_frame, numbers_table
from impact.ui.components.outlook import outlook_lines
from impact.ui.components.questions import question_list
from impact.ui.components.tables import events_table, projects_table, targets_table
from impact.ui.context import BoardContext, get_context
from impact.ui.header import page_header

PAGE_TITLE = "Metric detail"


def _chosen(board: OrgBoard, ctx: BoardContext) -> MetricAnswer:
    """The metric picker (the link's metric, else the first), kept in the URL."""
    f = ctx.filters
    ids = [a.metric.metric_id for a in board.answers]
    names = {a.metric.metric_id: a.metric.metric_name for a in board.answers}
    wanted = f.metric if f.metric in ids else ids[0]
    if f.metric and f.metric not in ids:
        st.info(f"{ctx.org_name} has no figures for the metric in the link; showing another.")
    metric_id = st.selectbox("Metric", ids, index=ids.index(wanted), format_func=lambda i: names[i])
    if metric_id != f.metric:
        st.query_params["metric"] = metric_id
    answer = board.answer(metric_id)
    assert answer is not None  # chosen from the board's own answers
    return answer


def _numbers_section(answer: MetricAnswer, ctx: BoardContext) -> None:
    f, m = ctx.filters, answer.metric
    st.subheader("The numbers")
    numbers_table(answer)
    csv_download(
        numbers_frame(answer),
        label="Download these numbers (CSV, full precision)",
        file_name=f"{m.metric_id}_{f.org_code}_{month_key(f.period_to)}.csv",
        key="csv-detail",
    )


def _context_sections(answer: MetricAnswer, ctx: BoardContext) -> None:
    """Target history, events and the improvement projects aimed at the metric."""
    st.subheader("Target history")
    if answer.targets.empty:
        st.markdown("No target applies to this metric.")
    else:
        targets_table(answer)

    st.subheader("Events")
    if answer.events.empty:
        st.markdown("No events recorded for this metric in this period.")
    else:
        events_table(answer)

    st.subheader("Improvement projects aimed at this metric")
    projects = data.projects_for(answer.org_code, answer.metric.metric_id)
    if projects.empty:
        st.markdown(f"No improvement projects at {ctx.org_name} are linked to this metric.")
    else:
        projects_table(projects)


def render() -> None:
    ctx = get_context()
    board = page_header(PAGE_TITLE, ctx)
    if not board.answers:
        st.markdown(f"No figures for {ctx.org_name} in this period.")
        return
    answer = _chosen(board, ctx)
    m = answer.metric
    st.header(m.board_question)
    heading_line(answer)
    st.markdown(answer.answer)
    plan_and_rule_notes(answer)
    icon_pair(answer)
    outlook_lines(answer, method=True)
    spc_chart(answer, ctx.filters, key=f"detail-spc-{m.metric_id}")
    if ctx.filters.compare:
        comparison_chart(answer, ctx.filters, ctx.tree)
    question_list(answer.questions, empty=None)
    _numbers_section(answer, ctx)
    _context_sections(answer, ctx)
