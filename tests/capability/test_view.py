"""The Capability page's content from the store, as at the period's end."""

from __future__ import annotations

from datetime import date

import pandas as pd

from impact.capability import (
    MIN_SPC_POINTS,
    build_capability,
)


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
