"""The range a measure's values can take, and its limits as a board is shown them.

A percentage cannot fall below 0 % or rise above 100 %, and a count, a time in minutes or
days, or a rate cannot be negative; yet three-sigma limits computed from the data can fall
outside (a lower limit of -3.6 % for a trust at 58 %). Like PowerBI-SPC's ``ll_truncate``
and ``ul_truncate`` settings, charts and sentences show each limit cut back to the natural
range, while the computed limits stay exactly as the engine gave them in the numbers table
and the CSV download (so the golden tests and anyone recomputing them see the true value).
This module is the one place that says which units have which range.
"""

from __future__ import annotations

import math

import pandas as pd

#: unit → (lowest, highest) value the measure can take; ``None`` where it is unbounded.
NATURAL_RANGE: dict[str, tuple[float | None, float | None]] = {
    "percent": (0.0, 100.0),
    "proportion": (0.0, 1.0),
    "count": (0.0, None),
    "minutes": (0.0, None),
    "days": (0.0, None),
    "rate": (0.0, None),
}

#: The SPC engine's 3-sigma (``lpl``, ``upl``) and 2-sigma (``nlpl``, ``nupl``) limit columns.
LIMIT_COLUMNS = ("lpl", "upl", "nlpl", "nupl")


def natural_range(unit: str) -> tuple[float | None, float | None]:
    """The (lowest, highest) value this unit allows; ``(None, None)`` for one not listed."""
    return NATURAL_RANGE.get(unit, (None, None))


def truncate(value: float | None, unit: str) -> float | None:
    """``value`` cut back into the unit's natural range (``None`` and NaN pass through)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return value
    low, high = natural_range(unit)
    number = float(value)
    if low is not None and number < low:
        return low
    if high is not None and number > high:
        return high
    return number


def truncated_limits(points: pd.DataFrame, unit: str) -> pd.DataFrame:
    """A copy of ``points`` whose limit columns are cut back to the natural range.

    For drawing and wording only: the frame a numbers table or CSV shows keeps the
    engine's computed limits.
    """
    low, high = natural_range(unit)
    shown = points.copy()
    if low is None and high is None:
        return shown
    for column in LIMIT_COLUMNS:
        if column in shown:
            shown[column] = pd.to_numeric(shown[column], errors="coerce").clip(
                lower=low, upper=high
            )
    return shown
