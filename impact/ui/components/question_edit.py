"""Changing or deleting one question, with its history, safe when two people edit at once.

The revision a secretary started from is kept in ``st.session_state`` from the moment the
question is drawn, and every change names it (:meth:`impact.question_log.QuestionLog.edit`).
If someone else saved first, the change is refused with a clear message, the other
person's version is shown, and the secretary's own text stays in the form, now based on
the new revision, so saving again applies it on top: neither change is lost.
"""

from __future__ import annotations

import streamlit as st

from impact.access import Access
from impact.question_log import BoardQuestion, QuestionLogError, StaleEdit
from impact.question_log_changes import changes_table
from impact.ui.components.question_log import question_log

#: Session-state key prefix of the revision an edit of a question started from.
REVISION = "question-revision-"
#: Session-state key prefix of a conflict message to show after the rerun.
CONFLICT = "question-conflict-"
#: Session-state key of a message for the top of the page after the rerun (a deletion).
FLASH = "question-log-flash"


def _fields(q: BoardQuestion) -> dict[str, object]:
    fields: dict[str, object] = {
        f"edit-{q.question_id}-question": q.question,
        f"edit-{q.question_id}-owner": q.owner,
        f"edit-{q.question_id}-due": q.due_date,
    }
    if q.status == "answered":
        fields[f"edit-{q.question_id}-answer"] = q.answer or ""
    return fields


def started_from(q: BoardQuestion) -> int:
    """The revision this session's edit of ``q`` started from (set when first drawn)."""
    key = REVISION + q.question_id
    if key not in st.session_state:
        st.session_state[key] = q.revision
        for name, value in _fields(q).items():
            st.session_state[name] = value
    for name, value in _fields(q).items():  # a form not drawn last run forgets its values
        st.session_state.setdefault(name, value)
    return int(st.session_state[key])


def finished(question_id: str) -> None:
    """The change landed: the next draw starts from the stored question again."""
    st.session_state.pop(REVISION + question_id, None)


def conflicted(question_id: str, error: StaleEdit) -> None:
    """Someone else saved first: say so, and base this session's text on their revision."""
    now = question_log().get(question_id)
    if now is None:
        finished(question_id)
        st.session_state[CONFLICT + question_id] = str(error)
        return
    st.session_state[REVISION + question_id] = now.revision
    for name, value in _fields(now).items():  # fields the old version had no box for
        st.session_state.setdefault(name, value)
    st.session_state[CONFLICT + question_id] = (
        f"Not saved: someone else changed this question while you were editing it (it is "
        f"now at revision {now.revision}; their change is in the history below). Your text "
        "is still in the form: check it against theirs and save again to apply it on top."
    )


def show_conflict(question_id: str) -> None:
    message = st.session_state.pop(CONFLICT + question_id, None)
    if message:
        st.error(message, icon=":material/sync_problem:")


def history(q: BoardQuestion) -> None:
    """The question's changes (who, when, what), newest first."""
    st.markdown("**History of changes**")
    st.dataframe(
        changes_table(question_log().history(q.question_id)),
        hide_index=True,
        width="stretch",
        key=f"history-{q.question_id}",
    )


def edit_form(q: BoardQuestion, access: Access) -> None:
    """The form that changes a question's text, owner, due date (and answer, once answered),
    and the delete control; both name the revision the session started from."""
    revision = started_from(q)
    qid = q.question_id
    with st.form(key=f"edit-{qid}", enter_to_submit=False):
        st.markdown("**Change this question**")
        st.text_area("Question", key=f"edit-{qid}-question", max_chars=2000)
        left, right = st.columns(2)
        left.text_input("Owner", key=f"edit-{qid}-owner")
        right.date_input("Due by", key=f"edit-{qid}-due", format="DD/MM/YYYY")
        if q.status == "answered":
            st.text_area("Answer", key=f"edit-{qid}-answer", max_chars=2000)
        saved = st.form_submit_button("Save changes")
    if saved:
        state = st.session_state
        try:
            question_log().edit(
                qid,
                revision=revision,
                actor=access.actor,
                question=state[f"edit-{qid}-question"],
                owner=state[f"edit-{qid}-owner"],
                due_date=state[f"edit-{qid}-due"],
                answer=state.get(f"edit-{qid}-answer") if q.status == "answered" else None,
            )
        except StaleEdit as error:
            conflicted(qid, error)
            st.rerun()
        except QuestionLogError as error:
            st.error(f"Not saved: {error}")
        else:
            finished(qid)
            st.success("Changes saved.")
            st.rerun()
    sure = st.checkbox("Yes, delete this question", key=f"delete-sure-{qid}")
    if st.button("Delete question", key=f"delete-{qid}", disabled=not sure):
        try:
            question_log().delete(qid, revision=revision, actor=access.actor)
        except StaleEdit as error:
            conflicted(qid, error)
        except QuestionLogError as error:
            st.error(f"Not deleted: {error}")
            return
        else:
            finished(qid)
            st.session_state[FLASH] = f"Question {qid} deleted; its history is kept."
        st.rerun()
