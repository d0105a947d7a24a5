"""Targets in force: an organisation's own target beats the national one from its date."""

from datetime import date

from impact.board.targets import target_history, target_on
from tests.board.fake_queries import TARGETS


def test_org_target_beats_national_from_its_date():
    history = target_history(TARGETS, "ae_4hr", "T1")
    assert target_on(history, date(2024, 1, 1))[0] == 76.0
    assert target_on(history, date(2024, 6, 1)) == (80.0, "plan 24/25")
    assert target_on(history, date(2025, 3, 1)) == (85.0, "local plan")
    other = target_history(TARGETS, "ae_4hr", "T2")
    assert target_on(other, date(2025, 3, 1))[0] == 80.0
    assert target_on(other, date(2020, 1, 1)) == (None, None)
    assert target_history(TARGETS, "no_target", "T1").empty
