"""The SPC points of every metric at once: each carries its target in force and its rebases."""

from datetime import date

import pandas as pd

from impact.board.metrics import load_metrics
from impact.board.points import run_spc
from impact.board.targets import target_history
from tests.board.fake_queries import MONTHS, TARGETS, fake_query, observations


def test_targets_and_rebases_reach_each_point():
    metrics = {m.metric_id: m for m in load_metrics(fake_query(), ("uec",))}
    obs = observations("T1", 60.0)
    histories = {m: target_history(TARGETS, m, "T1") for m in metrics}
    points = run_spc(obs, metrics, histories, {"ae_4hr": {date(2024, 10, 1)}})
    ae = points[points["metric_id"] == "ae_4hr"].set_index("period_start")
    assert ae.loc[pd.Timestamp("2024-03-01"), "target"] == 76.0
    assert ae.loc[pd.Timestamp("2025-03-01"), "target"] == 85.0  # the trust's own target
    assert set(ae["rebase_group"]) == {0, 1}
    waits = points[points["metric_id"] == "waits_12hr"]
    assert waits["target"].isna().all() and set(waits["rebase_group"]) == {0}
    assert len(points) == 2 * len(MONTHS)


def test_no_observations_no_points():
    assert run_spc(observations("T1", 60.0).iloc[0:0], {}, {}, {}).empty
