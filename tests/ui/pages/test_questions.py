"""The board question log in AppTest: record, answer and keep a question across sessions."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.apps import VIEWS

ORG = "XRA03"
TIMEOUT = 60


def _questions(**params: str) -> AppTest:
    at = AppTest.from_file(str(VIEWS / "questions.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_question_log_add_answer_and_persist_across_runs(demo_copy: Path) -> None:
    at = _questions(org=ORG)
    assert not at.exception
    assert at.title[0].value == "Board question log"
    metric_id = at.selectbox(key="ask-metric").value
    prefix = f"ask-{ORG}-{metric_id}"
    suggested = at.selectbox(key=f"{prefix}-pick").options
    question = at.text_area(key=f"{prefix}-text")
    assert question.value == suggested[0]  # the generated question, pre-filled
    question.set_value("What is behind this, and when will we know more?")
    at.text_input(key=f"{prefix}-owner").set_value("Chief Operating Officer")
    at.button(key=f"FormSubmitter:{prefix}-form-Record question").click().run()
    assert not at.exception
    assert any("Question recorded" in s.value for s in at.success)

    # A new session (as after a restart): the question is still there, open.
    fresh = _questions(org=ORG)
    labels = [e.label for e in fresh.expander]
    assert len(labels) == 1
    texts = [t.value for t in fresh.text]
    assert "What is behind this, and when will we know more?" in texts
    answer_key = next(k for k in _widget_keys(fresh) if k.startswith("answer-text-"))
    fresh.text_area(key=answer_key).set_value("Staffing gaps at night; a plan comes in May.")
    question_id = answer_key.removeprefix("answer-text-")
    fresh.button(key=f"FormSubmitter:answer-{question_id}-Save answer").click().run()
    assert not fresh.exception

    again = _questions(org=ORG)
    assert [e.label for e in again.expander] == []
    answered = again.dataframe[0].value
    assert list(answered["Answer"]) == ["Staffing gaps at night; a plan comes in May."]
    assert (demo_copy / "board_questions.duckdb").exists()


def test_question_log_refuses_a_question_without_owner(demo_copy: Path) -> None:
    at = _questions(org=ORG)
    metric_id = at.selectbox(key="ask-metric").value
    prefix = f"ask-{ORG}-{metric_id}"
    at.button(key=f"FormSubmitter:{prefix}-form-Record question").click().run()
    assert any("owner is required" in e.value for e in at.error)
    assert [e.label for e in _questions(org=ORG).expander] == []


def _widget_keys(at: AppTest) -> list[str]:
    return [w.key for w in at.text_area if w.key]
