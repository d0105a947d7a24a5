"""The special-cause rules as NHSRplotthedots 0.2.2 states them, and the order they win in.

Each rule is a function over whole segments at once: ``y`` the values, ``above``/``below``
each point against its mean, ``seg_first`` true on each segment's first row. A window that
would reach across a segment start is ruled out, so no rule ever sees two processes.

When several rules fire on one point, the label shows the highest in precedence: a point
beyond a limit, then a trend, then 2 of 3 near a limit, then a shift (R's order). Which
points count towards 2 of 3 is the caller's choice (see :mod:`impact.spc.points`).
"""

from __future__ import annotations

import numpy as np

from impact.spc.point_type import ABOVE_UCL, COMMON, RUN_ABOVE, TREND_UP, TWO3_ABOVE
from impact.spc.windows import all_of_last, any_of_last, any_of_next

#: Points in a row rising (or falling) that make a trend.
TREND_POINTS = 7
#: Points in a row on one side of the mean that make a shift.
SHIFT_POINTS = 7


def trend(y: np.ndarray, seg_first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points in a run of :data:`TREND_POINTS` rising or falling, and whether each rises.

    Each step must be strict; a tie or a missing value breaks the trend, and there is no
    step into a segment's first point, so no trend crosses a segment start. The direction of
    a point follows the step after it when the next point is also in a trend, otherwise the
    step before it (R's rule; it matters only where two trends meet).
    """
    m = len(y)
    up, down = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
    with np.errstate(invalid="ignore"):
        np.greater(y[1:], y[:-1], out=up[1:])
        np.less(y[1:], y[:-1], out=down[1:])
    up &= ~seg_first
    down &= ~seg_first
    steps = TREND_POINTS - 1
    in_trend = any_of_next(all_of_last(up, steps) | all_of_last(down, steps), TREND_POINTS)
    next_in_trend = np.zeros(m, dtype=bool)
    next_in_trend[:-1] = in_trend[1:] & ~seg_first[1:]
    up_next = np.zeros(m, dtype=bool)
    up_next[:-1] = up[1:]
    return in_trend, np.where(in_trend & next_in_trend, up_next, up)


def two_in_three(
    near: np.ndarray,
    above: np.ndarray,
    below: np.ndarray,
    comparable: np.ndarray,
    seg_first: np.ndarray,
) -> np.ndarray:
    """Points flagged by "2 of 3 near a limit": only the ``near`` points of a window.

    A window is three points of one segment, all on one side of the mean (none on it, none
    missing), at least two of them ``near``.
    """
    m = len(near)
    near_1, near_2 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
    near_1[1:], near_2[2:] = near[:-1], near[:-2]
    two_near = (near & (near_1 | near_2)) | (near_1 & near_2)
    same_side = all_of_last(above & comparable, 3) | all_of_last(below & comparable, 3)
    window = same_side & two_near & ~any_of_last(seg_first, 2)
    return any_of_next(window, 3) & near


def shift(above: np.ndarray, below: np.ndarray, seg_first: np.ndarray) -> np.ndarray:
    """Points in a run of :data:`SHIFT_POINTS` on one side of the mean (a point on the mean
    or a missing value breaks the run)."""
    run_end = all_of_last(above, SHIFT_POINTS) | all_of_last(below, SHIFT_POINTS)
    run_end &= ~any_of_last(seg_first, SHIFT_POINTS - 1)
    return any_of_next(run_end, SHIFT_POINTS)


def special_cause_type(
    y: np.ndarray,
    above: np.ndarray,
    below: np.ndarray,
    outside: np.ndarray,
    near: np.ndarray,
    comparable: np.ndarray,
    seg_first: np.ndarray,
) -> np.ndarray:
    """``special_cause_type`` codes: every rule, the highest in precedence winning.

    ``outside`` marks points beyond a process limit; ``near`` the points that count towards
    2 of 3.
    """
    in_trend, trend_up = trend(y, seg_first)
    # highest precedence outermost; below/decreasing is the code after above/increasing
    is_below = (~above).view(np.int8)
    code = np.where(shift(above, below, seg_first), np.int8(RUN_ABOVE) + is_below, np.int8(COMMON))
    code = np.where(
        two_in_three(near, above, below, comparable, seg_first),
        np.int8(TWO3_ABOVE) + is_below,
        code,
    )
    code = np.where(in_trend, np.int8(TREND_UP) + (~trend_up).view(np.int8), code)
    return np.where(outside, np.int8(ABOVE_UCL) + is_below, code).astype(np.int8, copy=False)
