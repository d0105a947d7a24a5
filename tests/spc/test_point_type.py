"""Point types: a rule's side read through each improvement direction."""

from __future__ import annotations

import pytest

from tests.spc.helpers import flagged, with_baseline


@pytest.mark.parametrize(
    ("direction", "high", "low"),
    [
        ("increase", "special_cause_improvement", "special_cause_concern"),
        ("decrease", "special_cause_concern", "special_cause_improvement"),
        ("neutral", "special_cause_neutral_high", "special_cause_neutral_low"),
    ],
)
def test_outside_limits_by_direction(direction: str, high: str, low: str) -> None:
    points = with_baseline([20.0, 10.5, 0.0], improvement_direction=direction)
    assert flagged(points) == {13: "Above UCL", 15: "Below LCL"}
    assert points.at[13, "point_type"] == high
    assert points.at[15, "point_type"] == low
    assert bool(points.at[13, "outside_limits"]) and not bool(points.at[13, "close_to_limits"])
