"""Questions the board may wish to ask: generated from the signals, never instructions."""

from datetime import date

import pandas as pd

from impact.board.build import build_board
from impact.board.model import Metric
from impact.board.questions import board_question_items, board_questions, lower_first, misses
from tests.board.fake_queries import FORBIDDEN, MONTHS, fake_query


def test_questions_are_generated_from_signals_and_never_instruct():
    board = build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    ae_q = board.answer("ae_4hr").questions
    waits_q = board.answer("waits_12hr").questions
    assert (
        "What would have to change for A&E 4-hour performance to reach its target of 85%, "
        "and who is leading that work?"
    ) in ae_q
    assert "Which improvement work is aimed at A&E 4-hour performance?" in ae_q
    assert not any("Which improvement work" in q for q in waits_q)  # an active project exists
    assert any(q.startswith("What changed in February 2025") and "above" in q for q in waits_q)
    for _, question in board.questions():
        assert question.endswith("?")
        assert not any(word in question.lower() for word in FORBIDDEN)


def test_stale_metric_gets_a_question():
    metric = Metric("m", "Cancer 62-day", "elective", "Q?", "percent", "increase", "month")
    points = pd.DataFrame(
        {
            "period_start": MONTHS[:3],
            "value": [1.0, 2.0, 3.0],
            "mean": 2.0,
            "point_type": "common_cause",
            "special_cause_type": "Common Cause",
        }
    )
    questions = board_questions(
        metric, points, assurance=None, target=None, active_projects=0, stale=True
    )
    assert questions == ["When will cancer 62-day figures after December 2023 be available?"]


def test_improvement_and_trend_questions():
    metric = Metric("m", "Referral to treatment", "elective", "Q?", "percent", "increase", "month")
    points = pd.DataFrame(
        {
            "period_start": MONTHS[:8],
            "value": [50.0, 51, 52, 53, 54, 55, 56, 57],
            "mean": 53.5,
            "point_type": ["common_cause"] + ["special_cause_improvement"] * 7,
            "special_cause_type": ["Common Cause"] + ["7 Point Trend (Increasing)"] * 7,
        }
    )
    questions = board_questions(
        metric, points, assurance="inconsistent", target=60.0, active_projects=1, stale=False
    )
    assert questions[0] == (
        "What has improved referral to treatment since November 2023, "
        "and can it be sustained or spread?"
    )
    assert questions[1] == (
        "What would make referral to treatment meet its target of 60% every month, not just some?"
    )
    falling = points.assign(
        point_type=["common_cause"] + ["special_cause_concern"] * 7,
        special_cause_type=["Common Cause"] + ["7 Point Trend (Decreasing)"] * 7,
    )
    questions = board_questions(
        metric, falling, assurance=None, target=None, active_projects=0, stale=False
    )
    assert questions[0].startswith("What is behind the 7-month falling trend in referral")


def test_lower_first_keeps_acronyms():
    assert lower_first("Waits over 12 hours") == "waits over 12 hours"
    assert lower_first("A&E 4-hour performance") == "A&E 4-hour performance"
    assert lower_first("RTT waits") == "RTT waits"


def test_misses_follows_the_direction():
    assert misses(70.0, 76.0, "increase") and not misses(80.0, 76.0, "increase")
    assert misses(120.0, 100.0, "decrease") and not misses(90.0, 100.0, "decrease")
    assert not misses(70.0, 76.0, "neutral")
    assert not misses(70.0, None, "increase")


def _flat(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period_start": MONTHS[: len(values)],
            "value": values,
            "mean": sum(values) / len(values),
            "point_type": "common_cause",
            "special_cause_type": "Common Cause",
        }
    )


def test_items_say_which_fact_raised_each_question():
    metric = Metric("m", "Referral to treatment", "elective", "Q?", "percent", "increase", "month")
    items = board_question_items(
        metric,
        _flat([60.0] * 6),
        assurance="consistent_fail",
        target=70.0,
        active_projects=0,
        stale=True,
    )
    assert [i.kind for i in items] == ["target", "no_work", "stale"]
    assert [i.text for i in items] == board_questions(
        metric,
        _flat([60.0] * 6),
        assurance="consistent_fail",
        target=70.0,
        active_projects=0,
        stale=True,
    )


def test_a_target_met_at_the_latest_point_raises_no_target_question():
    metric = Metric("m", "Long waits share", "elective", "Q?", "percent", "decrease", "month")
    questions = board_questions(
        metric,
        _flat([1.4, 1.2, 0.7]),
        assurance="consistent_fail",
        target=1.0,
        active_projects=1,
        stale=False,
    )
    assert questions == []  # 0.7% meets the 1% target: no question about reaching it


def test_an_aim_of_none_is_asked_as_none_not_as_a_zero_target():
    metric = Metric("m", "Waits over 78 weeks", "elective", "Q?", "count", "decrease", "month")
    questions = board_questions(
        metric,
        _flat([0.0, 0.0, 1.0]),
        assurance="inconsistent",
        target=0.0,
        active_projects=1,
        stale=False,
    )
    assert questions == [
        "What would it take to bring waits over 78 weeks to none, and who is leading that work?"
    ]
