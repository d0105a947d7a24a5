"""Whether a URL asks for meeting mode, and which priority step it puts on screen."""

import pytest

from impact.priorities import BOARD_PRIORITIES
from impact.ui.meeting_mode import MEETING_CSS, meeting_requested
from impact.ui.pages.meeting import current_step


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " yes ", "on", ["0", "1"]])
def test_meeting_mode_switches_on(value):
    assert meeting_requested({"meeting": value})


@pytest.mark.parametrize("value", [None, "", "0", "false", "maybe", []])
def test_meeting_mode_stays_off(value):
    assert not meeting_requested({"meeting": value} if value is not None else {})


def test_the_step_is_a_known_priority_else_the_first():
    assert current_step({"step": "uec"}, BOARD_PRIORITIES) == "uec"
    assert current_step({"step": ["elective", "primary_care"]}, BOARD_PRIORITIES) == "primary_care"
    assert current_step({"step": "<script>"}, BOARD_PRIORITIES) == "elective"
    assert current_step({}, BOARD_PRIORITIES) == "elective"


def test_the_meeting_look_hides_the_sidebar():
    assert 'section[data-testid="stSidebar"]' in MEETING_CSS and "display: none" in MEETING_CSS
