"""The limits of one calculation period and the rule breaks around them, as autospc forms them.

The Stable Shift Algorithm (:mod:`impact.spc.stable_shift`) keeps asking two questions: "what
are the limits of the ``period_min`` points starting here?" and "which points break rule 1 (a
point outside the limits) or rule 2 (a run of ``shift_rule_threshold`` points on one side of
the centre line)?". Both are answered here for many windows at once (one row per series), so
the algorithm never loops over series. Every formula is autospc 0.0.0.9051's own
(``R/get_limits_xmr.R``, ``R/get_limits_p.R``, ``R/algorithm_helpers.R``, ``R/spc_rules.R``),
including its quirks, because the point is to draw the same limits as the R package:

* an XmR period's moving ranges join the points either side of an excluded point;
* moving ranges above 3.267 x their mean are screened out up to ``mr_screen_max_loops`` times,
  keeping only those strictly below the screening limit;
* the "extreme" points excluded from a period's limits are found one at a time, the furthest
  outside the limits first, recomputing the limits after each (tied points all go at once);
* a point is "on the centre line" within ``centre_line_tolerance`` plus R's fpCompare
  tolerance (the square root of machine epsilon), and a point on the centre line ends a run.
"""

from __future__ import annotations

import numpy as np

#: R's ``fpCompare`` tolerance, ``.Machine$double.eps ^ 0.5``, used by autospc's comparisons.
FP_TOLERANCE = float(np.finfo(float).eps ** 0.5)
#: Moving ranges at or above this multiple of their mean are screened out (autospc's 3.267).
MR_SCREEN = 3.267
#: Mean moving range / this = sigma (the d2 constant for moving ranges of two).
D2 = 1.128
#: ``above_or_below`` code of a point R cannot place (within the tolerance band's edge).
UNPLACED = 2


def _previous_kept(keep: np.ndarray) -> np.ndarray:
    """For each column, the index of the nearest kept column strictly before it (-1 if none)."""
    cols = np.where(keep, np.arange(keep.shape[1]), -1)
    last = np.maximum.accumulate(cols, axis=1)
    prev = np.full_like(last, -1)
    prev[:, 1:] = last[:, :-1]
    return prev


def _moving_ranges(values: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``abs(diff(values[keep]))`` for every row: each kept point's range to the kept one before."""
    prev = _previous_kept(keep)
    valid = keep & (prev >= 0)
    before = np.take_along_axis(values, np.maximum(prev, 0), axis=1)
    return np.abs(values - before), valid


def screened_mean_range(mr: np.ndarray, valid: np.ndarray, loops: float) -> np.ndarray:
    """Mean moving range per row after autospc's screening (``mr_lims_calc``).

    While any counted range is above 3.267 x the mean (and fewer than ``loops`` passes have
    run), only the ranges strictly below that limit are kept and the mean recomputed.
    """
    valid = valid.copy()
    mean = _row_mean(mr, valid)
    done = 0
    while done < loops:
        limit = MR_SCREEN * mean
        again = (valid & (mr > limit[:, None])).any(axis=1)
        if not again.any():
            break
        valid[again] &= mr[again] < limit[again, None]
        mean = np.where(again, _row_mean(mr, valid), mean)
        done += 1
    return mean


def _row_mean(values: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Each row's ``mean()`` of its counted values as R computes it (NaN when none).

    R sums in long double, divides, then adds the mean residual as a correction; doing the
    same keeps the limits R's to the last bit, which decides ties between extreme points and
    points lying exactly on a limit.
    """
    count = counted.sum(axis=1)
    wide = np.where(counted, values, 0).astype(np.longdouble)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = wide.sum(axis=1) / count
        residual = np.where(counted, wide - mean[:, None], 0).sum(axis=1)
        mean = np.where(np.isfinite(mean), mean + residual / count, mean)
    return mean.astype(np.float64)


def _r_sum(values: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """Each row's ``sum()`` of its counted values, accumulated in long double as R does."""
    return np.where(counted, values, 0).astype(np.longdouble).sum(axis=1).astype(np.float64)


def i_limits(
    y: np.ndarray, excluded: np.ndarray, loops: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """XmR centre line and limits of each row's window (``get_i_limits``), excluding points."""
    keep = ~excluded
    mean = _row_mean(y, keep)
    mr, valid = _moving_ranges(y, keep)
    sigma = screened_mean_range(mr, valid, loops) / D2
    width = np.broadcast_to((3 * sigma)[:, None], y.shape)
    return mean, mean[:, None] + width, mean[:, None] - width


def pp_limits(
    num: np.ndarray, den: np.ndarray, excluded: np.ndarray, loops: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Laney P' centre line and limits in percent of each row's window (``get_pp_limits``).

    The spread of the z-scores (each point's distance from the pooled proportion in binomial
    standard errors) is estimated from their moving ranges, excluding points, and scales every
    point's own binomial limit; a lower limit below zero is raised to zero.
    """
    keep = ~excluded
    with np.errstate(invalid="ignore", divide="ignore"):
        pbar = _r_sum(num, keep) / _r_sum(den, keep)
        spread = (pbar * (1 - pbar))[:, None]
        z = (num / den - pbar[:, None]) / np.sqrt(spread / den)
        mr, valid = _moving_ranges(z, keep)
        sigma_z = screened_mean_range(mr, valid, loops) / D2
        stdev = np.sqrt(spread / den) * sigma_z[:, None]
    cl = pbar * 100
    ucl = cl[:, None] + 3 * stdev * 100
    lcl = cl[:, None] - 3 * stdev * 100
    lcl[(lcl < 0) & np.isfinite(lcl)] = 0.0
    return cl, ucl, lcl


def period_limits(
    y: np.ndarray,
    den: np.ndarray | None,
    num: np.ndarray | None,
    max_exclusions: int,
    loops: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Limits of each row's calculation window after excluding its extreme points.

    ``y`` is what the chart plots (the value, or the percentage for P'); ``num``/``den`` are
    given for P'. Returns ``(cl, ucl, lcl, excluded)``. autospc's ``find_extremes``: up to
    ``max_exclusions`` passes, each excluding the rule-1 point(s) furthest outside the limits
    of the points not yet excluded; ties are all excluded in that pass (and count towards the
    later passes), then only the first ``max_exclusions`` excluded points are left out.
    """

    def limits(rows: np.ndarray, excluded: np.ndarray):
        if den is None:
            return i_limits(y[rows], excluded, loops)
        return pp_limits(num[rows], den[rows], excluded, loops)

    n_rows = y.shape[0]
    rank = np.zeros(y.shape, dtype=np.int64)  # order in which points were excluded, 0 = kept
    count = np.zeros(n_rows, dtype=np.int64)
    cl, ucl, lcl = np.empty(n_rows), np.empty(y.shape), np.empty(y.shape)
    # a window whose pass finds no extreme point is settled: later passes would repeat it
    unsettled = np.arange(n_rows)
    for _ in range(max_exclusions):
        if not unsettled.size:
            break
        excluded = rank[unsettled] > 0
        c, u, low = limits(unsettled, excluded)
        cl[unsettled], ucl[unsettled], lcl[unsettled] = c, u, low
        yu = y[unsettled]
        rule1 = (yu > u) | (yu < low)
        centre = c[:, None]
        distance = np.where(rule1 & (yu > centre), yu - u, np.nan)
        distance = np.where(rule1 & (yu < centre), low - yu, distance)
        distance[excluded] = np.nan
        furthest = np.max(np.where(np.isnan(distance), -np.inf, distance), axis=1)
        new = distance == furthest[:, None]
        ranks = rank[unsettled]
        ranks[new] = (count[unsettled, None] + np.cumsum(new, axis=1))[new]
        rank[unsettled] = ranks
        found = new.any(axis=1)
        count[unsettled] += new.sum(axis=1)
        unsettled = unsettled[found]
    excluded = (rank > 0) & (rank <= max_exclusions)
    # limits are final except where the last pass excluded more, or ties went over the maximum
    again = np.union1d(unsettled, np.flatnonzero(count > max_exclusions))
    if again.size:
        cl[again], ucl[again], lcl[again] = limits(again, excluded[again])
    return cl, ucl, lcl, excluded


def above_or_below(y: np.ndarray, cl: np.ndarray, tolerance: float) -> np.ndarray:
    """1 above the centre line, -1 below, 0 on it (within the tolerance), as autospc places them.

    autospc compares with fpCompare's ``%<=%``, ``%>>%`` and ``%<<%``, which add R's own
    tolerance; the rare point exactly on that band's edge gets :data:`UNPLACED` (R's NA).
    """
    d = y - cl
    above = (d - FP_TOLERANCE) > tolerance
    below = d < (-tolerance - FP_TOLERANCE)
    on = np.abs(d) < tolerance + FP_TOLERANCE  # R's case_when tries "on the line" first
    out = (above & ~on).view(np.int8) - (below & ~on).view(np.int8)
    unplaced = ~(above | below | on)
    if unplaced.any():
        out[unplaced] = UNPLACED
    return out


def run_starts(side: np.ndarray, segment_start: np.ndarray) -> np.ndarray:
    """Where a run begins: a segment start, a change of side, either side of an unplaced point."""
    start = segment_start.copy()
    start[:, 0] = True
    change = side[:, 1:] != side[:, :-1]
    odd = side == UNPLACED
    start[:, 1:] |= change | odd[:, 1:] | odd[:, :-1]
    return start


def run_lengths(start: np.ndarray) -> np.ndarray:
    """The length of the run each point belongs to, runs beginning where ``start`` is True."""
    ids = np.cumsum(start.ravel()) - 1
    return np.bincount(ids)[ids].reshape(start.shape)


def shift_points(side: np.ndarray, start: np.ndarray, threshold: int) -> np.ndarray:
    """Rule 2: points in a run of at least ``threshold`` on one side of the centre line."""
    return (run_lengths(start) >= threshold) & (side != 0) & (side != UNPLACED)
