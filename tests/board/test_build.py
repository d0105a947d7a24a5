"""Building one organisation's board: latest value, target, SPC result and answer per metric."""

from datetime import date

from impact.board.build import build_board
from tests.board.fake_queries import fake_query


def test_board_answers_for_an_organisation():
    board = build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    assert [m.metric_id for m in board.missing] == ["gp_same_day"]
    ae = board.answer("ae_4hr")
    assert ae.latest_period == date(2025, 9, 1)
    assert ae.target == 85.0 and ae.target_text == "85%"
    assert ae.assurance == "consistent_fail"  # 85 % is far above what ~60 % can reach
    assert ae.assurance_label == "Consistently failing the target"
    assert set(ae.points["rebase_group"]) == {0, 1}  # the rebase event restarted the limits
    assert ae.points.loc[ae.points["period_start"] == "2024-09-01", "target"].item() == 80.0
    assert ae.answer.strip()
    waits = board.answer("waits_12hr")
    assert waits.variation == "special_cause_concern"
    assert waits.target is None and waits.assurance is None
    assert not ae.stale and not waits.stale


def test_changing_the_organisation_changes_the_numbers():
    low = build_board(fake_query(60.0), "T1", date(2023, 10, 1), date(2025, 9, 1))
    high = build_board(fake_query(90.0), "T2", date(2023, 10, 1), date(2025, 9, 1))
    assert low.answer("ae_4hr").latest_value != high.answer("ae_4hr").latest_value
    assert high.answer("ae_4hr").target == 80.0  # T2 has no local target
