"""Board overview: per priority, each metric as its board question, answered.

Each metric's card gives the answer, icons, latest against target and a sparkline; then
the questions the board may wish to ask, and the IPR summary table for all priorities.
"""

from __future__ import annotations

import streamlit as st

from impact.board import OrgBoard
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui.components.cards import metric_card
from impact.ui.components.ipr import ipr_table
from impact.ui.components.question_log import open_questions_beside
from impact.ui.components.questions import questions_block
from impact.ui.context import BoardContext, get_context
from impact.ui.filters import draw_priority_filter
from impact.ui.header import page_header
from impact.ui.pack_download import pack_download

PAGE_TITLE = "Board overview"


def _priority_section(board: OrgBoard, ctx: BoardContext, key: str) -> None:
    f = ctx.filters
    st.header(PRIORITY_TITLES[key])
    answers = board.by_priority(key)
    if not answers:
        st.markdown(f"No {PRIORITY_TITLES[key].lower()} figures for {ctx.org_name}.")
    for answer in answers:
        metric_card(answer, f)
        open_questions_beside(board.org_code, answer.metric.metric_id)
    missing = board.missing_for(key)
    if missing and answers:
        st.caption("No figures for: " + ", ".join(m.metric_name for m in missing) + ".")
    questions_block(board, key)


def render() -> None:
    ctx = get_context()
    board = page_header(PAGE_TITLE, ctx)
    f = ctx.filters
    pack_download(board.org_code, f.period_from, f.period_to, peer_scope=f.peers)
    priority = draw_priority_filter()
    for key in BOARD_PRIORITIES if priority == "all" else (priority,):
        _priority_section(board, ctx, key)
    st.header("Summary table")
    st.caption("Integrated performance report: each row opens the metric's detail.")
    ipr_table(board, f, None if priority == "all" else priority)
