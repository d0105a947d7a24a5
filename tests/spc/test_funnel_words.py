"""The funnel sentence: No / Yes, better or worse / Not clearly, with the numbers behind it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from impact.spc.funnel_plot import funnel
from impact.spc.funnel_words import funnel_sentence

LIMITS = {"ll99": 70.2, "ll95": 71.5, "ul95": 77.1, "ul99": 79.9}
ASK = "Are we an outlier among the 122 acute trusts?"


def _say(value: float, outlier: str, improvement: str = "increase", **extra: object) -> str:
    row = {"value": value, "outlier": outlier, **LIMITS, **extra}
    return funnel_sentence(
        row, peers_label="acute trusts", n_peers=122, unit="percent", improvement=improvement
    )


def test_within() -> None:
    assert _say(74.24, "within") == f"{ASK} No: 74.2% is within what chance allows for our size."


def test_within_after_overdispersion_names_the_usual_differences() -> None:
    assert _say(74.24, "within", od_adjusted=True) == (
        f"{ASK} No: 74.2% is within what chance and the usual differences between acute "
        "trusts allow for our size."
    )


@pytest.mark.parametrize(
    ("value", "outlier", "improvement", "answer"),
    [
        (82.3, "above 99", "increase", "Yes, better: 82.3% is above what chance allows "
         "for our size (the 99.8% limit is 79.9%)."),
        (61.04, "below 99", "increase", "Yes, worse: 61.0% is below what chance allows "
         "for our size (the 99.8% limit is 70.2%)."),
        (82.3, "above 99", "decrease", "Yes, worse: 82.3% is above what chance allows "
         "for our size (the 99.8% limit is 79.9%)."),
        (61.04, "below 99", "decrease", "Yes, better: 61.0% is below what chance allows "
         "for our size (the 99.8% limit is 70.2%)."),
        (61.04, "below 99", "neutral", "Yes, lower: 61.0% is below what chance allows "
         "for our size (the 99.8% limit is 70.2%)."),
    ],
)  # fmt: skip
def test_outliers_say_better_or_worse(
    value: float, outlier: str, improvement: str, answer: str
) -> None:
    assert _say(value, outlier, improvement) == f"{ASK} {answer}"


def test_between_the_limits_is_a_warning() -> None:
    assert _say(78.04, "above 95") == (
        f"{ASK} Not clearly: 78.0% is above the 95% limit for our size (77.1%) but within "
        "the 99.8% limit (79.9%), better than most: a warning sign, not yet an outlier."
    )
    assert _say(71.04, "below 95", "decrease").startswith(
        f"{ASK} Not clearly: 71.0% is below the 95% limit for our size (71.5%)"
    )


def test_a_missing_limit_is_left_out_not_shown_as_a_dash() -> None:
    sentence = _say(82.3, "above 99", ul99=math.nan)
    assert sentence.endswith("above what chance allows for our size.")


def test_unknown_direction() -> None:
    with pytest.raises(ValueError, match="improvement must be"):
        _say(74.2, "within", "up")


def test_reads_a_real_funnel_row() -> None:
    frame = pd.DataFrame({"org": ["A", "B", "C", "D"], "n": [50, 700, 720, 300],
                          "d": [100, 1000, 1000, 400]})  # fmt: skip
    rows = funnel(frame, group_col="org", numerator_col="n", denominator_col="d")
    row = rows.set_index("group").loc["A"]
    assert row["outlier"] == "below 99"
    assert funnel_sentence(row, peers_label="trusts", n_peers=4, unit="percent").startswith(
        "Are we an outlier among the 4 trusts? Yes, worse: 50% is below"
    )
