"""The board question log: record a question on a metric, answer it later, export the log.

Boards ask questions at one meeting and expect answers at the next. This page records a
question against a metric of the chosen organisation (the generated questions offered
as a starting point), lists what is still open and what has been answered, takes the
answers, and exports the whole log as a CSV (formula-neutralised) that analysts can keep
under version control and import again. The log's rules live in :mod:`impact.question_log`.

Each question can be changed or deleted, with its history (who, when, what) beside it;
two people editing the same question at once lose nothing
(:mod:`impact.ui.components.question_edit`). With sign-in on, only a board secretary
(or an admin) records, answers, changes, deletes or imports questions; everyone else reads.

The page reads the filters from the URL itself, so it also works opened on its own.
"""

from __future__ import annotations

import streamlit as st

from impact.access import Access
from impact.board import OrgBoard
from impact.calendar import day_short
from impact.filters import FilterState, parse_filters
from impact.question_log import BoardQuestion, QuestionLogError, StaleEdit, answered_table
from impact.ui import data
from impact.ui.access import current_access
from impact.ui.components import question_edit
from impact.ui.components.question_log import ask_question_form, question_log
from impact.ui.context import BoardContext
from impact.ui.header import page_header

PAGE_TITLE = "Board question log"


def _context() -> tuple[BoardContext, list[str]]:
    """The filters from the URL, read here so the page also works opened on its own."""
    tree = data.org_tree()
    months = data.months()
    filters, notes = parse_filters(
        st.query_params.to_dict(),
        tree,
        months,
        org_months=data.org_months,
        in_scope=data.scoped_tree(),
    )
    return BoardContext(tree, months, [], filters, notes), notes


#: What a reader is told where a secretary would see a form.
READ_ONLY = (
    "Recording, answering and changing questions is for board secretaries: you are signed "
    "in as a {role}, so you can read the log."
)


def _record_section(board: OrgBoard, filters: FilterState, org_name: str, access: Access) -> None:
    st.header("Record a question")
    if not access.can_edit_questions:
        st.info(READ_ONLY.format(role=access.role.name))
        return
    if not board.answers:
        st.info(f"There are no metrics with data for {org_name} in this period.")
        return
    by_id = {a.metric.metric_id: a for a in board.answers}
    metric_id = st.selectbox(
        "Metric the question is about",
        list(by_id),
        format_func=lambda m: f"{by_id[m].metric.metric_name} — {by_id[m].metric.board_question}",
        key="ask-metric",
    )
    answer = by_id[metric_id]
    st.write(f"**Current answer:** {answer.answer}")
    ask_question_form(
        filters.org_code,
        metric_id,
        answer.questions,
        key=f"ask-{filters.org_code}-{metric_id}",
        actor=access.actor,
    )


def _answer_form(q: BoardQuestion, access: Access) -> None:
    revision = question_edit.started_from(q)
    with st.form(key=f"answer-{q.question_id}", enter_to_submit=False):
        text = st.text_area("Answer", key=f"answer-text-{q.question_id}", max_chars=2000)
        if not st.form_submit_button("Save answer", type="primary"):
            return
    try:
        question_log().answer(q.question_id, text, actor=access.actor, revision=revision)
    except StaleEdit as error:
        question_edit.conflicted(q.question_id, error)
        st.rerun()
    except QuestionLogError as error:
        st.error(f"The answer was not saved: {error}")
    else:
        question_edit.finished(q.question_id)
        st.success("Answer saved; the question is now answered.")
        st.rerun()


def _open_section(org_code: str, names: dict[str, str], access: Access) -> None:
    st.header("Open questions")
    try:
        found = question_log().questions(org_code=org_code, status="open")
    except QuestionLogError as error:
        st.error(str(error))
        return
    if not found:
        st.write("No open questions for this organisation.")
        return
    for q in found:
        title = f"{names.get(q.metric_id, q.metric_id)}: due {day_short(q.due_date)}"
        with st.expander(title, expanded=False):
            st.text(q.question)
            st.caption(
                f"Owner: {q.owner} · asked {day_short(q.asked_on)}"
                + (f" by {q.asked_by}" if q.asked_by else "")
                + f" · {q.question_id}"
            )
            question_edit.show_conflict(q.question_id)
            if access.can_edit_questions:
                _answer_form(q, access)
                question_edit.edit_form(q, access)
            question_edit.history(q)


def _answered_section(org_code: str, names: dict[str, str], access: Access) -> None:
    st.header("Answered questions")
    found = question_log().questions(org_code=org_code, status="answered")
    if not found:
        st.write("No answered questions for this organisation yet.")
        return
    st.dataframe(answered_table(found, names), hide_index=True)
    by_id = {q.question_id: q for q in found}

    def label(qid: str | None) -> str:
        if qid is None:
            return "Choose a question"
        q = by_id[qid]
        return f"{names.get(q.metric_id, q.metric_id)}: {q.question[:80]}"

    chosen = st.selectbox(
        "Change an answered question, or see its history",
        [None, *by_id],
        format_func=label,
        key="answered-pick",
    )
    if chosen is None:
        return
    q = by_id[chosen]
    question_edit.show_conflict(q.question_id)
    if access.can_edit_questions:
        question_edit.edit_form(q, access)
    question_edit.history(q)


def _export_import_section(org_code: str, access: Access) -> None:
    st.header("Export and import")
    log = question_log()
    st.download_button(
        "Download this organisation's questions (CSV)",
        data=log.export_csv(org_code=org_code),
        file_name=f"board_questions_{org_code}.csv",
        mime="text/csv",
        on_click="ignore",
        key="export-org",
    )
    if access.scope.is_everything:  # the whole log holds every organisation's questions
        st.download_button(
            "Download the whole question log (CSV)",
            data=log.export_csv(),
            file_name="board_questions.csv",
            mime="text/csv",
            on_click="ignore",
            key="export-all",
        )
    if not access.can_edit_questions:
        return
    upload = st.file_uploader(
        "Import an exported question log (CSV): newer answers are kept",
        type=["csv"],
        key="import-log",
    )
    if upload is not None and st.button("Import questions", key="import-go"):
        try:
            report = log.import_bytes(upload.getvalue(), actor=access.actor)
        except QuestionLogError as error:
            st.error(str(error))
            return
        st.success(
            f"Imported {report.written} questions; {report.unchanged} were already up to date."
        )
        for line, reason in report.rejected:
            st.warning(f"Line {line} not imported: {reason}")


def render() -> None:
    """Draw the board question log for the organisation in the URL."""
    ctx, notes = _context()
    board = page_header(
        PAGE_TITLE,
        ctx,
        caption=f"Questions about {ctx.org_name}. Open questions also show beside their "
        "metric and in the board pack.",
        notes=notes,
        no_org="There are no organisations in the data yet.",
        stamp=False,
    )
    org_code = board.org_code
    names = data.metric_names()
    access = current_access()
    flash = st.session_state.pop(question_edit.FLASH, None)
    if flash:
        st.success(flash)
    _record_section(board, ctx.filters, ctx.org_name, access)
    _open_section(org_code, names, access)
    _answered_section(org_code, names, access)
    _export_import_section(org_code, access)
