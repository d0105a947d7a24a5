"""Question framing: targets in force, staleness, SPC answers and generated questions."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from impact.board import (
    Metric,
    board_questions,
    build_board,
    ipr_rows,
    is_stale,
    target_history,
    target_on,
)

MONTHS = pd.date_range("2023-10-01", periods=24, freq="MS")
FORBIDDEN = ("must", "should", "action required")

METRICS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "waits_12hr", "gp_same_day"],
        "metric_name": ["A&E 4-hour performance", "Waits over 12 hours", "Same-day appointments"],
        "priority": ["uec", "uec", "primary_care"],
        "board_question": ["Are patients seen in four hours?", "Are long waits falling?", "Q?"],
        "unit": ["percent", "count", "percent"],
        "improvement_direction": ["increase", "decrease", "increase"],
        "frequency": ["month", "month", "month"],
        "definition": ["", "", ""],
        "source": ["", "", ""],
    }
)
TARGETS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "ae_4hr", "ae_4hr"],
        "org_code": [None, None, "T1"],
        "target_value": [76.0, 80.0, 85.0],
        "effective_from": pd.to_datetime(["2023-04-01", "2024-04-01", "2025-01-01"]),
        "effective_to": pd.to_datetime(["2024-03-31", None, None]),
        "source": ["plan 23/24", "plan 24/25", "local plan"],
    }
)


def _observations(org: str, level: float) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    flat = level + rng.normal(0, 0.8, len(MONTHS)).round(1)
    waits = np.r_[rng.normal(100, 4, 16), rng.normal(140, 4, 8)].round(0)  # worse since 2025-02
    return pd.concat(
        [
            pd.DataFrame({"metric_id": "ae_4hr", "period_start": MONTHS, "value": flat}),
            pd.DataFrame({"metric_id": "waits_12hr", "period_start": MONTHS, "value": waits}),
        ]
    ).assign(org_code=org, numerator=np.nan, denominator=np.nan)


def _fake_query(level: float = 60.0, projects_for: tuple[str, ...] = ("waits_12hr",)):
    def query(name: str, **params):
        if name == "board_metrics":
            return METRICS
        if name == "board_observations":
            obs = _observations(params["org_code"], level)
            within = obs["period_start"].between(
                pd.Timestamp(params["period_from"]), pd.Timestamp(params["period_to"])
            )
            return obs[within].reset_index(drop=True)
        if name == "board_targets":
            return TARGETS
        if name == "board_events":
            return pd.DataFrame(
                {
                    "metric_id": ["ae_4hr"],
                    "org_code": ["T1"],
                    "event_date": pd.to_datetime(["2024-10-01"]),
                    "description": ["New SDEC unit"],
                    "rebase": [True],
                }
            )
        if name == "board_projects_for_org":
            return pd.DataFrame(
                {
                    "project_id": [f"P{i}" for i, _ in enumerate(projects_for)],
                    "metric_id": list(projects_for),
                    "status": ["active"] * len(projects_for),
                }
            )
        if name == "board_data_as_at":
            return pd.DataFrame({"latest_period": [MONTHS[-1]], "observations": [48]})
        raise AssertionError(f"unexpected query {name}")

    return query


def test_org_target_beats_national_from_its_date():
    history = target_history(TARGETS, "ae_4hr", "T1")
    assert target_on(history, date(2024, 1, 1))[0] == 76.0
    assert target_on(history, date(2024, 6, 1)) == (80.0, "plan 24/25")
    assert target_on(history, date(2025, 3, 1)) == (85.0, "local plan")
    other = target_history(TARGETS, "ae_4hr", "T2")
    assert target_on(other, date(2025, 3, 1))[0] == 80.0
    assert target_on(other, date(2020, 1, 1)) == (None, None)
    assert target_history(TARGETS, "no_target", "T1").empty


@pytest.mark.parametrize(
    ("latest", "reference", "frequency", "stale"),
    [
        (date(2025, 8, 1), date(2025, 9, 1), "month", False),  # normal publication lag
        (date(2025, 7, 1), date(2025, 9, 1), "month", True),
        (date(2025, 4, 1), date(2025, 9, 1), "quarter", True),
        (date(2025, 7, 1), date(2025, 9, 1), "quarter", False),
        (date(2025, 9, 1), date(2025, 9, 14), "week", False),
        (date(2025, 9, 1), date(2025, 9, 22), "week", True),
    ],
)
def test_stale_by_frequency(latest, reference, frequency, stale):
    """The board uses the Data page's one staleness rule."""
    assert is_stale(latest, frequency, reference) is stale


def test_board_answers_for_an_organisation():
    board = build_board(_fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
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
    low = build_board(_fake_query(60.0), "T1", date(2023, 10, 1), date(2025, 9, 1))
    high = build_board(_fake_query(90.0), "T2", date(2023, 10, 1), date(2025, 9, 1))
    assert low.answer("ae_4hr").latest_value != high.answer("ae_4hr").latest_value
    assert high.answer("ae_4hr").target == 80.0  # T2 has no local target


def test_questions_are_generated_from_signals_and_never_instruct():
    board = build_board(_fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    ae_q = board.answer("ae_4hr").questions
    waits_q = board.answer("waits_12hr").questions
    assert any("85% target" in q and "current process can deliver" in q for q in ae_q)
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
    assert questions == [
        "The latest cancer 62-day figures are for December 2023: "
        "when will more recent data be available?"
    ]


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
    assert "met in some months but not others" in questions[1]
    falling = points.assign(
        point_type=["common_cause"] + ["special_cause_concern"] * 7,
        special_cause_type=["Common Cause"] + ["7 Point Trend (Decreasing)"] * 7,
    )
    questions = board_questions(
        metric, falling, assurance=None, target=None, active_projects=0, stale=False
    )
    assert questions[0].startswith("What is behind the 7-month falling trend in referral")


def test_ipr_rows():
    board = build_board(_fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    rows = ipr_rows(board, "uec")
    assert rows["metric_id"].tolist() == ["ae_4hr", "waits_12hr"]
    assert {"latest", "target", "mean", "lpl", "upl", "variation", "assurance", "trend"} <= set(
        rows.columns
    )
    first = rows.iloc[0]
    assert first["target"] == "85%"
    assert first["assurance"] == "Consistently failing the target"
    assert len(first["trend"]) == 24
    assert ipr_rows(board, "elective").empty
