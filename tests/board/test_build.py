"""Building one organisation's board: latest value, target, SPC result and answer per metric."""

from datetime import date

import pandas as pd
import pytest

from impact.board.build import build_board
from tests.board.fake_queries import METRICS, fake_query
from tests.board.test_points import shifting_observations


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


def test_an_automatic_limits_metric_answers_from_its_recalculated_period():
    """ae_4hr steps up halfway; with limits=auto the answer's mean and limits are the new
    period's, and the chart's points say where it restarted and why."""
    base = fake_query()
    obs = shifting_observations()

    def query(name: str, **params):
        if name == "board_metrics":
            return METRICS.assign(chart=["pp", "c", None], limits=["auto", "auto", None])
        if name == "board_observations":
            return obs
        if name == "board_events":
            return base(name, **params).iloc[0:0]
        if name == "board_data_as_at":
            return pd.DataFrame({"latest_period": [obs["period_start"].max()]})
        return base(name, **params)

    board = build_board(query, "T1", date(2020, 10, 1), date(2025, 9, 1))
    ae = board.answer("ae_4hr")
    restart = ae.points.loc[ae.points["limits_change"] == "recalculated", "period_start"]
    assert len(restart) == 1
    period = ae.points[ae.points["period_start"] >= restart.iloc[0]]
    assert ae.mean == pytest.approx(period["mean"].iloc[-1]) and ae.mean > 75.0
    assert ae.upl == pytest.approx(period["upl"].iloc[-1])
    assert ae.points["mean"].iloc[0] < 72.0  # the first period stays at about 70%
    assert ae.variation != "special_cause_improvement"  # judged against the new limits
    assert "Charted as" not in ae.answer
