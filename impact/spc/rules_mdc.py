"""The Making Data Count rules of November 2023, each stated once, as PowerBI-SPC applies them.

Each rule gives every point a side: +1 (above, or rising), -1 (below, or falling) or 0. They
work over whole segments at once on the kept points (a dropped point, e.g. a missing value,
is not there at all: runs and trends continue across it, as in PowerBI-SPC). ``first`` is
true on each segment's first point.

- **Astronomical**: a point beyond a 3-sigma limit.
- **Shift**: ``shift_points`` (7) points in a row on one side of the centre line; a point on
  the line neither counts nor breaks the run (it is flagged when inside one).
- **Trend**: ``trend_points`` (7) points steadily rising or falling, its first included; a
  repeated value neither counts nor breaks it. Where two trends meet, the turning point
  keeps the first trend's direction.
- **Two in three**: two of three points in a row beyond the same 2-sigma line, *including*
  points beyond the 3-sigma limit (the 2023 change); only those beyond the line are
  flagged, and the third point may lie anywhere.

NHSRplotthedots 0.2.2's older forms of these rules are in :mod:`impact.spc.rules_plotthedots`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

import numpy as np

from impact.spc.windows import all_of_last, any_of_last, any_of_next

#: Default run lengths of the 2023 rules.
SHIFT_POINTS = 7
TREND_POINTS = 7


def beyond(y: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """+1 above ``upper``, -1 below ``lower``, 0 otherwise (strictly; NaN lines never)."""
    with np.errstate(invalid="ignore"):
        return (y > upper).view(np.int8) - (y < lower).view(np.int8)


def astronomical(y: np.ndarray, ll99: np.ndarray, ul99: np.ndarray) -> np.ndarray:
    """A point beyond a 3-sigma process limit."""
    return beyond(y, ll99, ul99)


def two_in_three(side: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Points beyond a 2-sigma line (``side``: :func:`beyond` the 2-sigma lines) when another
    of a window of three in the segment is beyond the same line (a window at a segment's
    start holds the points so far).

    Two such points share a window of three exactly when they are at most two points
    apart in one segment, so each pair one or two apart is found and both ends flagged.
    """
    near = np.zeros(len(side), dtype=bool)
    beyond_line = side != 0
    for apart in (1, 2):
        # (k - apart, k) beyond the same line, no segment starting after k - apart up to k
        pair = side[apart:] == side[:-apart]
        pair &= beyond_line[apart:]
        pair &= ~any_of_last(first, apart)[apart:]
        near[apart:] |= pair
        near[:-apart] |= pair
    return np.where(near, side, np.int8(0))


def _runs(sign: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, ...]:
    """Runs of equal non-zero ``sign`` within segments, zeros skipped.

    Returns each run's first and last position (of a non-zero sign), its sign and its
    number of non-zero signs. A run ends where the sign changes or a segment starts.
    """
    at = np.flatnonzero(sign != 0)
    s = sign[at]
    if len(at) == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty, empty.astype(np.int8), empty
    segment = np.cumsum(first, dtype=np.int32)[at]
    new = np.ones(len(at), dtype=bool)
    new[1:] = (s[1:] != s[:-1]) | (segment[1:] != segment[:-1])
    run_start = np.flatnonzero(new)
    run_end = np.append(run_start[1:], len(at)) - 1
    return at[run_start], at[run_end], s[run_start], run_end - run_start + 1


def _cover(n: int, lo: np.ndarray, hi: np.ndarray, sign: np.ndarray) -> np.ndarray:
    """A side per point from disjoint ranges [lo, hi] each carrying a sign."""
    mark = np.zeros(n + 1, dtype=np.int8)
    mark[lo] = sign  # the ranges are disjoint: no start repeats, nor does an end
    mark[hi + 1] -= sign
    return np.cumsum(mark[:-1], dtype=np.int8)


def relative(y: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """+1 above the centre line, -1 below, 0 on it, NaN where there is no centre line."""
    with np.errstate(invalid="ignore"):
        return np.sign(y - centre)


def shift(side: np.ndarray, first: np.ndarray, points: int = SHIFT_POINTS) -> np.ndarray:
    """Runs of ``points`` or more on one side of the centre line (``side``: :func:`relative`;
    points on the line are skipped, a missing centre line breaks every run)."""
    missing = np.isnan(side)
    broken = first | missing if missing.any() else first
    sign = np.nan_to_num(side).astype(np.int8)
    # plain windows where no point sits on the line; the skipping rule only where one does
    out = _plain_shift(sign, broken, points)
    return _redo_where(out, (sign == 0) & ~missing, broken, sign, points, _skipping_shift)


def _plain_shift(sign: np.ndarray, first: np.ndarray, points: int) -> np.ndarray:
    """:func:`shift` for segments where no point is on the centre line: plain windows."""
    end = all_of_last(sign > 0, points) | all_of_last(sign < 0, points)
    end &= ~any_of_last(first, points - 1)
    return np.where(any_of_next(end, points), sign, 0).astype(np.int8)


def _skipping_shift(sign: np.ndarray, first: np.ndarray, points: int) -> np.ndarray:
    """:func:`shift` in full: points on the centre line neither count nor break a run."""
    lo, hi, run_sign, count = _runs(sign, first)
    keep = count >= points
    return _cover(len(sign), lo[keep], hi[keep], run_sign[keep])


def trend(y: np.ndarray, first: np.ndarray, points: int = TREND_POINTS) -> np.ndarray:
    """Points in a run of ``points`` or more rising (or falling), repeated values skipped.

    A run of steps counts its points as steps + 1 and starts at the point before its first
    step, so that point is the turning point shared with the run before; where two trends
    meet it keeps the first one's direction.
    """
    n = len(y)
    step = np.zeros(n, dtype=np.int8)
    if n > 1:
        step[1:] = np.sign(y[1:] - y[:-1]).astype(np.int8)
    step[first] = 0
    out = _plain_trend(step, points)
    return _redo_where(out, (step == 0) & ~first, first, step, points, _skipping_trend)


def _plain_trend(step: np.ndarray, points: int) -> np.ndarray:
    """:func:`trend` for segments without a repeated value: plain windows of steps."""
    up = any_of_next(all_of_last(step > 0, points - 1), points)
    down = any_of_next(all_of_last(step < 0, points - 1), points)
    # a point in both is the turning point: the earlier trend ends there, with its step
    return np.where(up & down, step, up.view(np.int8) - down.view(np.int8)).astype(np.int8)


def _skipping_trend(step: np.ndarray, first: np.ndarray, points: int) -> np.ndarray:
    """:func:`trend` in full: a repeated value neither counts nor breaks a trend."""
    lo, hi, sign, count = _runs(step, first)
    keep = count + 1 >= points
    lo, hi, sign = lo[keep], hi[keep], sign[keep]
    side = _cover(len(step), lo, hi, sign)
    # the turning point before each trend takes its sign unless an earlier trend holds it
    turning = lo - 1
    free = side[turning] == 0
    side[turning[free]] = sign[free]
    return side


def _redo_where(
    out: np.ndarray,
    awkward: np.ndarray,
    first: np.ndarray,
    sign: np.ndarray,
    points: int,
    rule: Callable[[np.ndarray, np.ndarray, int], np.ndarray],
) -> np.ndarray:
    """``out`` with every segment holding an ``awkward`` point worked again by ``rule``.

    The plain windows are exact for segments without skipped points and much faster; the
    segments with one are few, and are taken whole so each keeps its own start.
    """
    if not awkward.any():
        return out
    start = np.flatnonzero(first)
    redo = np.add.reduceat(awkward, start) > 0
    rows = np.flatnonzero(np.repeat(redo, np.diff(np.append(start, len(first)))))
    out[rows] = rule(sign[rows], first[rows], points)
    return out


def special_cause_codes(
    sides: list[tuple[np.ndarray, int]], direction_sign: np.ndarray
) -> np.ndarray:
    """``special_cause_type`` codes from each rule's sides, given in precedence order as
    (sides, code of its "above" label).

    The highest-precedence rule wins, except that when improvement and concern meet on one
    point the improvement is shown (Making Data Count's guidance): among the rules that fired
    on the better side, the highest in precedence wins.

    Each point's answer depends only on its direction and its rules' sides (3 values each),
    so the answer for every combination is worked once by :func:`_choose_codes` into a table,
    and each point looks its combination up: a few passes over bytes, however many points
    are flagged.
    """
    table = _code_table(tuple(above for _, above in sides))
    key = np.add(_as_int8(direction_sign).view(np.uint8), 1, dtype=np.uint8)
    for side, _ in sides:  # base 3, direction first: the order _code_table numbers them in
        key *= 3
        key += _as_int8(side).view(np.uint8)  # -1 is 255: adding 1 wraps it to 0
        key += 1
    return table[key]


def _as_int8(x: np.ndarray) -> np.ndarray:
    """Signs (-1, 0, +1) as int8, the type the rules give them in."""
    return x if x.dtype == np.int8 else x.astype(np.int8)


@functools.cache
def _code_table(above: tuple[int, ...]) -> np.ndarray:
    """:func:`_choose_codes` for every (direction, side of each rule) combination, indexed
    by their values + 1 read as a number in base 3, direction first."""
    combos = np.array(list(itertools.product((-1, 0, 1), repeat=len(above) + 1)), dtype=np.int8)
    sides = [(combos[:, i + 1], code) for i, code in enumerate(above)]
    return _choose_codes(sides, combos[:, 0])


def _choose_codes(sides: list[tuple[np.ndarray, int]], direction_sign: np.ndarray) -> np.ndarray:
    """The choice :func:`special_cause_codes` makes, point by point (worked on the flagged
    points only)."""
    code = np.zeros(len(direction_sign), dtype=np.int8)
    any_side = sides[0][0] != 0
    for side, _ in sides[1:]:
        any_side |= side != 0
    at = np.flatnonzero(any_side)
    if len(at) == 0:
        return code
    sign = direction_sign[at]
    chosen = np.zeros(len(at), dtype=np.int8)
    better = np.zeros(len(at), dtype=np.int8)
    for side_all, above in reversed(sides):  # lowest precedence first, overwritten by higher
        side = side_all[at]
        label = np.int8(above) + (side < 0).view(np.int8)
        np.copyto(chosen, label, where=side != 0)
        np.copyto(better, label, where=side * sign > 0)
    code[at] = np.where(better != 0, better, chosen)
    return code
