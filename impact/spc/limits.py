"""XmR limits: the mean, the mean moving range, outlier screening, the fixed baseline.

Process limits sit 2.66 mean moving ranges from the mean (3 sigma), the "near" lines at
2 sigma. Means are computed as R computes them (to the last bit), because a point lying
exactly on a limit must be judged as NHSRplotthedots judges it. Rebasing is not here: a
rebase starts a new segment (:mod:`impact.spc.segments`) and each segment has its own limits.
"""

from __future__ import annotations

import numpy as np

#: Process limits sit this many mean moving ranges from the mean (3 sigma for XmR charts).
LIMIT = 2.66
#: The "near limit" lines (2 sigma), computed exactly as R does: ``2 * (limit / 3)``.
LIMIT_CLOSE = 2 * (LIMIT / 3)
#: Moving ranges at or above this multiple of their mean are screened out as outliers.
MR_SCREEN = 3.267
#: The fewest points whose limits are not trial limits: the Making Data Count minimum for a
#: baseline. The one home of "12 points": the shortest ``fix_after_n_points``, the point
#: below which the answer calls limits provisional, and the before/after minimum of a project.
MIN_POINTS_FOR_LIMITS = 12
#: Groups with fewer points than this carry ``short_group_warning``: R's default threshold,
#: 13, is one more than its message's ``n < 12``; kept for parity with R.
SHORT_GROUP_THRESHOLD = MIN_POINTS_FOR_LIMITS + 1
#: The warning R gives when any group is short, word for word.
SHORT_GROUP_MESSAGE = (
    f"Some groups have 'n < {MIN_POINTS_FOR_LIMITS}' observations. These have trial limits, "
    "which will be revised with each additional observation until 'n = fix_after_n_points' "
    "has been reached."
)


class ShortGroupWarning(UserWarning):
    """Some facet x rebase group has fewer than 13 points: its limits are trial limits."""


def r_mean(x: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Per-segment ``mean(x, na.rm = TRUE)`` as R computes it (NaN when no values).

    R sums in long double, divides, then adds the mean residual as a correction; doing the
    same keeps the limits identical to R's to the last bit, which matters when a point lies
    exactly on a limit.
    """
    missing = np.isnan(x)
    any_missing = bool(missing.any())
    xl = x.astype(np.longdouble)  # one extended-precision buffer, reused in place
    if any_missing:
        count = length - np.add.reduceat(missing, start, dtype=np.int64)
        xl[missing] = 0
    else:
        count = length
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.add.reduceat(xl, start) / count
        xl -= np.repeat(s, length)
        if any_missing:
            xl[missing] = 0
        t = np.add.reduceat(xl, start)
        s = np.where(np.isfinite(s), s + t / count, s)
    return s.astype(np.float64)


def baseline_values(
    y: np.ndarray, start: np.ndarray, length: np.ndarray, fix_n: int | None
) -> np.ndarray:
    """The values the limits are computed from: each segment's first ``fix_n`` (all if None)."""
    if fix_n is None:
        return y
    pos = np.arange(len(y)) - np.repeat(start, length)
    return np.where(pos < fix_n, y, np.nan)


def xmr_limits(
    fix_y: np.ndarray, start: np.ndarray, length: np.ndarray, screen: bool
) -> dict[str, np.ndarray]:
    """Per-segment ``mean, lpl, upl, nlpl, nupl`` from the baseline values ``fix_y``.

    The moving range never spans a segment start. With ``screen``, moving ranges at or above
    :data:`MR_SCREEN` times their mean are dropped once before the mean moving range is taken.
    """
    mean = r_mean(fix_y, start, length)
    mr = np.empty(len(fix_y))
    np.subtract(fix_y[1:], fix_y[:-1], out=mr[1:])
    np.abs(mr, out=mr)
    mr[start] = np.nan
    if screen:
        amr_all = r_mean(mr, start, length)
        with np.errstate(invalid="ignore"):
            mr[~(mr < np.repeat(MR_SCREEN * amr_all, length))] = np.nan
    amr = r_mean(mr, start, length)
    return {
        "mean": mean,
        "lpl": mean - LIMIT * amr,
        "upl": mean + LIMIT * amr,
        "nlpl": mean - LIMIT_CLOSE * amr,
        "nupl": mean + LIMIT_CLOSE * amr,
    }
