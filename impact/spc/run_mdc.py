"""The Making Data Count rule set (November 2023) on any chart type, as PowerBI-SPC runs it.

The steps, for a chunk of whole segments at a time (so temporaries stay in cache): close
the chunk over the points the chart cannot use (:mod:`~impact.spc.validity` decided which),
compute each segment's centre line and sigma (:mod:`~impact.spc.charts`), apply the four
rules (:mod:`~impact.spc.rules_mdc`) and spread the answers back over every row. A point
left out keeps its row: the segment's lines where they are constant over it (none of its
own where they vary with the denominator), no comparisons, common cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from impact.spc.charts import ChartLimits, Segmented, chart_limits
from impact.spc.outputs import LIMITS, RULE_COLUMNS, PointArrays
from impact.spc.point_type import ABOVE_UCL, RUN_ABOVE, TREND_UP, TWO3_ABOVE
from impact.spc.rules_mdc import (
    astronomical,
    beyond,
    relative,
    shift,
    special_cause_codes,
    trend,
    two_in_three,
)
from impact.spc.segments import Segments


@dataclass(frozen=True)
class MdcOptions:
    """What the Making Data Count rule set was asked for."""

    chart: str = "i"
    fix_n: int | None = None
    screen: bool = True
    shift_points: int = 7
    trend_points: int = 7


@dataclass
class _Chunk:
    """One chunk of whole segments: its rows, and its kept points as contiguous segments."""

    rows: slice
    length: np.ndarray  # each segment's rows
    kept: np.ndarray | None  # positions (within the chunk) of the kept points; None: all
    base: Segmented  # the kept points' segments

    def take(self, x: np.ndarray | None) -> np.ndarray | None:
        if x is None:
            return None
        x = x[self.rows]
        return x if self.kept is None else x[self.kept]

    def spread(self, kept_values: np.ndarray, empty: float | int) -> np.ndarray:
        """Per kept point values on every row of the chunk (``empty`` where left out)."""
        if self.kept is None:
            return kept_values
        out = np.full(self.rows.stop - self.rows.start, empty, dtype=kept_values.dtype)
        out[self.kept] = kept_values
        return out

    def per_row(self, per_segment: np.ndarray) -> np.ndarray:
        """A per-segment value on every row of its segment, left-out rows included."""
        return np.repeat(per_segment, self.length)

    def constant(self, kept_values: np.ndarray) -> np.ndarray:
        """A per-point value that is constant over each segment, on every row of it."""
        has = self.base.length > 0
        per_segment = np.full(len(self.length), np.nan)
        per_segment[has] = kept_values[self.base.start[has]]
        return self.per_row(per_segment)


def run_mdc(
    numerator: np.ndarray,
    denominator: np.ndarray | None,
    keep: np.ndarray,
    seg: Segments,
    dir_row: np.ndarray,
    options: MdcOptions,
) -> tuple[PointArrays, np.ndarray | None, np.ndarray]:
    """Every point's limits and rule; also the plotted values (only when they are a ratio:
    otherwise they are the input's) and each segment's kept count."""
    n = len(numerator)
    points = PointArrays(n)
    points.rule_sides = {name: np.empty(n, dtype=np.int8) for name in RULE_COLUMNS}
    plotted = np.empty(n) if denominator is not None else None
    kept_length = np.empty(len(seg.start), dtype=np.int64)
    for first, stop in seg.chunks():
        a, b = int(seg.start[first]), int(seg.end[stop - 1])
        length = seg.length[first:stop]
        chunk = _chunk(slice(a, b), length, keep[a:b], options.fix_n)
        kept_length[first:stop] = chunk.base.length
        _run_chunk(points, plotted, chunk, numerator, denominator, dir_row, options)
    return points, plotted, kept_length


def _chunk(rows: slice, length: np.ndarray, keep: np.ndarray, fix_n: int | None) -> _Chunk:
    if keep.all():
        start = np.cumsum(length) - length
        return _Chunk(rows, length, None, Segmented(start, length, fix_n))
    kept = np.flatnonzero(keep)
    segment_of = np.repeat(np.arange(len(length)), length)
    kept_length = np.bincount(segment_of[kept], minlength=len(length))
    kept_start = np.cumsum(kept_length) - kept_length
    return _Chunk(rows, length, kept, Segmented(kept_start, kept_length, fix_n))


def _run_chunk(
    points: PointArrays,
    plotted: np.ndarray | None,
    chunk: _Chunk,
    numerator: np.ndarray,
    denominator: np.ndarray | None,
    dir_row: np.ndarray,
    options: MdcOptions,
) -> None:
    """Limits, comparisons and the four rules for one chunk, written into ``points``."""
    base, rows = chunk.base, chunk.rows
    values, limits = chart_limits(
        options.chart,
        base,
        chunk.take(numerator),
        chunk.take(denominator),
        options.screen,
    )
    lines = _lines(limits)
    at_point = {k: base.per_point(v) for k, v in lines.items()} if limits.per_segment else lines
    for name in LIMITS:
        if limits.per_segment:  # every row of a segment, left-out rows included
            every = chunk.kept is None
            points.limits[name][rows] = at_point[name] if every else chunk.per_row(lines[name])
        elif name == "mean":  # the centre line is the segment's even where sigma varies
            points.limits[name][rows] = chunk.constant(lines[name])
        else:
            points.limits[name][rows] = chunk.spread(lines[name], np.nan)
    side_3 = astronomical(values, at_point["lpl"], at_point["upl"])
    side_2 = beyond(values, at_point["nlpl"], at_point["nupl"])
    side_mean = relative(values, at_point["mean"])
    sides = {
        "astronomical": side_3,
        "trend": trend(values, base.first, options.trend_points),
        "two_in_three": two_in_three(side_2, base.first),
        "shift": shift(side_mean, base.first, options.shift_points),
    }
    precedence = [
        (sides["astronomical"], ABOVE_UCL),
        (sides["trend"], TREND_UP),
        (sides["two_in_three"], TWO3_ABOVE),
        (sides["shift"], RUN_ABOVE),
    ]
    code = special_cause_codes(precedence, chunk.take(dir_row))
    points.type_code[rows] = chunk.spread(code, 0)
    for name, side in sides.items():
        points.rule_sides[name][rows] = chunk.spread(side, 0)

    y = chunk.spread(values, np.nan)
    if plotted is not None:
        plotted[rows] = y
    y_missing = np.isnan(y)
    comparable = ~y_missing & ~np.isnan(points.limits["upl"][rows])
    outside = chunk.spread(side_3 != 0, False)
    points.y_missing[rows] = y_missing
    points.outside[rows] = outside
    points.close[rows] = chunk.spread(side_2 != 0, False) & ~outside
    points.not_comparable[rows] = ~comparable
    points.rtm[rows] = chunk.spread(side_mean, 0.0)
    fix_missing = y_missing | ~chunk.spread(base.in_base, False)
    points.fix_y_missing[rows] = fix_missing
    points.fix_y[rows] = np.where(fix_missing, 0.0, y)


def _lines(limits: ChartLimits) -> dict[str, np.ndarray]:
    """The centre line and the 3- and 2-sigma lines, by the engine's column names."""
    lpl, upl = limits.lines(3)
    nlpl, nupl = limits.lines(2)
    return {"mean": limits.target, "lpl": lpl, "upl": upl, "nlpl": nlpl, "nupl": nupl}
