"""Editing and deleting questions on the page: history shown, two sessions lose nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.question_log import open_log
from tests.ui.apps import VIEWS

ORG = "XRA03"


def _page() -> AppTest:
    at = AppTest.from_file(str(VIEWS / "questions.py"), default_timeout=60)
    at.query_params["org"] = ORG
    at.run()
    assert not at.exception, at.exception
    return at


def _one_question(folder: Path) -> str:
    log = open_log(folder)
    q = log.add(
        org_code=ORG,
        metric_id="ae_4hr_all",
        question="Why did four-hour performance fall?",
        owner="Chief Operating Officer",
        due_date=date.today() + timedelta(days=14),
    )
    return q.question_id


def _save(at: AppTest, qid: str) -> AppTest:
    at.button(key=f"FormSubmitter:edit-{qid}-Save changes").click().run()
    assert not at.exception, at.exception
    return at


def test_two_sessions_editing_one_question_lose_nothing(demo_copy: Path) -> None:
    qid = _one_question(demo_copy)
    first, second = _page(), _page()  # both opened the question at revision 1
    assert first.text_area(key=f"edit-{qid}-question").value == (
        "Why did four-hour performance fall?"
    )

    first.text_input(key=f"edit-{qid}-owner").set_value("Chief Nurse")
    _save(first, qid)
    assert open_log(demo_copy).get(qid).owner == "Chief Nurse"

    second.text_area(key=f"edit-{qid}-question").set_value("Why did it fall in winter?")
    _save(second, qid)
    conflict = [e.value for e in second.error if "someone else changed" in e.value]
    assert conflict and "revision 2" in conflict[0]
    stored = open_log(demo_copy).get(qid)
    assert (stored.question, stored.owner, stored.revision) == (
        "Why did four-hour performance fall?",
        "Chief Nurse",
        2,
    )
    # The second session's text is still in its form; saving again lands on top.
    assert second.text_area(key=f"edit-{qid}-question").value == "Why did it fall in winter?"
    _save(second, qid)
    assert not [e for e in second.error if "someone else" in e.value]
    stored = open_log(demo_copy).get(qid)
    assert (stored.question, stored.owner, stored.revision) == (
        "Why did it fall in winter?",
        "Chief Nurse",
        3,
    )

    history = _page().dataframe[0].value  # the open question's history, newest first
    edits = history[history["Change"].str.startswith("edited")]
    assert list(edits["Field"]) == ["question", "owner"]
    assert list(edits["After"]) == ["Why did it fall in winter?", "Chief Nurse"]
    assert list(edits["Who"]) == ["anonymous", "anonymous"]


def test_a_question_is_deleted_only_once_confirmed_and_its_history_stays(
    demo_copy: Path,
) -> None:
    qid = _one_question(demo_copy)
    at = _page()
    assert at.button(key=f"delete-{qid}").disabled
    at.checkbox(key=f"delete-sure-{qid}").check().run()
    at.button(key=f"delete-{qid}").click().run()
    assert not at.exception, at.exception
    assert any(f"Question {qid} deleted" in s.value for s in at.success)
    assert open_log(demo_copy).get(qid) is None
    assert [c.action for c in open_log(demo_copy).history(qid)][-1] == "deleted"


def test_a_delete_after_someone_elses_edit_is_refused(demo_copy: Path) -> None:
    qid = _one_question(demo_copy)
    at = _page()
    open_log(demo_copy).edit(qid, revision=1, owner="Medical Director", actor="other")
    at.checkbox(key=f"delete-sure-{qid}").check().run()
    at.button(key=f"delete-{qid}").click().run()
    assert any("someone else changed" in e.value for e in at.error)
    assert open_log(demo_copy).get(qid).owner == "Medical Director"
