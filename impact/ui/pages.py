"""The board pages' bodies, so each file in ``views/`` is a couple of lines.

Overview: per priority, each metric as its board question with the answer, icons, latest
against target and a sparkline; the IPR summary table; the questions the board may wish
to ask. Priority pages: per metric the full SPC chart, answer, icons, peer comparison and
a CSV of the numbers behind each chart. Metric detail: one metric in full.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.board import OrgBoard
from impact.filters import BOARD_PRIORITIES, PRIORITY_TITLES, month_text
from impact.ui import components as ui
from impact.ui import state as data
from impact.ui.context import BoardContext, get_context
from impact.ui.filters import draw_priority_filter
from impact.ui.pack_download import pack_download
from impact.ui.question_widgets import open_questions_beside


def _board_or_stop(ctx: BoardContext) -> OrgBoard:
    f = ctx.filters
    if not f.org_code:
        st.info("There are no organisations in the data yet. Add extracts on the Data page.")
        st.stop()
    return data.board(f.org_code, f.period_from, f.period_to)


def _period_caption(ctx: BoardContext) -> None:
    f = ctx.filters
    st.caption(f"{ctx.org_name} ({f.org_code}) · {f.period_from:%b %Y} to {f.period_to:%b %Y}")


def overview() -> None:
    ctx = get_context()
    st.title("Board overview")
    _period_caption(ctx)
    board = _board_or_stop(ctx)
    ui.as_at_stamp(board)
    f = ctx.filters
    pack_download(f.org_code, f.period_from, f.period_to, peer_scope=f.peers)
    priority = draw_priority_filter()
    shown = BOARD_PRIORITIES if priority == "all" else (priority,)
    for key in shown:
        st.header(PRIORITY_TITLES[key])
        answers = board.by_priority(key)
        if not answers:
            st.markdown(f"No {PRIORITY_TITLES[key].lower()} figures for {ctx.org_name}.")
        for answer in answers:
            ui.metric_card(answer, f)
            open_questions_beside(f.org_code, answer.metric.metric_id)
        missing = board.missing_for(key)
        if missing and answers:
            st.caption("No figures for: " + ", ".join(m.metric_name for m in missing) + ".")
        ui.questions_block(board, key)
    st.header("Summary table")
    st.caption("Integrated performance report: each row opens the metric's detail.")
    ui.ipr_table(board, ctx.filters, None if priority == "all" else priority)


def priority_page(priority: str) -> None:
    ctx = get_context()
    f = ctx.filters
    title = PRIORITY_TITLES[priority]
    st.title(title)
    _period_caption(ctx)
    board = _board_or_stop(ctx)
    ui.as_at_stamp(board)
    answers = board.by_priority(priority)
    if not answers:
        st.markdown(
            f"No {title.lower()} figures for {ctx.org_name}. Choose an organisation that "
            "reports them (primary care is reported by ICBs and primary care networks)."
        )
        return
    for answer in answers:
        m = answer.metric
        st.header(m.board_question)
        st.markdown(f"**{m.metric_name}** · {ui.latest_summary(answer)}{ui.stale_flag(answer)}")
        st.markdown(answer.answer)
        ui.icon_pair(answer)
        ui.spc_chart(answer, key=f"spc-{m.metric_id}")
        st.subheader(f"Peer comparison: {m.metric_name}")
        peers = ui.peer_comparison(answer, f, ctx.tree)
        compared = ui.comparison_chart(answer, f, ctx.tree) if f.compare else pd.DataFrame()
        numbers = ui.numbers_frame(answer)
        ui.csv_download(
            numbers,
            label=f"Download the numbers behind the {m.metric_name} chart (CSV)",
            file_name=f"{m.metric_id}_{f.org_code}_{month_text(f.period_to)}.csv",
            key=f"csv-{m.metric_id}",
        )
        if len(peers) > 1:
            ui.csv_download(
                peers,
                label=f"Download the peer comparison for {m.metric_name} (CSV)",
                file_name=f"{m.metric_id}_peers_{f.org_code}_{month_text(f.period_to)}.csv",
                key=f"csv-peers-{m.metric_id}",
            )
        if not compared.empty:
            ui.csv_download(
                compared,
                label=f"Download the ICB and region comparison for {m.metric_name} (CSV)",
                file_name=f"{m.metric_id}_compare_{f.org_code}.csv",
                key=f"csv-compare-{m.metric_id}",
            )
        st.page_link(
            ui.METRIC_DETAIL_PAGE,
            label=f"Open the detail for {m.metric_name}",
            icon=":material/arrow_forward:",
            query_params=ui.detail_params(f, m.metric_id),
        )
        st.divider()
    ui.questions_block(board, priority)


def metric_detail() -> None:
    ctx = get_context()
    f = ctx.filters
    st.title("Metric detail")
    _period_caption(ctx)
    board = _board_or_stop(ctx)
    ui.as_at_stamp(board)
    if not board.answers:
        st.markdown(f"No figures for {ctx.org_name} in this period.")
        return
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
    m = answer.metric
    st.header(m.board_question)
    st.markdown(f"**{m.metric_name}** · {ui.latest_summary(answer)}{ui.stale_flag(answer)}")
    st.markdown(answer.answer)
    ui.icon_pair(answer)
    ui.spc_chart(answer, key=f"detail-spc-{m.metric_id}")
    if f.compare:
        ui.comparison_chart(answer, f, ctx.tree)
    ui.question_list(answer.questions, empty=None)

    st.subheader("The numbers")
    ui.numbers_table(answer)
    ui.csv_download(
        ui.numbers_frame(answer),
        label="Download these numbers (CSV, full precision)",
        file_name=f"{m.metric_id}_{f.org_code}_{month_text(f.period_to)}.csv",
        key="csv-detail",
    )

    st.subheader("Target history")
    if answer.targets.empty:
        st.markdown("No target applies to this metric.")
    else:
        ui.targets_table(answer)

    st.subheader("Events")
    if answer.events.empty:
        st.markdown("No events recorded for this metric in this period.")
    else:
        ui.events_table(answer)

    st.subheader("Improvement projects aimed at this metric")
    projects = data.query("board_projects_for_metric", org_code=f.org_code, metric_id=m.metric_id)
    if projects.empty:
        st.markdown(f"No improvement projects at {ctx.org_name} are linked to this metric.")
    else:
        ui.projects_table(projects)
