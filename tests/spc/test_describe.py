"""The plain-English answer: every variation x assurance combination and the edge cases."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from impact.spc import ShortGroupWarning, spc
from impact.spc.describe import describe
from impact.text import format_number

BASELINE = [60.0, 62.0] * 6  # mean 61, limits 55.68 to 66.32, near lines 57.45 to 64.55
FORBIDDEN = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)


def points(
    tail: list[float], *, direction: str = "increase", target: float | None = None, **kw
) -> pd.DataFrame:
    values = [*BASELINE, *tail]
    data = pd.DataFrame(
        {"month": pd.date_range("2024-01-01", periods=len(values), freq="MS"), "value": values}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        return spc(
            data,
            value_col="value",
            date_col="month",
            improvement_direction=direction,
            target=target,
            fix_after_n_points=12 if len(values) >= 12 else None,
            **kw,
        )


def sentences(text: str) -> int:
    return len(re.findall(r"\.(?:\s|$)", text))


# tail, direction, expected opening, the rule in words, the period named
VARIATIONS = {
    "common_cause": ([60.0, 62.0], "increase", "No change:", "common cause variation", "14 months"),
    "improvement_outside": (
        [80.0],
        "increase",
        "Yes —",
        "above the upper process limit",
        "January 2025",
    ),
    "improvement_run": (
        [61.5] * 7,
        "increase",
        "Yes —",
        "7 or more points in a row above the average",
        "last 8 months",
    ),
    "improvement_trend": (
        [58.0, 58.5, 59.0, 59.5, 61.5, 62.0, 62.5],
        "increase",
        "Yes —",
        "7 or more points rising in a row",
        "last 7 months",
    ),
    "improvement_two_of_three": (
        [60.0, 65.0, 61.5, 65.0],
        "increase",
        "Yes —",
        "2 of 3 points close to the upper process limit",
        "April 2025",
    ),
    "concern_low": ([40.0], "increase", "No —", "below the lower process limit", "January 2025"),
    "concern_high": ([80.0], "decrease", "No —", "above the upper process limit", "January 2025"),
    "neutral_high": ([80.0], "neutral", "Changed —", "neither better nor worse", "January 2025"),
    "neutral_low": ([40.0], "neutral", "Changed —", "neither better nor worse", "January 2025"),
}
# target by direction so that the assurance comes out as named
ASSURANCE = {
    "none": ({"increase": None, "decrease": None}, ""),
    "pass": ({"increase": 50.0, "decrease": 75.0}, "will be met every month"),
    "fail": ({"increase": 75.0, "decrease": 50.0}, "will not be met without a different approach"),
    "inconsistent": ({"increase": 61.0, "decrease": 61.0}, "will be met only some months"),
}


@pytest.mark.parametrize("assurance", sorted(ASSURANCE))
@pytest.mark.parametrize("variation", sorted(VARIATIONS))
def test_every_variation_and_assurance(variation: str, assurance: str) -> None:
    tail, direction, opening, rule, period = VARIATIONS[variation]
    targets, phrase = ASSURANCE[assurance]
    target = targets.get(direction, 61.0)
    text = describe(
        points(tail, direction=direction, target=target),
        metric_name="A&E 4-hour performance",
        unit="percent",
    )
    assert text.startswith(opening), text
    assert rule in text and period in text, text
    assert not FORBIDDEN.search(text)
    assert 1 <= sentences(text) <= 2, text
    if direction == "neutral" and target is not None:
        assert "for reference only" in text
    elif phrase:
        assert phrase in text and format_number(target, "percent") in text, text
    else:
        assert sentences(text) == 1


def test_the_issue_example_reads_as_intended() -> None:
    text = describe(points([61.5] * 7, target=61.0), metric_name="performance", unit="percent")
    assert text == (
        "Yes — performance has been above its average for the last 8 months (7 or more points "
        "in a row above the average; special cause improvement since December 2024). At the "
        "current level, the 61% target will be met only some months unless the process changes."
    )


def test_earlier_signal_is_named_when_the_latest_point_is_common_cause() -> None:
    text = describe(points([80.0, 61.0, 60.5]), unit="percent")
    assert text.startswith("No change now:")
    assert "no signal" not in text  # an earlier signal is not "no signal"
    assert (
        "the most recent signal was a point above the upper process limit in January 2025" in text
    )


def test_no_points() -> None:
    empty = points([]).iloc[0:0]
    assert "no data" in describe(empty, metric_name="Waits")


def test_all_values_missing() -> None:
    data = pd.DataFrame({"month": pd.date_range("2024-01-01", periods=3, freq="MS")})
    data["value"] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        result = spc(data, value_col="value", date_col="month")
    assert "No values" in describe(result)


def test_one_point_is_too_few_and_compares_level_with_target() -> None:
    data = pd.DataFrame({"month": [pd.Timestamp("2025-03-01")], "value": [70.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        result = spc(data, value_col="value", date_col="month", target=78.0)
    text = describe(result, unit="percent")
    assert "Only one month" in text and "March 2025: 70%" in text
    assert "does not meet the 78% target" in text


def test_few_points_carry_a_caveat() -> None:
    data = pd.DataFrame(
        {"month": pd.date_range("2024-01-01", periods=8, freq="MS"), "value": BASELINE[:8]}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        result = spc(data, value_col="value", date_col="month")
    assert "with only 8 months the limits are still provisional" in describe(result)


def test_constant_series() -> None:
    data = pd.DataFrame(
        {"month": pd.date_range("2024-01-01", periods=15, freq="MS"), "value": [95.0] * 15}
    )
    result = spc(data, value_col="value", date_col="month", target=90.0)
    text = describe(result, unit="percent")
    assert "every one of the last 15 months" in text and "95%" in text
    assert "That level meets the 90% target." in text


def test_missing_latest_value_is_said_and_the_rest_described() -> None:
    text = describe(points([80.0, np.nan]), unit="percent")
    assert "no value was recorded for February 2025" in text
    assert "up to January 2025" in text and "above the upper process limit" in text


def test_rebase_describes_the_current_group_only() -> None:
    result = points([70.0, 72.0] * 7, rebase="2025-01-01")
    text = describe(result, unit="percent")
    assert text.startswith("No change: the last 14 months") and "71%" in text


def test_counts_minutes_and_weeks() -> None:
    data = pd.DataFrame(
        {
            "week": pd.date_range("2025-01-06", periods=13, freq="W-MON"),
            "value": [12000.0, 12500.0] * 6 + [30000.0],
        }
    )
    result = spc(data, value_col="value", date_col="week")
    text = describe(result, unit="count", frequency="week", metric_name="Attendances")
    assert "the week of 31 March 2025" in text and "Yes —" in text


def test_a_quarter_is_named_by_its_first_month() -> None:
    data = pd.DataFrame(
        {
            "quarter": pd.date_range("2022-01-01", periods=14, freq="QS"),
            "value": [60.0, 62.0] * 6 + [61.0, np.nan],
        }
    )
    result = spc(data, value_col="value", date_col="quarter")
    text = describe(result, unit="percent", frequency="quarter", metric_name="Uptake")
    assert "no value was recorded for the quarter from April 2025" in text, text
