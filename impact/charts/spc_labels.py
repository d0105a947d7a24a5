"""The words an SPC chart writes about itself: its chart type, rule set and which rule fired.

The chart and rule-set names are the board's (:mod:`impact.board.chart_choice`), so the
chart, the numbers table and the answer call them the same thing.
"""

from __future__ import annotations

import pandas as pd

from impact.board.chart_choice import CHART_NAMES, RULE_SET_NAMES
from impact.spc.outputs import RULE_COLUMNS
from impact.spc.rules_mdc import SHIFT_POINTS, TREND_POINTS

#: Each Making Data Count rule's name and what it found, by the side it fired on (+1/-1).
RULE_FIRED = {
    "astronomical": (
        "Astronomical",
        {1: "a point above the upper process limit", -1: "a point below the lower process limit"},
    ),
    "shift": (
        "Shift",
        {1: f"{SHIFT_POINTS} points above the mean", -1: f"{SHIFT_POINTS} points below the mean"},
    ),
    "trend": ("Trend", {1: f"{TREND_POINTS} points rising", -1: f"{TREND_POINTS} points falling"}),
    "two_in_three": (
        "2 of 3",
        {
            1: "2 of 3 points beyond 2σ above the mean",
            -1: "2 of 3 points beyond 2σ below the mean",
        },
    ),
}


def chart_caption(points: pd.DataFrame) -> str:
    """``XmR chart · Making Data Count 2023 rules · limits recalculated after sustained shifts``."""
    parts = [CHART_NAMES.get(_first(points, "chart") or "i", "XmR chart")]
    rules = _first(points, "rules")
    if rules in RULE_SET_NAMES:
        parts.append(RULE_SET_NAMES[rules])
    if _first(points, "limits_mode") == "auto":
        parts.append("limits recalculated after sustained shifts")
    return " · ".join(parts)


def _first(points: pd.DataFrame, column: str) -> str:
    if column not in points or points.empty:
        return ""
    values = points[column].dropna()
    return str(values.iloc[0]) if not values.empty else ""


def fired_rules(row: pd.Series) -> str:
    """The rules that fired on one point, ``Shift: 7 points above the mean``; blank if none."""
    said = []
    for column in RULE_COLUMNS:
        side = row.get(column)
        if side is None or pd.isna(side) or int(side) == 0:
            continue
        name, found = RULE_FIRED[column]
        said.append(f"{name}: {found[1 if int(side) > 0 else -1]}")
    return "; ".join(said)


def rule_set_words(points: pd.DataFrame) -> str:
    """`` (Making Data Count 2023 rules)`` after a rule, or blank when the set is unknown."""
    rules = _first(points, "rules")
    return f" ({RULE_SET_NAMES[rules]})" if rules in RULE_SET_NAMES else ""
