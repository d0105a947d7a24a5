"""The Capability page's tables, in words."""

from __future__ import annotations

import pandas as pd

from impact.capability import (
    capacity_over_time,
    capacity_table,
    latest_scores,
    month_or_dash,
    peer_comparison,
    peer_scope_words,
    peer_scores_table,
    score_or_dash,
    self_assessment_table,
)
from tests.capability.frames import (
    ASSESSMENTS,
    capability_frame,
)


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
    assert peer_scope_words("england") == "the whole of England"


def test_capacity_table_by_period_in_words():
    table = capacity_table(capacity_over_time(capability_frame(2), "T1"))
    assert list(table["Period"]) == ["Jan 2023", "Apr 2023"]
    assert list(table["Trained, % of headcount"]) == [2.5, 2.7]
    assert list(table["Coaches per 1,000 staff"]) == [2.0, 2.0]
    assert list(table["Foundation"]) == [100, 110]
