"""AppTest: meeting mode steps through the priorities; the question log records, answers, keeps."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.board import build_board
from impact.calendar import month_starts
from impact.filters import default_period
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.store import open_store, reset_stores

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
ORG = "XRA03"
TIMEOUT = 60

#: A minimal entry point doing what dashboard.py does before a page runs (filters into the
#: board context), so meeting mode is tested as the navigation runs it.
ENTRY = """
import streamlit as st
from impact.filters import parse_filters
from impact.ui import data
from impact.ui.context import BoardContext, set_context

data.refresh()
tree = data.org_tree()
months = data.months()
metric_ids = list(data.metric_names())
filters, notes = parse_filters(st.query_params.to_dict(), tree, months, metric_ids)
set_context(BoardContext(tree, months, metric_ids, filters, notes))
page = st.navigation([st.Page({page!r}, title="Meeting mode", url_path="meeting")],
                     position="hidden")
page.run()
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not DEMO.is_dir():
        pytest.skip("the shipped demo data (data/demo) is missing")
    folder = tmp_path / "data"
    folder.mkdir()
    for source in DEMO.glob("*.csv"):
        shutil.copy(source, folder / source.name)
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    reset_stores()
    yield folder
    reset_stores()


def _meeting(**params: str) -> AppTest:
    at = AppTest.from_string(
        ENTRY.format(page=str(ROOT / "views" / "meeting.py")), default_timeout=TIMEOUT
    )
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _meeting_css_on(at: AppTest) -> bool:
    return any('section[data-testid="stSidebar"]' in h.proto.body for h in at.html)


def test_meeting_mode_steps_through_the_priorities(data: Path) -> None:
    at = _meeting(org=ORG, meeting="1")
    assert not at.exception
    assert at.toggle(key="meeting").value is True
    assert _meeting_css_on(at)
    assert at.title[0].value == PRIORITY_TITLES["elective"]
    board = build_board(open_store(data).query, ORG, *_default_period(data))
    headers = [h.value for h in at.header]
    for answer in board.by_priority("elective"):
        assert answer.metric.board_question in headers
    assert at.button(key="meeting-previous").disabled

    at.button(key="meeting-next").click().run()
    assert at.title[0].value == PRIORITY_TITLES["uec"]
    assert at.query_params["step"] == "uec"
    headers = [h.value for h in at.header]
    for answer in board.by_priority("uec"):
        assert answer.metric.board_question in headers

    at.button(key="meeting-next").click().run()
    assert at.title[0].value == PRIORITY_TITLES["primary_care"]
    assert at.button(key="meeting-next").disabled
    at.button(key="meeting-previous").click().run()
    assert at.title[0].value == PRIORITY_TITLES["uec"]
    assert len(BOARD_PRIORITIES) == 3


def test_meeting_step_from_the_url_and_bad_step_falls_back(data: Path) -> None:
    at = _meeting(org=ORG, meeting="true", step="uec")
    assert at.title[0].value == PRIORITY_TITLES["uec"]
    at = _meeting(org=ORG, meeting="true", step="nonsense")
    assert not at.exception
    assert at.title[0].value == PRIORITY_TITLES["elective"]


def test_turning_meeting_mode_off_brings_the_controls_back(data: Path) -> None:
    at = _meeting(org=ORG, meeting="1")
    assert _meeting_css_on(at)
    at.toggle(key="meeting").set_value(False).run()
    assert not _meeting_css_on(at)
    assert "meeting" not in at.query_params


def _default_period(data: Path) -> tuple[date, date]:
    """The period the pages show when the URL names none."""
    return default_period(month_starts(open_store(data).query("board_periods")["month"]))


def _questions(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / "questions.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_question_log_add_answer_and_persist_across_runs(data: Path) -> None:
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
    assert (data / "board_questions.duckdb").exists()


def test_question_log_refuses_a_question_without_owner(data: Path) -> None:
    at = _questions(org=ORG)
    metric_id = at.selectbox(key="ask-metric").value
    prefix = f"ask-{ORG}-{metric_id}"
    at.button(key=f"FormSubmitter:{prefix}-form-Record question").click().run()
    assert any("owner is required" in e.value for e in at.error)
    assert [e.label for e in _questions(org=ORG).expander] == []


def _widget_keys(at: AppTest) -> list[str]:
    return [w.key for w in at.text_area if w.key]
