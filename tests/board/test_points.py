"""The SPC points of every metric at once: each carries its target in force and its rebases."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from impact.board.chart_choice import ChartSpec
from impact.board.metrics import load_metrics
from impact.board.points import run_spc, spc_points_and_summary
from impact.board.targets import target_history
from impact.spc import auto_limits
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


def shifting_observations() -> pd.DataFrame:
    """60 months of a percentage that steps from ~70% to ~78% halfway, with its counts."""
    rng = np.random.default_rng(11)
    months = pd.date_range("2020-10-01", periods=60, freq="MS")
    denominator = rng.integers(8000, 12000, 60).astype(float)
    numerator = rng.binomial(denominator.astype(int), np.r_[[0.70] * 30, [0.78] * 30])
    return pd.DataFrame(
        {
            "metric_id": "ae_4hr",
            "org_code": "T1",
            "period_start": months,
            "value": (100 * numerator / denominator).round(1),
            "numerator": numerator.astype(float),
            "denominator": denominator,
        }
    )


def test_automatic_limits_restart_where_the_algorithm_finds_the_shift():
    metrics = {m.metric_id: m for m in load_metrics(fake_query(), ("uec",))}
    obs = shifting_observations()
    specs = {"ae_4hr": ChartSpec("pp", "auto")}
    histories = {m: target_history(TARGETS, m, "T1") for m in metrics}
    points, summary = spc_points_and_summary(obs, metrics, histories, {}, specs)
    limits = auto_limits(
        obs, chart="pp", numerator_col="numerator", denominator_col="denominator",
        date_col="period_start",
    )  # fmt: skip
    calc = limits[limits["period_type"] == "calculation"]
    (start,) = sorted(set(calc["period_start"]))[1:]
    assert points.loc[points["limits_change"] == "recalculated", "period_start"].tolist() == [start]
    assert set(points["rebase_group"]) == {0, 1}
    later = points[points["period_start"] >= start]
    assert (later["rebase_group"] == 1).all()
    # the period's limits come from its first 21 points, autospc's calculation period
    first21 = obs[obs["period_start"] >= start].head(21)
    expected = 100 * first21["numerator"].sum() / first21["denominator"].sum()
    assert later["mean"].iloc[-1] == pytest.approx(expected)
    assert later["mean"].iloc[-1] == pytest.approx(calc["mean"].iloc[-1])  # autospc's too
    assert set(points["chart"]) == {"pp"} and set(points["limits_mode"]) == {"auto"}
    assert summary.loc[summary["rebase_group"] == 1, "mean"].item() == pytest.approx(expected)


def test_fixed_limits_keep_one_period_through_the_same_shift():
    metrics = {m.metric_id: m for m in load_metrics(fake_query(), ("uec",))}
    specs = {"ae_4hr": ChartSpec("pp", "fixed")}
    histories = {m: target_history(TARGETS, m, "T1") for m in metrics}
    points = run_spc(shifting_observations(), metrics, histories, {}, specs)
    assert set(points["rebase_group"]) == {0} and not (points["limits_change"] != "").any()


def test_a_percentage_without_counts_is_charted_as_xmr_with_a_note():
    metrics = {m.metric_id: m for m in load_metrics(fake_query(), ("uec",))}
    obs = observations("T1", 60.0)  # no numerators or denominators
    histories = {m: target_history(TARGETS, m, "T1") for m in metrics}
    points = run_spc(obs, metrics, histories, {}, {"ae_4hr": ChartSpec("pp", "fixed")})
    ae = points[points["metric_id"] == "ae_4hr"]
    assert set(ae["chart"]) == {"i"}
    assert ae["chart_note"].iloc[0].startswith("Charted as an XmR chart, not a Laney p′ chart")
    assert (points.loc[points["metric_id"] == "waits_12hr", "chart_note"] == "").all()
