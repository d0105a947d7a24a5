"""Targets in force: an organisation's own beats the national one from its date; a relative
target is worked out from the organisation's own baseline month."""

from datetime import date

import pandas as pd
import pytest

from impact.board.targets import (
    relative_target,
    rule_text_on,
    target_histories,
    target_history,
    target_on,
)
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


# -- relative targets (improve_on_baseline) ------------------------------------------------


def test_five_points_above_the_march_baseline():
    target, words = relative_target(
        58.1, 5.0, "increase", unit="percent", baseline_period=date(2025, 3, 1)
    )
    assert target == pytest.approx(63.1)
    assert words == "5 points above March 2025's 58.1% = 63.1%"


def test_lower_is_better_takes_the_improvement_off_and_a_floor_binds():
    target, words = relative_target(
        9.0, 2.0, "decrease", unit="minutes", baseline_period=date(2025, 3, 1), floor=6.5
    )
    assert target == 6.5
    assert words == (
        "2 minutes below March 2025's 9 minutes = 7 minutes, raised to the floor of 6.5 minutes"
    )
    target, words = relative_target(
        55.0, 7.0, "increase", unit="percent", baseline_period=date(2026, 3, 1), floor=65.0
    )
    assert target == 65.0 and words.endswith("= 62%, raised to the floor of 65%")
    assert relative_target(70.0, 7.0, "increase", unit="percent", floor=65.0)[0] == 77.0
    assert relative_target(97.0, 5.0, "increase", unit="percent")[0] == 100.0  # at most 100%


def test_no_baseline_no_target():
    target, words = relative_target(
        None, 5.0, "increase", unit="percent", baseline_period=date(2025, 3, 1)
    )
    assert target is None and words == "5 points better than March 2025, which has no figure"


def _relative(baseline: float | None) -> pd.DataFrame:
    """The national 65% and the relative rule of 2025/26, as board_targets gives them."""
    return pd.DataFrame(
        {
            "metric_id": ["rtt", "rtt", "rtt"],
            "org_code": [None, None, None],
            "target_value": [65.0, None, 70.0],
            "effective_from": pd.to_datetime(["2025-04-01", "2025-04-01", "2026-04-01"]),
            "effective_to": pd.to_datetime(["2026-03-31", "2026-03-31", None]),
            "source": ["65% nationally", "every trust 5 points better", "70% nationally"],
            "target_rule": [None, "improve_on_baseline", None],
            "baseline_period": pd.to_datetime([None, "2025-03-01", None]),
            "improvement": [None, 5.0, None],
            "floor": [None, None, None],
            "baseline_value": [None, baseline, None],
            "improvement_direction": ["increase"] * 3,
            "unit": ["percent"] * 3,
        }
    )


def test_the_relative_target_is_worked_out_per_organisation_and_replaces_the_national():
    history = target_history(_relative(58.1), "rtt", "T1")
    assert target_on(history, date(2025, 9, 1)) == (
        pytest.approx(63.1),
        "every trust 5 points better",
    )
    assert rule_text_on(history, date(2025, 9, 1)) == "5 points above March 2025's 58.1% = 63.1%"
    assert target_on(history, date(2026, 6, 1))[0] == 70.0  # the next year's national target
    assert rule_text_on(history, date(2026, 6, 1)) == ""
    assert len(history) == 2  # the national 65% row of 2025/26 is replaced


def test_without_a_baseline_the_national_target_still_applies():
    history = target_history(_relative(None), "rtt", "T1")
    assert target_on(history, date(2025, 9, 1)) == (65.0, "65% nationally")
    assert rule_text_on(history, date(2025, 9, 1)) == ""


@pytest.mark.parametrize("org_code", ["T1", "T2"])
def test_histories_for_a_board_are_the_per_metric_histories(org_code):
    """Working the rules out once for the board gives each metric the frame it gets alone."""
    targets = pd.concat([TARGETS, _relative(58.1), _relative(None).assign(metric_id="rtt2")])
    targets = targets.reset_index(drop=True)
    metrics = [*targets["metric_id"].unique(), "no_target"]
    histories = target_histories(targets, metrics, org_code)
    assert list(histories) == metrics
    for metric_id in metrics:
        pd.testing.assert_frame_equal(
            histories[metric_id], target_history(targets, metric_id, org_code)
        )
    assert histories["no_target"].empty
