"""Which points a chart can use, as PowerBI-SPC decides it, and the warning for the rest.

PowerBI-SPC drops a point it cannot chart (a missing value, a missing, negative or zero
denominator, a negative count, more events than cases) before computing anything, so the
limits and the runs close over the gap. The Making Data Count rule set does the same, so
that its answers are PowerBI-SPC's; the dropped points stay in the output with no
classification, and one :class:`~impact.spc.errors.SPCInputWarning` names them.
"""

from __future__ import annotations

import warnings

import numpy as np

from impact.spc.charts import AT_MOST_DENOMINATOR, NON_NEGATIVE
from impact.spc.errors import SPCInputWarning
from impact.spc.frame import Frame

#: Why a point is left out, in the order PowerBI-SPC checks (the first that applies is named).
REASONS: tuple[str, ...] = (
    "",
    "denominator missing",
    "denominator negative",
    "denominator is zero",
    "numerator greater than denominator",
    "value missing",
    "value negative",
)
#: Points named one by one in the warning; the rest are counted.
NAMED_IN_WARNING = 3


def reasons(chart: str, numerator: np.ndarray, denominator: np.ndarray | None) -> np.ndarray:
    """Each point's reason code into :data:`REASONS` (0: the point is kept)."""
    code = np.zeros(len(numerator), dtype=np.int8)
    checks: list[np.ndarray | None] = [None] * 4  # only those that apply are worked
    with np.errstate(invalid="ignore"):
        if denominator is not None:
            checks = [np.isnan(denominator), denominator < 0, denominator == 0]
            checks.append(numerator > denominator if chart in AT_MOST_DENOMINATOR else None)
        checks.append(np.isnan(numerator))
        checks.append(numerator < 0 if chart in NON_NEGATIVE else None)
    for number, failed in reversed(list(enumerate(checks, start=1))):
        if failed is not None and failed.any():
            code[failed] = number
    return code


def warn_left_out(frame: Frame, code: np.ndarray, date_col: str) -> None:
    """One warning naming the points left out (nothing when every point is kept)."""
    rows = np.flatnonzero(code)
    if len(rows) == 0:
        return
    named = [
        f"{frame.describe_facet(int(r))} on {frame.day(int(r))} ({REASONS[code[r]]})"
        for r in rows[:NAMED_IN_WARNING]
    ]
    more = len(rows) - len(named)
    tail = f"; and {more:,} more" if more else ""
    warnings.warn(
        f"spc: {len(rows):,} point(s) left out of the limits and rules ({date_col}): "
        + "; ".join(named)
        + tail,
        SPCInputWarning,
        stacklevel=3,
    )
