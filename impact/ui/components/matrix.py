"""The first screen: the summary matrix, the questions to ask first, the priorities in brief.

Drawn as HTML (not a grid of Streamlit columns) so the whole matrix, with every metric's
name and icon pair, fits above the fold at 1440 × 900 and costs one element per rerun.
Each name is a link to the metric's detail keeping every filter, as the IPR table's are.
Every cell carries ``data-row``/``data-column``/``data-count`` so tests read where each
metric sits.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from impact.board import MetricAnswer, OrgBoard
from impact.board.matrix import ASSURANCE_COLUMNS, VARIATION_ROWS, SummaryMatrix, summary_matrix
from impact.board.question_ranking import TOP_OVERVIEW, RankedQuestion, top_and_rest
from impact.filters import FilterState
from impact.priorities import PRIORITY_TITLES
from impact.spc import ASSURANCE_SHORT, NO_TARGET, icons
from impact.ui.components.ipr import detail_url
from impact.ui.components.questions import (
    QUESTIONS_HEADING,
    RANKED_CSS,
    more_questions,
    ranked_list_html,
)

MATRIX_HEADING = "Summary: variation against assurance"
#: The matrix's column headings: the assurance words as the IPR table's cells say them.
ASSURANCE_HEADINGS = {**ASSURANCE_SHORT, "no_target": NO_TARGET.short}
#: The icons beside a name in the matrix and the priority lines (pixels).
SMALL_ICON_PX = 16

#: Compact type for the first screen: the summary must fit above the fold at 1440 × 900
#: beside the questions, so it is set smaller than the pages' 18 px body text.
_CSS = """
<style>
.first-screen h3 { font-size: 1.1rem; margin: 0 0 0.2rem 0; padding: 0; }
table.ipr-matrix { border-collapse: collapse; width: 100%; font-size: 0.78rem; }
table.ipr-matrix th, table.ipr-matrix td {
  border: 1px solid #d8dde0; padding: 0.1rem 0.25rem; vertical-align: top; text-align: left;
  line-height: 1.15;
}
table.ipr-matrix thead th, table.ipr-matrix th[scope="row"] { background: #f0f4f5; }
table.ipr-matrix .count { font-weight: 700; float: right; }
table.ipr-matrix ul { list-style: none; margin: 0; padding: 0; }
table.ipr-matrix li {
  display: inline; margin: 0 0.3rem 0 0; font-size: 0.76rem; line-height: 1.15;
}
table.ipr-matrix img, ul.ipr-lines img { vertical-align: middle; }
.first-screen ol.ranked-questions li { font-size: 0.85rem; line-height: 1.25; }
ul.ipr-lines { list-style: none; margin: 0; padding: 0; }
ul.ipr-lines li {
  font-size: 0.85rem; line-height: 1.25; border-bottom: 1px solid #e8edee; padding: 0.15rem 0;
}
</style>
"""


def small_icons(answer: MetricAnswer) -> str:
    """The variation and assurance icons, small, each with its words as ``alt`` text."""
    parts = []
    if answer.variation_icon:
        svg = icons.variation_icon_svg(answer.variation_icon, size=SMALL_ICON_PX)
        parts.append((svg, answer.variation_label))
    if answer.assurance:
        svg = icons.assurance_icon_svg(answer.assurance, size=SMALL_ICON_PX)
        parts.append((svg, answer.assurance_label))
    return "".join(
        f'<img src="{icons.icon_data_uri(svg)}" alt="{escape(label, quote=True)}" '
        f'title="{escape(label, quote=True)}" width="{SMALL_ICON_PX}" height="{SMALL_ICON_PX}">'
        for svg, label in parts
    )


def _name_link(answer: MetricAnswer, state: FilterState) -> str:
    m = answer.metric
    href = escape(detail_url(state, m.metric_id), quote=True)
    name = escape(m.metric_name)
    return f'<a href="{href}" target="_self" data-metric="{escape(m.metric_id)}">{name}</a>'


def matrix_html(matrix: SummaryMatrix, state: FilterState) -> str:
    """The summary matrix as an HTML table: count, then each metric's icons and name."""
    head = "".join(
        f'<th scope="col" title="{escape(t, quote=True)}">{escape(ASSURANCE_HEADINGS[c])}</th>'
        for c, t in ASSURANCE_COLUMNS.items()
    )
    body = []
    for row, row_title in VARIATION_ROWS.items():
        cells = []
        for column in ASSURANCE_COLUMNS:
            answers = matrix.cell(row, column)
            items = "".join(f"<li>{small_icons(a)} {_name_link(a, state)}</li>" for a in answers)
            count = f'<span class="count">{len(answers)}</span>' if answers else ""
            cells.append(
                f'<td data-row="{row}" data-column="{column}" data-count="{len(answers)}">'
                f"{count}<ul>{items}</ul></td>"
            )
        body.append(f'<tr><th scope="row">{escape(row_title)}</th>{"".join(cells)}</tr>')
    return (
        f'<table class="ipr-matrix" aria-label="Variation against assurance: '
        f'{matrix.total} metrics"><thead><tr>'
        f'<th scope="col">Variation</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def summary_matrix_block(matrix: SummaryMatrix, state: FilterState) -> None:
    """The matrix under its heading, or a plain sentence when no metric has data."""
    body = (
        matrix_html(matrix, state)
        if matrix.total
        else "<p>No metrics with data for this organisation and period.</p>"
    )
    st.html(f'{_CSS}<div class="first-screen"><h3>{MATRIX_HEADING}</h3>{body}</div>')


def first_questions_html(ranked: list[RankedQuestion]) -> str:
    """The questions to ask first (at most five), most material first, each saying why in
    short tags so the list stays beside the matrix rather than far below it."""
    if not ranked:
        body = "<p>The data raise no specific questions this period.</p>"
    else:
        body = ranked_list_html(ranked, compact=True)
    return f'{RANKED_CSS}<div class="first-screen"><h3>{QUESTIONS_HEADING}</h3>{body}</div>'


def priority_lines_html(answers: list[MetricAnswer], state: FilterState) -> str:
    """One line per metric: its question (a link to the detail), latest value and icons."""
    lines = []
    for a in answers:
        href = escape(detail_url(state, a.metric.metric_id), quote=True)
        lines.append(
            f'<li><a href="{href}" target="_self">{escape(a.metric.board_question)}</a> '
            f"<strong>{escape(a.latest_text)}</strong> {small_icons(a)}</li>"
        )
    return f'<ul class="ipr-lines">{"".join(lines)}</ul>'


def priority_columns(board: OrgBoard, state: FilterState, priorities: tuple[str, ...]) -> None:
    """The priorities side by side, one compact line per metric."""
    for column, key in zip(st.columns(len(priorities)), priorities, strict=True):
        answers = board.by_priority(key)
        lines = priority_lines_html(answers, state) if answers else "<p>No figures.</p>"
        column.html(f'<div class="first-screen"><h3>{PRIORITY_TITLES[key]}</h3>{lines}</div>')


def first_screen(
    board: OrgBoard,
    state: FilterState,
    keys: tuple[str, ...],
    ranked: list[RankedQuestion] | None = None,
) -> None:
    """The matrix beside the questions to ask first, then the priorities in brief.

    The overview and meeting mode both open on this, so what the papers summarise is what
    the room sees first. ``ranked`` is the whole board's ranking, if already worked out.
    """
    only = keys[0] if len(keys) == 1 else None
    left, right = st.columns([5, 2], gap="small")
    with left:
        summary_matrix_block(summary_matrix(board, only), state)
    first, rest = top_and_rest(board, only, TOP_OVERVIEW, ranked)
    with right:
        st.html(first_questions_html(first))
        more_questions(rest, start=len(first) + 1)
    priority_columns(board, state, keys)
