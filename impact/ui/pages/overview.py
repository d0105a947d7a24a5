"""Board overview: the summary first, then per priority each metric as its question, answered.

Boards read an integrated performance report by its summary first, so the first screen
(1440 × 900) holds the summary matrix (variation against assurance, every metric's name and
icons in its cell) beside the questions to ask first, then the priorities as three compact
columns, one line per metric. The full cards (answer, icons, sparkline, questions) follow
below, priority by priority (in page order, so search and print find every card), and the
IPR summary table closes the page.
"""

from __future__ import annotations

import streamlit as st

from impact.board import OrgBoard
from impact.board.question_ranking import RankedQuestion, ranked_questions
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui.components.cards import metric_card
from impact.ui.components.ipr import ipr_table
from impact.ui.components.matrix import first_screen
from impact.ui.components.question_log import open_questions_beside
from impact.ui.components.questions import questions_block
from impact.ui.context import BoardContext, get_context
from impact.ui.filters import draw_priority_filter
from impact.ui.header import page_header
from impact.ui.pack_download import pack_download

PAGE_TITLE = "Board overview"
DETAIL_HEADING = "Each metric in full"


def _priority_section(
    board: OrgBoard, ctx: BoardContext, key: str, ranked: list[RankedQuestion]
) -> None:
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
    questions_block(board, key, ranked=ranked)


def render() -> None:
    ctx = get_context()
    board = page_header(PAGE_TITLE, ctx)
    f = ctx.filters
    # The first screen straight under the header; the pack and the priority filter below it
    # (the filter narrows the summary above as well as the cards below).
    priority = f.priority
    keys = BOARD_PRIORITIES if priority == "all" else (priority,)
    ranked = ranked_questions(board)  # once: the first screen and every priority share it
    first_screen(board, f, keys, ranked)
    st.divider()
    pack_download(board.org_code, f.period_from, f.period_to, peer_scope=f.peers)
    draw_priority_filter()
    st.subheader(DETAIL_HEADING)
    for key in keys:
        _priority_section(board, ctx, key, ranked)
    st.header("Summary table")
    st.caption("Integrated performance report: each row opens the metric's detail.")
    ipr_table(board, f, None if priority == "all" else priority)
