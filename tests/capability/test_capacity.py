"""Improvement capacity as shares of headcount, and its SPC only with enough points."""

from __future__ import annotations

import pytest

from impact.capability import (
    MIN_SPC_POINTS,
    capacity_over_time,
    capacity_spc,
)
from tests.capability.frames import (
    capability_frame,
)


def test_capacity_shares_of_headcount():
    capacity = capacity_over_time(capability_frame(3), "T1")
    first = capacity.iloc[0]
    assert first["trained_foundation_pct"] == pytest.approx(2.0)
    assert first["trained_any_pct"] == pytest.approx(125 / 5000 * 100)
    assert first["coaches_per_1000"] == pytest.approx(2.0)
    assert capacity_over_time(capability_frame(3), "OTHER").empty


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
