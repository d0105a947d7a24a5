"""Questions the board may wish to ask: the heading and the list, for a metric or a priority."""

from __future__ import annotations

import streamlit as st

from impact.board import OrgBoard

QUESTIONS_HEADING = "Questions the board may wish to ask"


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


def questions_block(board: OrgBoard, priority: str | None) -> None:
    """The questions generated from one priority's signals (all priorities for ``None``)."""
    question_list(
        [q for _, q in board.questions(priority)],
        empty="The data raise no specific questions for this priority this period.",
    )
