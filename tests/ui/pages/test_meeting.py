"""Meeting mode in AppTest: steps through the priorities, from the URL, and turns off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from impact.board import build_board
from impact.board.question_ranking import TOP_OVERVIEW, TOP_PER_PRIORITY, ranked_questions
from impact.calendar import month_starts
from impact.filters import default_period
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.store import open_store
from tests.ui.apps import ranked_lists, through_entry

ORG = "XRA03"


def _meeting(**params: str) -> AppTest:
    return through_entry("meeting.py", "Meeting mode", "meeting", **params)


def _meeting_css_on(at: AppTest) -> bool:
    return any('section[data-testid="stSidebar"]' in h.proto.body for h in at.html)


def _default_period(demo_copy: Path) -> tuple[date, date]:
    """The period the pages show when the URL names none."""
    return default_period(month_starts(open_store(demo_copy).query("board_periods")["month"]))


def test_meeting_mode_steps_through_the_priorities(demo_copy: Path) -> None:
    at = _meeting(org=ORG, meeting="1")
    assert not at.exception
    assert at.toggle(key="meeting").value is True
    assert _meeting_css_on(at)
    # The summary first: the overview's matrix and the questions to ask first.
    assert at.title[0].value == "Summary"
    assert at.query_params["step"] == "summary"
    assert any('<table class="ipr-matrix"' in h.proto.body for h in at.html)
    assert any("<h3>Questions the board may wish to ask</h3>" in h.proto.body for h in at.html)
    assert at.button(key="meeting-previous").disabled
    at.button(key="meeting-next").click().run()
    assert at.title[0].value == PRIORITY_TITLES["elective"]
    assert not any('<table class="ipr-matrix"' in h.proto.body for h in at.html)
    board = build_board(open_store(demo_copy).query, ORG, *_default_period(demo_copy))
    headers = [h.value for h in at.header]
    for answer in board.by_priority("elective"):
        assert answer.metric.board_question in headers

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


def test_meeting_step_from_the_url_and_bad_step_falls_back(demo_copy: Path) -> None:
    at = _meeting(org=ORG, meeting="true", step="uec")
    assert at.title[0].value == PRIORITY_TITLES["uec"]
    at = _meeting(org=ORG, meeting="true", step="nonsense")
    assert not at.exception
    assert at.title[0].value == "Summary"


def test_turning_meeting_mode_off_brings_the_controls_back(demo_copy: Path) -> None:
    at = _meeting(org=ORG, meeting="1")
    assert _meeting_css_on(at)
    at.toggle(key="meeting").set_value(False).run()
    assert not _meeting_css_on(at)
    assert "meeting" not in at.query_params


def _ranked_metrics(at: AppTest) -> list[list[str]]:
    """The metric ids of each ranked questions list drawn, in the order drawn."""
    return [[metric for _, metric, _ in items] for items in ranked_lists(at)]


def test_meeting_mode_asks_the_same_top_questions_as_the_pages(demo_copy: Path) -> None:
    board = build_board(open_store(demo_copy).query, ORG, *_default_period(demo_copy))
    at = _meeting(org=ORG, meeting="1")
    ranked = [r.metric_id for r in ranked_questions(board)]
    assert _ranked_metrics(at)[:2] == [ranked[:TOP_OVERVIEW], ranked[TOP_OVERVIEW:]]
    at = _meeting(org=ORG, meeting="1", step="elective")
    elective = [r.metric_id for r in ranked_questions(board, "elective")]
    assert len(elective) > TOP_PER_PRIORITY
    assert _ranked_metrics(at) == [elective[:TOP_PER_PRIORITY], elective[TOP_PER_PRIORITY:]]
    assert [e.label for e in at.expander] == [
        f"More questions ({len(elective) - TOP_PER_PRIORITY})"
    ]
