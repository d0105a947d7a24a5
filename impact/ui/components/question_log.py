"""Question-log pieces any page can place: open questions beside a metric, and a form to ask one.

A board member asks a question while looking at a metric, so the form sits beside the
metric with the generated question already filled in (editable), and the questions still
waiting for an answer show next to the metric they are about. Everything a board member
typed is shown as escaped text: a question is never rendered as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

import streamlit as st

from impact import config
from impact.calendar import day_short
from impact.question_log import BoardQuestion, QuestionLog, QuestionLogError, open_log

#: Days until a new question is due by default: the next monthly board meeting.
DEFAULT_DUE_DAYS = 28
#: The first choice of the question picker: start from an empty question.
OWN_QUESTION = "Write my own question"


def question_log() -> QuestionLog:
    """The log of the data folder the dashboard serves (opened per call: no shared handle)."""
    return open_log(config.data_dir())


def _question_html(q: BoardQuestion, *, show_metric: str | None = None) -> str:
    metric = f"<strong>{escape(show_metric)}</strong>: " if show_metric else ""
    asked_by = f" · asked by {escape(q.asked_by)}" if q.asked_by else ""
    overdue = " · <strong>overdue</strong>" if q.due_date < date.today() else ""
    return (
        f"<li>{metric}{escape(q.question)}<br><small>Owner: {escape(q.owner)} · "
        f"due {day_short(q.due_date)}{asked_by}{overdue}</small></li>"
    )


def open_questions_beside(org_code: str, metric_id: str, *, metric_name: str | None = None) -> int:
    """List the open questions about one metric of one organisation; returns how many.

    Shows nothing when there are none, so an overview with no open questions stays quiet.
    """
    try:
        found = question_log().questions(org_code=org_code, metric_id=metric_id, status="open")
    except QuestionLogError as error:
        st.caption(f"Question log unavailable: {error}")
        return 0
    if found:
        items = "".join(_question_html(q, show_metric=metric_name) for q in found)
        label = "open question" if len(found) == 1 else "open questions"
        st.html(
            f'<div class="open-board-questions" role="note" aria-label="Open board questions">'
            f"<strong>{len(found)} {label} from the board</strong><ul>{items}</ul></div>"
        )
    return len(found)


def _prefill(picker_key: str, text_key: str) -> None:
    """Copy the picked generated question into the editable text box."""
    choice = st.session_state.get(picker_key)
    st.session_state[text_key] = "" if choice in (None, OWN_QUESTION) else choice


def ask_question_form(
    org_code: str,
    metric_id: str,
    generated: Sequence[str],
    *,
    key: str,
    actor: str | None = None,
) -> BoardQuestion | None:
    """A form to record a board question on a metric; returns the question once saved.

    The picker offers the generated questions; the chosen one fills the text box, which
    the board member can edit before saving.
    """
    picker_key, text_key = f"{key}-pick", f"{key}-text"
    choices = [*generated, OWN_QUESTION]
    if text_key not in st.session_state:
        st.session_state[text_key] = generated[0] if generated else ""
    st.selectbox(
        "Start from a suggested question",
        choices,
        key=picker_key,
        on_change=_prefill,
        args=(picker_key, text_key),
    )
    with st.form(key=f"{key}-form", clear_on_submit=False, enter_to_submit=False):
        text = st.text_area("Question", key=text_key, max_chars=2000)
        left, middle, right = st.columns(3)
        owner = left.text_input("Owner (who will bring the answer)", key=f"{key}-owner")
        asked_by = middle.text_input("Asked by (optional)", key=f"{key}-asked-by")
        due = right.date_input(
            "Due by",
            value=date.today() + timedelta(days=DEFAULT_DUE_DAYS),
            min_value=date.today(),
            key=f"{key}-due",
            format="DD/MM/YYYY",
        )
        submitted = st.form_submit_button("Record question", type="primary")
    if not submitted:
        return None
    try:
        saved = question_log().add(
            org_code=org_code,
            metric_id=metric_id,
            question=text,
            owner=owner,
            due_date=due,
            asked_by=asked_by,
            actor=actor,
        )
    except QuestionLogError as error:
        st.error(f"The question was not saved: {error}")
        return None
    st.success(f"Question recorded ({saved.question_id}), due {day_short(saved.due_date)}.")
    return saved
