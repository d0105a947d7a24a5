"""The self-assessment: latest scores, changes, peers and the lowest streak."""

from __future__ import annotations

import pandas as pd

from impact.capability import (
    assessment_history,
    change_words,
    latest_scores,
    lowest_streak,
    peer_comparison,
)
from impact.contracts import IMPACT_COMPONENTS
from tests.capability.frames import (
    ASSESSMENTS,
    assessment,
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


def test_lowest_streak_counts_consecutive_assessments():
    history = assessment_history(ASSESSMENTS, "T1")
    components, streak = lowest_streak(history)
    assert components == ["leadership_behaviours"] and streak == 2
    single = assessment_history(ASSESSMENTS[ASSESSMENTS["org_code"] == "T2"], "T2")
    assert lowest_streak(single)[1] == 1


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
