"""Ranking the board's questions: hand-built answers whose order is known, why each is asked,
and every demo organisation's questions (each names its metric, asks, ranks the same twice)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact import PROJECT_ROOT
from impact.board.build import build_board
from impact.board.model import Metric, MetricAnswer, OrgBoard
from impact.board.question_ranking import (
    KIND_ORDER,
    TOP_OVERVIEW,
    TOP_PER_PRIORITY,
    for_priority,
    materiality,
    ranked_questions,
    relative_shortfall,
    top_and_rest,
)
from impact.board.questions import QUESTION_KINDS, board_questions, lower_first
from impact.calendar import month_starts
from impact.filters import default_period
from impact.store import open_store
from tests.board.fake_queries import FORBIDDEN, MONTHS, fake_query

N = 12


def _answer(
    metric_id: str,
    *,
    priority: str = "elective",
    unit: str = "percent",
    direction: str = "increase",
    values: list[float] | None = None,
    point_type: str = "common_cause",
    special: str = "Common Cause",
    assurance: str | None = None,
    target: float | None = None,
    active: int = 0,
    stale: bool = False,
    limits_change: dict[int, str] | None = None,
) -> MetricAnswer:
    """A metric answer built by hand; its questions come from the question generator."""
    metric = Metric(
        metric_id,
        metric_id.replace("_", " ").capitalize(),
        priority,
        "Q?",
        unit,
        direction,
        "month",
    )
    values = values or [50.0] * N
    types = ["common_cause"] * (N - 1) + [point_type]
    specials = ["Common Cause"] * (N - 1) + [special]
    changes = [""] * N
    for index, how in (limits_change or {}).items():
        changes[index] = how
    points = pd.DataFrame(
        {
            "period_start": MONTHS[:N],
            "value": values,
            "mean": sum(values) / N,
            "point_type": types,
            "special_cause_type": specials,
            "limits_change": changes,
        }
    )
    projects = pd.DataFrame({"metric_id": [metric_id] * active, "status": ["active"] * active})
    answer = MetricAnswer(
        metric=metric,
        org_code="T1",
        points=points,
        latest_period=MONTHS[N - 1].date(),
        latest_value=values[-1],
        target=target,
        target_source=None,
        mean=None,
        lpl=None,
        upl=None,
        variation=point_type,
        assurance=assurance,
        answer="",
        stale=stale,
        questions=[],
        targets=pd.DataFrame(),
        events=pd.DataFrame(),
        projects=projects,
    )
    answer.questions = board_questions(
        metric, points, assurance=assurance, target=target, active_projects=active, stale=stale
    )
    return answer


def _board(*answers: MetricAnswer) -> OrgBoard:
    return OrgBoard("T1", date(2023, 10, 1), date(2024, 9, 1), None, list(answers))


def _concern(metric_id: str, **kw) -> MetricAnswer:
    """A single point below the lower limit of a metric that should go up."""
    values = [50.0] * (N - 1) + [30.0]
    return _answer(
        metric_id, values=values, point_type="special_cause_concern", special="Below LCL", **kw
    )


def _failing(metric_id: str, latest: float, target: float, **kw) -> MetricAnswer:
    values = [latest] * N
    return _answer(metric_id, values=values, assurance="consistent_fail", target=target, **kw)


def _order(ranked) -> list[tuple[str, str]]:
    return [(r.metric_id, r.kind) for r in ranked]


def test_relative_shortfall_compares_units_and_is_capped():
    assert relative_shortfall(_failing("pct", 72.0, 80.0)) == 0.1
    minutes = _failing("mins", 60.0, 40.0, unit="minutes", direction="decrease")
    assert relative_shortfall(minutes) == 0.5
    assert relative_shortfall(_failing("far", 300.0, 100.0, direction="decrease")) == 1.0
    none_aim = _failing("zero", 2.0, 0.0, unit="count", direction="decrease")
    assert relative_shortfall(none_aim) == 1.0  # any count above an aim of none
    assert relative_shortfall(_failing("met", 85.0, 80.0)) == 0.0
    assert relative_shortfall(_answer("no_target")) == 0.0


def test_materiality_scores_each_fact():
    facts = materiality(_concern("c", target=60.0, limits_change={N - 3: "recalculated"}))
    assert facts.concern and facts.unworked
    assert facts.shortfall == 0.5  # 30 against 60
    assert facts.limits_restarted == ("recalculated", MONTHS[N - 3].date())
    assert facts.score == 4 + 4 * 0.5 + 2 + 1
    old = materiality(_concern("c", limits_change={1: "recalculated"}, active=1))
    assert old.limits_restarted is None  # not among the last six points
    assert not old.unworked and old.score == 4


def test_concern_beats_shortfall_beats_no_work_and_stale_comes_last():
    board = _board(
        _answer("stale_one", stale=True),
        _failing("small_gap", 76.0, 80.0, active=1),  # 4 × 0.05 = 0.2
        _answer("unworked", assurance="consistent_fail", target=80.0, values=[85.0] * N),
        _failing("big_gap", 60.0, 80.0, active=1),  # 4 × 0.25 = 1
        _concern("concern", active=1),  # 4
    )
    ranked = ranked_questions(board)
    assert _order(ranked) == [
        ("concern", "concern"),
        ("unworked", "no_work"),  # 2: failing with no project (its latest meets the target)
        ("big_gap", "target"),
        ("small_gap", "target"),
        ("stale_one", "stale"),
    ]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert [r.score for r in ranked] == [4.0, 2.0, 1.0, 0.2, 0.0]


def test_one_question_per_metric_before_any_second():
    board = _board(
        _failing("worst", 40.0, 80.0),  # target and no-work questions, score 4 + 2
        _failing("next", 70.0, 80.0),  # score 0.5 + 2
    )
    assert _order(ranked_questions(board)) == [
        ("worst", "target"),
        ("next", "target"),
        ("worst", "no_work"),
        ("next", "no_work"),
    ]


def test_a_recent_recalculation_raises_a_question_and_ties_keep_board_order():
    plain = _failing("plain", 72.0, 80.0, active=1)
    recalculated = _failing(
        "recalculated", 72.0, 80.0, active=1, limits_change={N - 2: "recalculated"}
    )
    rebased = _failing("rebased", 72.0, 80.0, active=1, limits_change={N - 1: "rebase"})
    twin = _failing("twin", 72.0, 80.0, active=1)
    ranked = ranked_questions(_board(plain, twin, rebased, recalculated))
    assert [r.metric_id for r in ranked] == ["rebased", "recalculated", "plain", "twin"]
    assert "its limits were recalculated in " + "August 2024" in ranked[1].reason
    assert "its limits restarted at a change recorded in September 2024" in ranked[0].reason
    assert "limits recalculated Aug 2024" in ranked[1].short_reasons
    again = ranked_questions(_board(plain, twin, rebased, recalculated))
    assert [r.question for r in again] == [r.question for r in ranked]  # deterministic


def test_an_improvement_to_sustain_comes_after_every_material_question():
    improving = _answer(
        "improving",
        values=[50.0] * (N - 1) + [70.0],
        point_type="special_cause_improvement",
        special="Above UCL",
        target=80.0,
        assurance="inconsistent",
        active=1,
    )
    small = _failing("small_gap", 79.0, 80.0, active=1)
    ranked = ranked_questions(_board(improving, small))
    assert _order(ranked) == [
        ("improving", "target"),  # 70 misses 80: material
        ("small_gap", "target"),
        ("improving", "improvement"),
    ]
    assert ranked[-1].reason == "Asked because a special cause of improvement at the latest point."


def test_reasons_say_why_in_the_pages_numbers():
    zero = _answer(
        "waits_over_78_weeks",
        unit="count",
        direction="decrease",
        values=[0.0] * (N - 1) + [2.0],
        point_type="special_cause_concern",
        special="Above UCL",
        target=0.0,
        assurance="inconsistent",
    )
    [first, *_] = ranked_questions(_board(zero))
    assert first.metric_name == "Waits over 78 weeks"
    assert first.reason == (
        "Asked because a special cause of concern at the latest point; the latest figure is 2 "
        "against an aim of none; no active improvement project is aimed at it."
    )
    gap = ranked_questions(_board(_failing("ae", 72.0, 80.0)))[0]
    assert "the latest figure, 72%, misses its target of 80%" in gap.reason
    assert f"{gap.answer.latest_text}, misses its target of {gap.answer.target_text}" in gap.reason
    assert gap.short_reason == "Why: 72% against a target of 80% · no improvement project"
    assert (
        first.short_reason
        == "Why: concern signal · 2 against an aim of none · no improvement project"
    )
    [stale] = ranked_questions(_board(_answer("old", stale=True)))
    assert stale.reason == (
        "Asked because the latest figures, for September 2024, are older than this measure's "
        "frequency allows."
    )
    assert stale.short_reason == "Why: latest figures Sep 2024 (stale)"


def test_priority_and_limit():
    board = _board(
        _concern("uec_one", priority="uec"),
        _failing("elective_one", 40.0, 80.0),
        _failing("elective_two", 70.0, 80.0),
    )
    assert {r.answer.metric.priority for r in ranked_questions(board, "uec")} == {"uec"}
    assert len(ranked_questions(board, limit=2)) == 2
    top, rest = top_and_rest(board, "elective", TOP_PER_PRIORITY)
    assert len(top) == TOP_PER_PRIORITY and len(rest) == 1
    assert [r.question for r in top + rest] == [
        r.question for r in ranked_questions(board, "elective")
    ]
    assert TOP_OVERVIEW == 5


def test_every_kind_has_a_place_in_the_order():
    assert set(KIND_ORDER) == {*QUESTION_KINDS, None}


def test_questions_worded_elsewhere_are_kept_and_ranked_by_their_metric():
    answer = _failing("ae", 60.0, 80.0, active=1)
    answer.questions = [*answer.questions, "Is the new A&E pathway working?"]
    ranked = ranked_questions(_board(answer))
    assert [r.question for r in ranked][-1] == "Is the new A&E pathway working?"
    assert ranked[-1].kind is None and len(ranked) == 2


def test_on_the_shared_fake_board_concern_comes_first_and_every_question_names_its_metric():
    board = build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    assert board.questions()[0][0].metric.metric_id == "ae_4hr"  # board order: A&E first
    ranked = ranked_questions(board)
    assert sorted(r.question for r in ranked) == sorted(q for _, q in board.questions())
    assert [r.metric_id for r in ranked] == ["waits_12hr", "ae_4hr", "ae_4hr"]
    assert ranked[0].question.startswith("What changed in February 2025")  # the concern
    assert ranked[1].question.startswith("What would have to change for A&E")  # failing target
    for r in ranked:
        name = r.metric_name
        assert name in r.question or name[0].lower() + name[1:] in r.question
        assert r.question.endswith("?")
        assert not any(word in r.question.lower() for word in FORBIDDEN)


def test_a_priority_drawn_from_the_whole_ranking_is_the_same_as_ranking_it_alone():
    board = _board(
        _concern("uec_one", priority="uec"),
        _failing("elective_one", 40.0, 80.0),
        _failing("uec_two", 70.0, 80.0, priority="uec"),
        _failing("elective_two", 70.0, 80.0, active=1),
        _answer("uec_stale", priority="uec", stale=True),
    )
    whole = ranked_questions(board)
    for key in ("uec", "elective", "primary_care"):
        assert for_priority(whole, key) == ranked_questions(board, key)
        alone = top_and_rest(board, key, TOP_PER_PRIORITY)
        assert top_and_rest(board, key, TOP_PER_PRIORITY, whole) == alone
    assert [r.rank for r in for_priority(whole, "uec")] == [1, 2, 3, 4, 5]
    assert for_priority(whole, None) == whole


DEMO = PROJECT_ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def boards(tmp_path_factory):
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")
    store = open_store(DEMO, tmp_path_factory.mktemp("cache"))
    period = default_period(month_starts(store.query("board_periods")["month"]))
    orgs = store.query("board_org_tree")["org_code"].tolist()
    return [build_board(store.query, org, *period) for org in orgs]


def test_every_question_names_its_metric_and_asks(boards):
    asked = 0
    for board in boards:
        for r in ranked_questions(board):
            asked += 1
            assert lower_first(r.metric_name) in r.question, (board.org_code, r.question)
            assert r.question.endswith("?")
            assert not any(word in r.question.lower() for word in FORBIDDEN), r.question
            assert r.reason.startswith("Asked because ") and r.short_reason.startswith("Why: ")
    assert asked > len(boards)  # the demo raises questions


def test_the_ranking_is_deterministic_and_material_questions_come_first(boards):
    for board in boards:
        ranked = ranked_questions(board)
        again = ranked_questions(board)
        assert [(r.metric_id, r.question) for r in again] == [
            (r.metric_id, r.question) for r in ranked
        ]
        assert sorted(r.question for r in ranked) == sorted(q for _, q in board.questions())
        first = ranked[:TOP_OVERVIEW]
        material = [
            r.rank for r in ranked if r.score > 0 and r.kind not in ("improvement", "stale")
        ]
        # the material questions come first, so the five shown are material where five are
        assert material == list(range(1, len(material) + 1))
        assert len(first) == min(TOP_OVERVIEW, len(ranked))
        stale = [i for i, r in enumerate(ranked) if r.kind == "stale"]
        assert stale == list(range(len(ranked) - len(stale), len(ranked)))  # stale last
