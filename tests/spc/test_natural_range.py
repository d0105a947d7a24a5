"""Limits are shown within what the measure can be; the computed ones are left alone."""

import math

import pandas as pd
import pytest

from impact.spc.natural_range import natural_range, truncate, truncated_limits


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (-3.6, "percent", 0.0),
        (120.9, "percent", 100.0),
        (58.6, "percent", 58.6),
        (-12.0, "count", 0.0),
        (1_000_000.0, "count", 1_000_000.0),
        (-0.5, "minutes", 0.0),
        (-2.0, "days", 0.0),
        (-7.0, "unknown-unit", -7.0),
    ],
)
def test_truncate(value: float, unit: str, shown: float) -> None:
    assert truncate(value, unit) == shown


def test_missing_values_pass_through() -> None:
    assert truncate(None, "percent") is None
    assert math.isnan(truncate(float("nan"), "percent"))


def test_percent_range() -> None:
    assert natural_range("percent") == (0.0, 100.0)
    assert natural_range("count") == (0.0, None)


def test_truncated_limits_copies_and_leaves_the_original() -> None:
    points = pd.DataFrame(
        {"value": [50.0, 60.0], "mean": [55.0, 55.0], "lpl": [-3.6, -3.6], "upl": [120.9, 99.0]}
    )
    shown = truncated_limits(points, "percent")
    assert shown["lpl"].tolist() == [0.0, 0.0]
    assert shown["upl"].tolist() == [100.0, 99.0]
    assert points["lpl"].tolist() == [-3.6, -3.6]  # the computed limits are untouched
    assert shown["value"].tolist() == [50.0, 60.0]
