"""The outlook of each dated target: known answers from series whose fate is plain."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from impact.board import build_board
from impact.board.outlook import current_period, dated_targets, target_outlooks
from tests.board.fake_queries import METRICS

MONTHS = pd.date_range("2024-01-01", periods=24, freq="MS")  # to December 2025


def _query(values: np.ndarray, *, effective_to: str | None = "2026-03-31", events=()):
    targets = pd.DataFrame(
        {
            "metric_id": ["ae_4hr", "ae_4hr"],
            "org_code": [None, None],
            "target_value": [76.0, 78.0],
            "effective_from": pd.to_datetime(["2023-04-01", "2025-04-01"]),
            "effective_to": pd.to_datetime(["2025-03-31", effective_to]),
            "source": ["old plan", "plan 25/26: 78% in March 2026"],
        }
    )

    def query(name: str, **params):
        if name == "board_metrics":
            return METRICS
        if name == "board_observations":
            return pd.DataFrame(
                {
                    "metric_id": "ae_4hr",
                    "org_code": params["org_code"],
                    "period_start": MONTHS,
                    "value": values,
                    "numerator": np.nan,
                    "denominator": np.nan,
                }
            )
        if name == "board_targets":
            return targets
        if name == "board_events":
            return pd.DataFrame(
                {
                    "metric_id": ["ae_4hr"] * len(events),
                    "org_code": ["T1"] * len(events),
                    "event_date": pd.to_datetime(list(events)),
                    "description": ["change"] * len(events),
                    "rebase": [True] * len(events),
                }
            )
        if name == "board_projects_for_org":
            return pd.DataFrame({"project_id": [], "metric_id": [], "status": []})
        if name == "board_data_as_at":
            return pd.DataFrame({"latest_period": [MONTHS[-1]], "observations": [24]})
        raise AssertionError(f"unexpected query {name}")

    return query


def _answer(values, **kwargs):
    board = build_board(
        _query(np.asarray(values, float), **kwargs), "T1", date(2024, 1, 1), date(2025, 12, 1)
    )
    return board.answer("ae_4hr")


def _noise(level: float) -> np.ndarray:
    return level + np.random.default_rng(3).normal(0, 0.8, len(MONTHS)).round(1)


def test_only_targets_ending_at_or_after_the_latest_point_are_judged():
    answer = _answer(_noise(70))
    assert dated_targets(answer) == [(78.0, date(2026, 3, 1), "plan 25/26: 78% in March 2026")]
    assert _answer(_noise(70), effective_to=None) is not None
    assert target_outlooks(_answer(_noise(70), effective_to=None)) == []


def test_a_stable_process_far_below_its_target_will_very_likely_miss_it():
    (outlook,) = target_outlooks(_answer(_noise(70)))
    assert outlook.outlook.method == "stable"
    assert outlook.outlook.probability < 0.001
    assert outlook.outlook.months_ahead == 3
    latest = _noise(70)[-1]
    assert outlook.outlook.needed_per_month == pytest.approx((78 - latest) / 3)
    assert outlook.sentence.startswith(
        "Will we reach 78% by March 2026? Very unlikely — less than 1 in 100, "
        "if the current process continues. It needs an average improvement of "
    )


def test_a_stable_process_well_above_its_target_will_very_likely_meet_it():
    (outlook,) = target_outlooks(_answer(_noise(86)))
    assert outlook.outlook.probability > 0.999
    assert "Very likely — more than 99 in 100" in outlook.sentence
    assert "already meets it" in outlook.sentence
    assert outlook.to_dict()["probability"] == outlook.outlook.probability
    assert outlook.to_dict()["target_period"] == "2026-03-01"


def test_the_outlook_uses_only_the_points_since_the_limits_last_changed():
    values = np.r_[np.full(6, 50.0), _noise(76)[6:]]
    answer = _answer(values, events=("2024-07-01",))
    current = current_period(answer.points)
    assert current["period_start"].min() == pd.Timestamp("2024-07-01")
    (outlook,) = target_outlooks(answer)
    assert outlook.outlook.expected == pytest.approx(float(np.mean(values[6:])))


def test_a_short_current_process_gets_no_chance_and_says_why():
    answer = _answer(_noise(70), events=("2025-06-01",))
    (outlook,) = target_outlooks(answer)
    assert outlook.outlook is None
    assert outlook.sentence == (
        "No outlook yet for 78% by March 2026: the current process has 7 months since its "
        "limits last changed, and a chance needs at least 12."
    )


def test_a_trend_signal_projects_the_trend():
    values = np.r_[_noise(70)[:16], 70 + np.arange(1, 9) * 1.0]  # rising for 8 months
    (outlook,) = target_outlooks(_answer(values))
    assert outlook.outlook.method == "trend"
    assert outlook.outlook.trend_per_month is not None
    assert "if the current trend continues" in outlook.sentence
