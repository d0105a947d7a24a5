"""Changing or deleting one question, with its history, safe when two people edit at once.

The revision a secretary started from is kept in ``st.session_state`` from the moment the
question is drawn, and every change names it (:meth:`impact.question_log.QuestionLog.edit`).
Only the fields the secretary changed are sent. If someone else saved first, the change is
refused with a clear message and the form is rebased on the new revision: the fields the
secretary changed keep their text, the others take the other person's values, so saving
again applies the change on top and neither person's change is lost.
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


#: Session-state key prefix of the values the edit started from (to see what was changed).
BASE = "question-base-"
#: Session-state key prefix: the question moved on; rebase the form at the next draw.
REBASE = "question-rebase-"
#: Each form field's key suffix and the :meth:`QuestionLog.edit` argument it fills.
FIELDS = {"question": "question", "owner": "owner", "due": "due_date", "answer": "answer"}


def _values(q: BoardQuestion) -> dict[str, object]:
    """The form's fields as stored in ``q`` (the answer only once answered)."""
    values: dict[str, object] = {"question": q.question, "owner": q.owner, "due": q.due_date}
    if q.status == "answered":
        values["answer"] = q.answer or ""
    return values


def _key(question_id: str, field: str) -> str:
    return f"edit-{question_id}-{field}"


def started_from(q: BoardQuestion) -> int:
    """The revision this session's edit of ``q`` started from (set when first drawn).

    After a conflict the form is rebased on the question as it is now: a field this
    session changed keeps its text, every other field takes the other person's value.
    """
    qid = q.question_id
    state = st.session_state
    now = _values(q)
    if REVISION + qid not in state:
        state[REVISION + qid] = q.revision
        state[BASE + qid] = now
        for field, value in now.items():
            state[_key(qid, field)] = value
    elif state.pop(REBASE + qid, False):
        base = state[BASE + qid]
        for field, value in now.items():
            mine = state.get(_key(qid, field), base.get(field))
            if field not in base or mine == base[field]:
                state[_key(qid, field)] = value
        state[REVISION + qid] = q.revision
        state[BASE + qid] = now
    for field, value in now.items():  # a form not drawn last run forgets its values
        state.setdefault(_key(qid, field), value)
    return int(state[REVISION + qid])


def changed_fields(question_id: str) -> dict[str, object]:
    """The fields this session changed since the revision it started from, as edit arguments."""
    state = st.session_state
    base = state.get(BASE + question_id, {})
    return {
        FIELDS[field]: state[_key(question_id, field)]
        for field in base
        if _key(question_id, field) in state and state[_key(question_id, field)] != base[field]
    }


def finished(question_id: str) -> None:
    """The change landed: the next draw starts from the stored question again."""
    for prefix in (REVISION, BASE, REBASE):
        st.session_state.pop(prefix + question_id, None)


def conflicted(question_id: str, error: StaleEdit) -> None:
    """Someone else saved first: say so, and rebase this session's form at the next draw."""
    now = question_log().get(question_id)
    if now is None:
        finished(question_id)
        st.session_state[CONFLICT + question_id] = str(error)
        return
    st.session_state[REBASE + question_id] = True
    st.session_state[CONFLICT + question_id] = (
        f"Not saved: someone else changed this question while you were editing it (it is "
        f"now at revision {now.revision}; their change is in the form and in the history "
        "below). What you changed is still in the form: check it and save again to apply "
        "it on top."
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


def _save(qid: str, revision: int, access: Access) -> None:
    """Send the fields this session changed, naming the revision it started from."""
    changes = changed_fields(qid)
    if not changes:
        st.info("Nothing to save: no field was changed.")
        return
    try:
        question_log().edit(qid, revision=revision, actor=access.actor, **changes)
    except StaleEdit as error:
        conflicted(qid, error)
        st.rerun()
    except QuestionLogError as error:
        st.error(f"Not saved: {error}")
    else:
        finished(qid)
        st.success("Changes saved.")
        st.rerun()


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
        _save(qid, revision, access)
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
