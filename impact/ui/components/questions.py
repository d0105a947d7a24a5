"""Questions the board may wish to ask: the heading and the list, for a metric or a priority.

A priority's (and the overview's) questions come ranked, most material first
(:mod:`impact.board.question_ranking`): the first few are listed, each naming its metric and
saying why it is asked, and the rest wait behind "More questions (N)", so the board sees
a few sharp questions rather than a page of them.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from impact.board import OrgBoard
from impact.board.question_ranking import TOP_PER_PRIORITY, RankedQuestion, top_and_rest
from impact.palette import NHS_DARK_GREY

QUESTIONS_HEADING = "Questions the board may wish to ask"
NO_QUESTIONS = "The data raise no specific questions for this priority this period."

#: The ranked lists' look: the metric's name in bold, the reason smaller and grey beneath.
RANKED_CSS = f"""
<style>
ol.ranked-questions {{ margin: 0 0 0.4rem 0; padding-left: 1.4rem; }}
ol.ranked-questions li {{ margin-bottom: 0.35rem; line-height: 1.35; }}
ol.ranked-questions .why {{ display: block; color: {NHS_DARK_GREY}; font-size: 0.85em; }}
</style>
"""


def more_label(count: int) -> str:
    """The expander's words: ``More questions (4)``."""
    return f"More questions ({count})"


def question_list(questions: list[str], *, empty: str | None, header: bool = False) -> None:
    """ "Questions the board may wish to ask" and the list; ``empty`` says why there are none.

    With ``empty=None`` nothing at all is drawn when there are no questions. ``header``
    draws the heading one level up, for pages where the questions close the whole page.
    """
    if not questions and empty is None:
        return
    (st.header if header else st.subheader)(QUESTIONS_HEADING)
    if questions:
        st.markdown("\n".join(f"- {q}" for q in questions))
    else:
        st.markdown(empty)


def ranked_list_html(ranked: list[RankedQuestion], *, start: int = 1, compact: bool = False) -> str:
    """An ordered list of ranked questions: metric name, question, why it is asked.

    ``compact`` (the first screen, beside the matrix) drops the metric's name in front (each
    question names its metric) and gives the reason as short tags. Each item carries
    ``data-rank`` and ``data-metric`` so tests read the order drawn.
    """
    items = []
    for r in ranked:
        name = "" if compact else f"<strong>{escape(r.metric_name)}</strong>: "
        why = r.short_reason if compact else r.reason
        items.append(
            f'<li data-rank="{r.rank}" data-metric="{escape(r.metric_id, quote=True)}">'
            f'{name}<span class="question">{escape(r.question)}</span>'
            f'<span class="why">{escape(why)}</span></li>'
        )
    return f'<ol class="ranked-questions" start="{start}">{"".join(items)}</ol>'


def more_questions(rest: list[RankedQuestion], *, start: int) -> None:
    """The questions after the first few, behind a closed "More questions (N)" expander."""
    if not rest:
        return
    with st.expander(more_label(len(rest)), expanded=False):
        st.html(RANKED_CSS + ranked_list_html(rest, start=start))


def questions_block(
    board: OrgBoard,
    priority: str | None,
    top: int = TOP_PER_PRIORITY,
    ranked: list[RankedQuestion] | None = None,
) -> None:
    """One priority's questions (all priorities for ``None``): the first ``top``, then more.

    ``ranked`` is the whole board's ranking, when the page has already worked it out.
    """
    shown, rest = top_and_rest(board, priority, top, ranked)
    st.subheader(QUESTIONS_HEADING)
    if not shown:
        st.markdown(NO_QUESTIONS)
        return
    st.html(RANKED_CSS + ranked_list_html(shown))
    more_questions(rest, start=len(shown) + 1)
