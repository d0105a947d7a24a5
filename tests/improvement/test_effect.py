"""*Is it working?* for one project: before against after, in words, never a claim of cause."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.improvement import (
    MIN_POINTS_EACH_SIDE,
    classify_after,
    first_period_after,
    is_it_working,
)
from impact.units import format_value
from tests.improvement.frames import (
    INSTRUCTION_WORDS,
    RecordingSpc,
    monthly,
    stepped,
)


def test_first_period_after_excludes_the_period_the_project_started_in():
    periods = pd.date_range("2024-01-01", periods=6, freq="MS")
    assert first_period_after(periods, date(2024, 3, 15)) == pd.Timestamp("2024-04-01")
    assert first_period_after(periods, date(2024, 3, 1)) == pd.Timestamp("2024-03-01")
    assert first_period_after(periods, date(2025, 1, 1)) is None


def test_before_after_judges_after_points_against_the_before_limits_and_rebases_chart():
    spc = RecordingSpc(after_types=["common_cause"] * 5 + ["special_cause_improvement"] * 7)
    series = monthly(30)
    answer = is_it_working(
        series,
        start_date=date(2023, 7, 1),
        improvement_direction="increase",
        unit="percent",
        metric_name="A&E 4-hour performance",
        spc_function=spc,
    )
    assert answer.status == "improvement"
    assert answer.headline == "Special cause improvement since the project began"
    assert (answer.points_before, answer.points_after) == (18, 12)
    assert answer.rebased
    signal_call, chart_call = spc.calls
    assert signal_call["fix_after_n_points"] == 18
    assert "rebase" not in signal_call
    assert chart_call["rebase"] == [pd.Timestamp("2023-07-01")]
    assert "7 of the 12 months" in answer.sentence
    assert "Jul 2023" in answer.sentence and "most recently Jun 2024" in answer.sentence
    assert "7 Points Above CL" in answer.sentence
    assert answer.question.endswith("?")
    assert "caused" not in answer.sentence.lower()


def test_latest_signal_decides_when_improvement_later_reverses():
    kinds = ["special_cause_improvement"] * 3 + ["common_cause"] * 6 + ["special_cause_concern"] * 3
    answer = is_it_working(
        monthly(24),
        start_date=date(2023, 1, 1),
        improvement_direction="increase",
        spc_function=RecordingSpc(after_types=kinds, rule="Below LCL"),
    )
    assert answer.status == "deterioration"
    assert "special cause concern" in answer.sentence
    assert "3 of the 12 months" in answer.sentence


def test_no_signal_reports_means_without_claiming_an_effect():
    values = [60.0] * 12 + [61.0] * 12
    answer = is_it_working(
        monthly(24, values=values),
        start_date=date(2023, 1, 1),
        improvement_direction="increase",
        unit="percent",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "no_signal"
    assert answer.headline == "No signal yet"
    assert f"since Jan 2023 is {format_value(61.0, 'percent')}, against" in answer.sentence
    assert f"against {format_value(60.0, 'percent')} in the 12 months before" in answer.sentence
    assert answer.mean_before == pytest.approx(60.0)
    assert answer.mean_after == pytest.approx(61.0)


@pytest.mark.parametrize(("n", "start"), [(20, date(2023, 3, 1)), (20, date(2022, 6, 1))])
def test_fewer_than_twelve_points_on_a_side_says_so_and_does_not_rebase(n, start):
    spc = RecordingSpc()
    answer = is_it_working(
        monthly(n), start_date=start, improvement_direction="increase", spc_function=spc
    )
    assert answer.status == "too_few_points"
    assert not answer.rebased
    assert min(answer.points_before, answer.points_after) < MIN_POINTS_EACH_SIDE
    assert f"at least {MIN_POINTS_EACH_SIDE} on each side" in answer.sentence
    assert len(spc.calls) == 1 and "rebase" not in spc.calls[0]
    assert answer.chart is not None


def test_project_starting_after_the_last_point_has_no_after_points():
    answer = is_it_working(
        monthly(24),
        start_date=date(2030, 1, 1),
        improvement_direction="decrease",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "too_few_points"
    assert answer.points_after == 0


def test_no_observations_is_answered_in_words():
    empty = pd.DataFrame({"period_start": pd.to_datetime([]), "value": []})
    answer = is_it_working(
        empty,
        start_date=date(2024, 1, 1),
        improvement_direction="increase",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "no_data"
    assert answer.chart is None


def test_classify_after_treats_neutral_flags_as_a_shift():
    frame = monthly(4).assign(
        point_type=["common_cause", "common_cause", "special_cause_neutral_high", "common_cause"],
        special_cause_type="Above UCL",
    )
    status, latest = classify_after(frame, pd.Timestamp("2022-02-01"), "period_start")
    assert status == "shift" and latest["period_start"] == pd.Timestamp("2022-03-01")
    status, latest = classify_after(frame, pd.Timestamp("2022-04-01"), "period_start")
    assert status == "no_signal" and latest is None


def test_effect_answers_never_use_instruction_words():
    for kinds in ([], ["special_cause_improvement"] * 12, ["special_cause_concern"] * 12):
        answer = is_it_working(
            monthly(24),
            start_date=date(2023, 1, 1),
            improvement_direction="increase",
            spc_function=RecordingSpc(after_types=kinds),
        )
        assert not INSTRUCTION_WORDS.search(answer.sentence + answer.question)


@pytest.mark.parametrize(
    ("after", "direction", "status"),
    [
        (66.0, "increase", "improvement"),
        (54.0, "increase", "deterioration"),
        (54.0, "decrease", "improvement"),
        (60.0, "increase", "no_signal"),
    ],
)
def test_real_engine_finds_a_step_after_the_start(after, direction, status):
    answer = is_it_working(
        stepped(60.0, after),
        start_date=date(2024, 1, 1),
        improvement_direction=direction,
        unit="percent",
        metric_name="the measure",
    )
    assert answer.status == status
    assert (answer.points_before, answer.points_after) == (24, 15)
    chart = answer.chart
    assert chart is not None and chart["rebase_group"].nunique() == 2
    first_new = chart.loc[chart["rebase_group"] == chart["rebase_group"].max(), "period_start"]
    assert first_new.min() == pd.Timestamp("2024-01-01")


def test_real_engine_too_few_points_draws_one_group_without_warning(recwarn):
    answer = is_it_working(
        stepped(60.0, 66.0, n_before=24, n_after=5),
        start_date=date(2024, 1, 1),
        improvement_direction="increase",
    )
    assert answer.status == "too_few_points"
    assert answer.chart["rebase_group"].nunique() == 1
    assert not [w for w in recwarn if "trial limits" in str(w.message)]
