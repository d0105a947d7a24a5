"""NHS IMPACT capability: latest scores, changes, peers, capacity shares and questions."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from impact.capability import (
    MIN_SPC_POINTS,
    assessment_history,
    build_capability,
    capability_questions,
    capacity_over_time,
    capacity_spc,
    capacity_table,
    change_words,
    latest_scores,
    lowest_streak,
    month_or_dash,
    peer_comparison,
    peer_scope_words,
    peer_scores_table,
    score_or_dash,
    self_assessment_table,
)
from impact.contracts import IMPACT_COMPONENTS

INSTRUCTION_WORDS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)


def assessment(org: str, day: str, scores: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": org,
            "assessment_date": pd.Timestamp(day),
            "component": list(IMPACT_COMPONENTS),
            "score": scores,
            "evidence": [f"{org} {day} evidence {i}" for i in range(5)],
        }
    )


# Components in order: purpose, people, leadership, capability, management systems.
ASSESSMENTS = pd.concat(
    [
        assessment("T1", "2024-03-31", [3, 3, 2, 3, 3]),
        assessment("T1", "2025-03-31", [4, 2.5, 2, 3, 3]),
        assessment("T2", "2025-03-31", [3, 4, 4, 4, 4]),
        assessment("T3", "2025-06-30", [2, 3, 3, 4, 4]),
        assessment("T3", "2024-06-30", [1, 1, 1, 1, 1]),
    ],
    ignore_index=True,
)


def test_latest_scores_and_change_since_previous():
    latest = latest_scores(ASSESSMENTS, "T1").set_index("component")
    assert list(latest.index) == list(IMPACT_COMPONENTS)
    assert latest.loc["shared_purpose_and_vision", "score"] == 4
    assert latest.loc["shared_purpose_and_vision", "change"] == 1
    assert latest.loc["people_and_culture", "change"] == -0.5
    assert latest.loc["leadership_behaviours", "change"] == 0
    assert latest.loc["leadership_behaviours", "evidence"] == "T1 2025-03-31 evidence 2"
    assert latest.loc["leadership_behaviours", "previous_date"] == pd.Timestamp("2024-03-31")


def test_org_without_assessment_keeps_five_empty_rows():
    latest = latest_scores(ASSESSMENTS, "NONE")
    assert len(latest) == 5 and latest["score"].isna().all()
    assert assessment_history(ASSESSMENTS, "NONE").empty


def test_change_words():
    assert change_words(1.0) == "up 1"
    assert change_words(-0.5) == "down 0.5"
    assert change_words(0.0) == "no change"
    assert change_words(float("nan")) == "first assessment"


def test_peer_comparison_uses_each_peers_latest_assessment():
    peers = peer_comparison(ASSESSMENTS, "T1", ["T1", "T2", "T3"]).set_index("component")
    lead = peers.loc["leadership_behaviours"]
    assert lead["score"] == 2
    assert lead["peer_median"] == 3.5  # T2 4 and T3's 2025 score 3, not its 2024 score 1
    assert (lead["rank"], lead["of"], lead["peers_assessed"]) == (3, 3, 2)
    assert peers.loc["shared_purpose_and_vision", "rank"] == 1


def test_self_assessment_table_in_words():
    codes = ["T1", "T2", "T3"]
    table = self_assessment_table(
        latest_scores(ASSESSMENTS, "T1"), peer_comparison(ASSESSMENTS, "T1", codes)
    ).set_index("Component")
    lead = table.loc["Developing leadership behaviours"]
    assert (lead["Score"], lead["Change since previous"]) == ("2", "no change")
    assert (lead["Previous assessment"], lead["Peer median"]) == ("Mar 2024", "3.5")
    assert lead["Place among peers"] == "3 of 3"
    people = table.loc["Investing in people and culture"]
    assert (people["Score"], people["Change since previous"]) == ("2.5", "down 0.5")

    never = self_assessment_table(
        latest_scores(ASSESSMENTS, "NEW"), peer_comparison(ASSESSMENTS, "NEW", codes)
    )
    assert set(never["Score"]) == {"—"} and set(never["Place among peers"]) == {"—"}
    assert set(never["Previous assessment"]) == {"—"}
    assert set(never["Change since previous"]) == {"first assessment"}


def test_peer_scores_table_names_organisations_and_marks_the_chosen_one():
    latest = ASSESSMENTS.sort_values("assessment_date").groupby(["org_code", "component"]).tail(1)
    wide = latest.pivot_table(index="org_code", columns="component", values="score")
    names = {"T1": "Trust One", "T2": "Trust Two", "T3": "Trust Three"}
    table = peer_scores_table(wide, "T2", names.__getitem__)
    assert list(table["Organisation"]) == ["Trust One", "Trust Two (selected)", "Trust Three"]
    assert table.loc[2, "Building a shared purpose and vision"] == 2  # T3's latest, not 2024
    assert "shared_purpose_and_vision" not in table.columns


def test_small_formatters_and_peer_scope_words():
    assert score_or_dash(3.0) == "3" and score_or_dash(float("nan")) == "—"
    assert month_or_dash(pd.Timestamp("2025-03-31")) == "Mar 2025"
    assert month_or_dash(None) == "—" and month_or_dash(pd.NaT) == "—"
    assert peer_scope_words("region") == "the same region"
    assert peer_scope_words("parent") == "the same parent organisation"


def test_lowest_streak_counts_consecutive_assessments():
    history = assessment_history(ASSESSMENTS, "T1")
    components, streak = lowest_streak(history)
    assert components == ["leadership_behaviours"] and streak == 2
    single = assessment_history(ASSESSMENTS[ASSESSMENTS["org_code"] == "T2"], "T2")
    assert lowest_streak(single)[1] == 1


def capability_frame(n: int, coaches: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": "T1",
            "period_start": pd.date_range("2023-01-01", periods=n, freq="QS"),
            "staff_trained_foundation": [100 + 10 * i for i in range(n)],
            "staff_trained_practitioner": [20] * n,
            "staff_trained_expert": [5] * n,
            "improvement_coaches": coaches or [10] * n,
            "headcount": [5000] * n,
        }
    )


def test_capacity_shares_of_headcount():
    capacity = capacity_over_time(capability_frame(3), "T1")
    first = capacity.iloc[0]
    assert first["trained_foundation_pct"] == pytest.approx(2.0)
    assert first["trained_any_pct"] == pytest.approx(125 / 5000 * 100)
    assert first["coaches_per_1000"] == pytest.approx(2.0)
    assert capacity_over_time(capability_frame(3), "OTHER").empty


def test_capacity_table_by_period_in_words():
    table = capacity_table(capacity_over_time(capability_frame(2), "T1"))
    assert list(table["Period"]) == ["Jan 2023", "Apr 2023"]
    assert list(table["Trained, % of headcount"]) == [2.5, 2.7]
    assert list(table["Coaches per 1,000 staff"]) == [2.0, 2.0]
    assert list(table["Foundation"]) == [100, 110]


def test_capacity_spc_only_with_enough_points():
    calls = []

    def fake_spc(points, **kwargs):
        calls.append(kwargs)
        return points.assign(point_type="common_cause")

    short = capacity_over_time(capability_frame(MIN_SPC_POINTS - 1), "T1")
    assert capacity_spc(short, "trained_any_pct", fake_spc) is None
    enough = capacity_over_time(capability_frame(MIN_SPC_POINTS), "T1")
    frame = capacity_spc(enough, "trained_any_pct", fake_spc)
    assert frame is not None and len(frame) == MIN_SPC_POINTS
    assert calls[0]["improvement_direction"] == "increase"


def _questions(org: str, **overrides) -> list[str]:
    args = dict(
        org_name="Ash Trust",
        latest=latest_scores(ASSESSMENTS, org),
        history=assessment_history(ASSESSMENTS, org),
        peers=peer_comparison(ASSESSMENTS, org, ["T1", "T2", "T3"]),
        capacity_signals={},
        as_of=date(2025, 6, 30),
    )
    args.update(overrides)
    return capability_questions(**args)


def test_questions_from_scores_peers_and_changes():
    questions = _questions("T1")
    assert questions[0] == (
        "Leadership behaviours scored lowest for two assessments running: "
        "what support would move it?"
    )
    assert any(
        q.startswith("People and culture fell from 3 to 2.5 since Mar 2024") for q in questions
    )
    assert any(
        "Leadership behaviours (2 against 3.5)" in q and "peer median" in q for q in questions
    )
    for question in questions:
        assert question.endswith("?") and not INSTRUCTION_WORDS.search(question)


def test_question_when_no_assessment_and_when_assessment_is_old():
    none = _questions("NONE")
    assert len(none) == 1 and "no NHS IMPACT self-assessment for Ash Trust" in none[0]
    old = _questions("T1", as_of=date(2026, 9, 1))
    assert any("from Mar 2025, 18 months ago" in q for q in old)


def test_question_when_capacity_falls_below_its_usual_range():
    signal = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2025-01-01", "2025-04-01"]),
            "point_type": ["common_cause", "special_cause_concern"],
        }
    )
    questions = _questions("T2", capacity_signals={"coaches_per_1000": signal})
    assert any(q.startswith("Improvement coaches per 1,000 staff is below") for q in questions)
    assert not any("below its usual range" in q for q in _questions("T2"))


@pytest.fixture
def capability_query():
    """A DuckDB with the self-assessment and capability tables, read by the named queries."""
    import duckdb

    from impact.contracts import CAPABILITY, SELF_ASSESSMENT
    from impact.sql import run

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for contract in (CAPABILITY, SELF_ASSESSMENT):
        cols = ", ".join(f"{c.name} {c.type}" for c in contract.columns)
        con.execute(f"CREATE TABLE {contract.name} ({cols}, source_file VARCHAR)")
    con.register("assessment_rows", ASSESSMENTS)
    con.register("capacity_rows", capability_frame(MIN_SPC_POINTS + 2))  # quarterly, 2023 on
    con.execute("INSERT INTO self_assessment SELECT *, 'f' FROM assessment_rows")
    con.execute("INSERT INTO capability SELECT *, 'f' FROM capacity_rows")
    yield lambda name, **params: run(con, name, **params)
    con.close()


def test_build_capability_as_at_the_period_end(capability_query):
    view = build_capability(
        capability_query,
        org_code="T3",
        org_name="Cedar Trust",
        peer_codes=["T1", "T2", "T3"],
        period_from=date(2023, 1, 1),
        period_to=date(2025, 12, 31),
    )
    assert view.assessed
    assert view.latest.set_index("component").loc["leadership_behaviours", "change"] == 2
    earlier = build_capability(
        capability_query,
        org_code="T3",
        org_name="Cedar Trust",
        peer_codes=["T1", "T2", "T3"],
        period_from=date(2023, 1, 1),
        period_to=date(2024, 12, 31),
    )
    lead = earlier.latest.set_index("component").loc["leadership_behaviours"]
    assert lead["score"] == 1 and pd.isna(lead["change"])  # the 2025 assessment not yet made


def test_build_capability_capacity_and_an_org_with_no_assessment(capability_query):
    view = build_capability(
        capability_query,
        org_code="T1",
        org_name="Ash Trust",
        peer_codes=["T2"],
        period_from=date(2023, 1, 1),
        period_to=date(2026, 6, 30),
    )
    assert len(view.capacity) == MIN_SPC_POINTS + 2
    assert view.capacity_charts["trained_any_pct"] is not None
    assert "point_type" in view.capacity_charts["trained_any_pct"]
    short = build_capability(
        capability_query,
        org_code="T1",
        org_name="Ash Trust",
        peer_codes=[],
        period_from=date(2025, 1, 1),
        period_to=date(2026, 6, 30),
    )
    assert short.capacity_charts["trained_any_pct"] is None
    nobody = build_capability(
        capability_query,
        org_code="T9",
        org_name="Nowhere Trust",
        peer_codes=["T1"],
        period_from=date(2023, 1, 1),
        period_to=date(2026, 6, 30),
    )
    assert not nobody.assessed and nobody.capacity.empty
    assert "no NHS IMPACT self-assessment for Nowhere Trust" in nobody.questions[0]


def test_no_component_is_lowest_when_most_share_the_low_score():
    history = assessment_history(
        pd.concat(
            [
                assessment("T1", "2024-03-31", [3, 3, 2, 3, 3]),
                assessment("T1", "2025-03-31", [3, 4, 3, 3, 3]),
            ]
        ),
        "T1",
    )
    assert lowest_streak(history) == ([], 0)
    joint = assessment_history(
        pd.concat(
            [
                assessment("T1", "2024-03-31", [2, 3, 2, 3, 3]),
                assessment("T1", "2025-03-31", [2, 4, 2, 3, 3]),
            ]
        ),
        "T1",
    )
    assert lowest_streak(joint) == (["shared_purpose_and_vision", "leadership_behaviours"], 2)
