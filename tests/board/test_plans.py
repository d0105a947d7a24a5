"""Plans: the plan in force for the latest month, the variance, the run and the sentence."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.board import build_board
from impact.board.plans import (
    AHEAD,
    BEHIND,
    ON_PLAN,
    choose_plan,
    ordinal,
    plan_sentence,
    plan_standing,
    plan_status,
    plan_use_lines,
    variance_text,
)
from tests.board.fake_queries import MONTHS, fake_query

SEPT = pd.date_range("2025-04-01", periods=6, freq="MS")  # April to September 2025


def _points(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"period_start": SEPT[-len(values) :], "value": values})


def _plan(values: list[float], name="2025/26 operating plan", submitted="2025-03-27", metric="m"):
    return pd.DataFrame(
        {
            "metric_id": metric,
            "period_start": SEPT[-len(values) :],
            "planned_value": values,
            "plan_name": name,
            "submitted": pd.Timestamp(submitted) if submitted else pd.NaT,
        }
    )


def test_behind_plan_the_third_month_in_a_row():
    # April behind, May and June ahead, July to September behind.
    points = _points([70.0, 71.0, 75.5, 73.0, 73.9, 74.2])
    plan = _plan([70.5, 70.5, 75.0, 75.0, 75.5, 76.0])
    standing = plan_standing(points, plan, direction="increase", unit="percent")
    assert standing is not None
    assert standing.status == BEHIND and standing.run == 3
    assert standing.planned == 76.0 and standing.actual == 74.2
    assert standing.variance == pytest.approx(-1.8)
    assert standing.period == date(2025, 9, 1)
    assert standing.text == (
        "Behind plan: 74.2% in September against a planned 76.0%, the third month in a row."
    )


def test_lower_is_better_turns_ahead_and_behind_round():
    points = _points([40.0, 38.0])  # minutes, falling
    plan = _plan([41.0, 39.0])
    standing = plan_standing(points, plan, direction="decrease", unit="minutes")
    assert standing.status == AHEAD and standing.run == 2
    assert standing.text == (
        "Ahead of plan: 38.0 minutes in September against a planned 39.0 minutes, "
        "the second month in a row."
    )
    assert plan_status(42.0, 39.0, "decrease", "minutes") == BEHIND


def test_the_same_figure_as_written_is_on_plan_and_a_single_month_has_no_run():
    assert plan_status(76.04, 76.0, "increase", "percent") == ON_PLAN
    assert plan_sentence(ON_PLAN, 76.04, 76.0, date(2025, 9, 1), 4, "percent") == (
        "On plan: 76.0% in September, as planned."
    )
    points, plan = _points([80.0, 70.0]), _plan([75.0, 75.0])
    standing = plan_standing(points, plan, direction="increase", unit="percent")
    assert standing.run == 1
    assert standing.text == "Behind plan: 70.0% in September against a planned 75.0%."


def test_a_missing_month_ends_the_run():
    points = _points([70.0, 70.0, 70.0, 70.0]).drop(index=1)  # July missing
    standing = plan_standing(points, _plan([75.0] * 4), direction="increase", unit="percent")
    assert standing.run == 2  # August and September only


def test_the_latest_submission_is_used_and_no_plan_for_the_month_means_none():
    first = _plan([75.0, 76.0], name="Winter plan", submitted="2025-03-01")
    second = _plan([72.0, 73.0], name="Operating plan", submitted="2025-07-14")
    both = pd.concat([first, second], ignore_index=True)
    chosen = choose_plan(both, date(2025, 9, 1))
    assert set(chosen["plan_name"]) == {"Operating plan"}
    standing = plan_standing(_points([74.0]), both, direction="increase", unit="percent")
    assert standing.plan_name == "Operating plan" and standing.submitted == date(2025, 7, 14)
    assert standing.status == AHEAD
    august_only = _plan([70.0, 70.0]).iloc[:1]  # the plan stops in August
    assert plan_standing(_points([74.0]), august_only, direction="increase", unit="percent") is None


def test_words():
    assert [ordinal(n) for n in (1, 3, 12, 13, 21, 22, 111)] == [
        "first", "third", "twelfth", "13th", "21st", "22nd", "111th",
    ]  # fmt: skip
    assert variance_text(-1.8, "percent") == "−1.8 points"
    assert variance_text(2.0, "minutes") == "+2.0 minutes"
    assert variance_text(120.0, "count") == "+120"
    assert variance_text(None, "percent") == "—"


def test_the_board_carries_the_plan_and_its_line():
    plans = pd.DataFrame(
        {
            "metric_id": "ae_4hr",
            "period_start": MONTHS[-3:],
            "planned_value": [99.0, 99.0, 99.0],
            "plan_name": "Stretch plan",
            "submitted": pd.Timestamp("2025-03-01"),
        }
    )
    base = fake_query()

    def query(name, **params):
        return plans if name == "board_plans" else base(name, **params)

    board = build_board(query, "T1", date(2023, 10, 1), date(2025, 9, 1))
    ae = board.answer("ae_4hr")
    assert ae.plan == 99.0 and ae.plan_name == "Stretch plan"
    assert ae.plan_variance == pytest.approx(ae.latest_value - 99.0)
    assert ae.plan_text.startswith("Behind plan: ") and ae.plan_text.endswith(
        "against a planned 99.0%, the third month in a row."
    )
    assert ae.plan_text not in ae.answer  # a separate line, not merged into the answer
    assert ae.points["plan"].tolist()[-3:] == [99.0, 99.0, 99.0]
    assert ae.points["plan"].isna().sum() == len(ae.points) - 3
    waits = board.answer("waits_12hr")
    assert waits.plan is None and waits.plan_text == "" and "plan" not in waits.points


def test_the_data_page_says_which_submission_is_used():
    frame = pd.DataFrame(
        {
            "plan_name": ["2026/27 operating plan", "2026/27 operating plan"],
            "submitted": pd.to_datetime(["2026-03-26", "2026-07-14"]),
            "rows": [24, 12],
            "organisations": [2, 1],
            "used": [1, 1],
            "replaced": [1, 0],
            "files": [["plans.csv"], ["plans.csv"]],
        }
    )
    [line] = plan_use_lines(frame)
    assert line == (
        "**2026/27 operating plan** (2 organisation(s); each metric's latest submission wins): "
        "the version submitted 26 Mar 2026 is used for 1 trajectory(ies); the version "
        "submitted 26 Mar 2026 was replaced by a later one for 1 trajectory(ies); the version "
        "submitted 14 Jul 2026 is used for 1 trajectory(ies)."
    )
