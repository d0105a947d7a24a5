"""The NHSRplotthedots 0.2.2 rule set: XmR limits and R's rules, a chunk of segments at a time.

Working chunk by chunk keeps the temporaries small (they stay in cache and are never fresh
memory from the system); the only full-length arrays are the outputs themselves.
"""

from __future__ import annotations

import numpy as np

from impact.spc.limits import baseline_values, xmr_limits
from impact.spc.outputs import LIMITS, PointArrays
from impact.spc.rules_plotthedots import special_cause_type
from impact.spc.segments import Segments


def run_plotthedots(y: np.ndarray, seg: Segments, fix_n: int | None, screen: bool) -> PointArrays:
    """Every point's limits, comparisons and rule, byte for byte as NHSRplotthedots."""
    points = PointArrays(len(y))
    for first, stop in seg.chunks():
        _chunk(points, y, seg, first, stop, fix_n, screen)
    return points


def _chunk(
    points: PointArrays,
    y_all: np.ndarray,
    seg: Segments,
    first: int,
    stop: int,
    fix_n: int | None,
    screen: bool,
) -> None:
    """Limits, comparisons and rules for segments ``first`` to ``stop - 1``."""
    a, b = int(seg.start[first]), int(seg.end[stop - 1])
    rows = slice(a, b)
    start, length = seg.start[first:stop] - a, seg.length[first:stop]
    y = y_all[rows]
    seg_first = np.zeros(b - a, dtype=bool)
    seg_first[start] = True
    fix_y = baseline_values(y, start, length, fix_n)
    for name, values in xmr_limits(fix_y, start, length, screen).items():
        points.limits[name][rows] = np.repeat(values, length)
    mean, lpl, upl, nlpl, nupl = (points.limits[k][rows] for k in LIMITS)

    fix_missing = np.isnan(fix_y)
    points.fix_y[rows] = np.where(fix_missing, 0.0, fix_y)
    points.fix_y_missing[rows] = fix_missing
    y_missing = np.isnan(y)
    comparable = ~y_missing & ~np.isnan(upl)  # R gives NA when y or the limits are NaN
    with np.errstate(invalid="ignore"):
        above, below = y > mean, y < mean
        outside = comparable & ((y > upl) | (y < lpl))
        beyond_near = comparable & ((y < nlpl) | (y > nupl))
        points.rtm[rows] = np.where(y_missing, 0.0, np.sign(y - mean))
    close = beyond_near & ~outside
    points.y_missing[rows] = y_missing
    points.outside[rows] = outside
    points.close[rows] = close
    points.not_comparable[rows] = ~comparable
    # NHSRplotthedots counts only points between the near line and the limit towards 2 of 3
    points.type_code[rows] = special_cause_type(
        y, above, below, outside, close, comparable, seg_first
    )
