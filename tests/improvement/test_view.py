"""The Improvement page's content from the store: scope, period, every project answered."""

from __future__ import annotations

from datetime import date

import pandas as pd

from impact.improvement import (
    build_improvement,
    scope_codes,
)
from impact.orgs import Org, OrgTree


def test_build_improvement_reads_scope_period_and_answers_every_project(mini_query):
    assurance = pd.DataFrame({"metric_id": ["m1"], "assurance_type": ["consistent_fail"]})
    view = build_improvement(
        mini_query, ["T1"], date(2022, 1, 1), date(2025, 3, 31), assurance, date(2025, 3, 31)
    )
    assert sorted(view.projects["project_id"]) == ["P1", "P2"]  # P3 other org, P4 ended 2020
    assert view.answers["P1"].status == "improvement"
    assert view.answers["P2"].status == "no_metric"
    p1 = view.portfolio.set_index("project_id").loc["P1"]
    assert (p1["cycles"], p1["adapt"], p1["latest_learning"]) == (1, 1, "Worked in hours")
    assert view.alignment.set_index("metric_id").loc["m1", "alignment"] == "Failing, work under way"

    later_window = build_improvement(
        mini_query, ["T1"], date(2024, 6, 1), date(2025, 3, 31), assurance, date(2025, 3, 31)
    )
    assert later_window.answers["P1"].points_before == 24  # baseline not cut by the window
    earlier_end = build_improvement(
        mini_query, ["T1"], date(2022, 1, 1), date(2024, 6, 30), assurance, date(2024, 6, 30)
    )
    assert earlier_end.answers["P1"].status == "too_few_points"  # 6 months since the start
    assert earlier_end.answers["P1"].points_after == 6


def test_scope_codes_walks_down_the_hierarchy():
    tree = OrgTree(
        [
            Org("R1", "Region", "region", None),
            Org("I1", "ICB", "icb", "R1"),
            Org("T1", "Trust", "trust", "I1"),
            Org("T2", "Other", "trust", "I1"),
        ]
    )
    assert scope_codes(tree, "I1")[0] == "I1"
    assert set(scope_codes(tree, "I1")) == {"I1", "T1", "T2"}
    assert scope_codes(tree, "T1") == ["T1"]
    assert set(scope_codes(tree, "R1")) == {"R1", "I1", "T1", "T2"}
