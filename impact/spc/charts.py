"""Each chart type's centre line and sigma, as PowerBI-SPC computes them, for many series.

Every chart here works on the *kept* points only (points PowerBI-SPC would drop, such as a
missing value or a zero denominator, are removed before this step: see
:mod:`impact.spc.validity`), over contiguous segments (facet x rebase group). The first
``fix_n`` points of each segment (all when None) are the baseline the limits come from.

=====  ==================================  ================================================
chart  centre line                         sigma (per point where the denominator varies)
=====  ==================================  ================================================
i      mean of the values                  mean moving range / 1.128 (moving ranges screened)
p      sum(numerators) / sum(denominators) sqrt(p(1 - p) / n_i); limits kept within 0..1
pp     as p                                p's sigma x (mean moving range of z-scores / 1.128)
u      as p                                sqrt(u / n_i); lower limit at least 0
up     as u                                u's sigma x (mean moving range of z-scores / 1.128)
c      mean count                          sqrt(c); lower limit at least 0
g      median (limits around the mean)     sqrt(g(g + 1)); lower limit at least 0
t      i chart of values^(1/3.6)           limits transformed back with ^3.6, at least 0
=====  ==================================  ================================================

Screening (PowerBI-SPC's default, "outliers in limits" off) drops moving ranges at or above
3.267 times their mean before averaging them again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from impact.spc.limits import MR_SCREEN

#: Chart types, as PowerBI-SPC names them.
CHARTS: tuple[str, ...] = ("i", "p", "pp", "u", "up", "c", "g", "t")
#: Charts whose value is a numerator over a denominator (the denominator is required).
NEEDS_DENOMINATOR = frozenset({"p", "pp", "u", "up"})
#: Charts whose numerator must not be negative.
NON_NEGATIVE = frozenset({"p", "pp", "u", "up", "c", "g", "t"})
#: Charts whose numerator must not exceed the denominator.
AT_MOST_DENOMINATOR = frozenset({"p", "pp"})
#: d2 for moving ranges of two: sigma = mean moving range / 1.128.
D2 = 1.128
#: The t chart's transformation: values ** (1 / 3.6) are near normal for exponential times.
T_POWER = 3.6


@dataclass
class ChartLimits:
    """The centre line, the mean the limits are around, and sigma: one per segment where
    they are constant over it (``per_segment``), else one per kept point."""

    target: np.ndarray
    centre: np.ndarray
    sigma: np.ndarray
    floor: float = -np.inf
    ceiling: float = np.inf
    per_segment: bool = True

    def lines(self, k: float) -> tuple[np.ndarray, np.ndarray]:
        """The lower and upper lines ``k`` sigma from the centre, within floor and ceiling."""
        # numpy's maximum and minimum keep NaN, as JavaScript's Math.max and Math.min do
        with np.errstate(invalid="ignore"):
            low = np.maximum(self.floor, self.centre - k * self.sigma)
            high = np.minimum(self.ceiling, self.centre + k * self.sigma)
        return low, high


class Segmented:
    """Kept points cut into segments, with each segment's baseline (the first ``fix_n``)."""

    def __init__(self, start: np.ndarray, length: np.ndarray, fix_n: int | None) -> None:
        self.start, self.length = start, length
        self.n = int(length.sum())
        self.first = np.zeros(self.n, dtype=bool)
        self.first[start[length > 0]] = True
        pos = np.arange(self.n) - np.repeat(start, length)
        self.in_base = np.ones(self.n, dtype=bool) if fix_n is None else pos < fix_n
        self.base_count = np.minimum(length, fix_n) if fix_n is not None else length.copy()

    def total(self, x: np.ndarray) -> np.ndarray:
        """Each segment's sum of ``x`` over its baseline (0 for an empty segment)."""
        return _reduce(np.where(self.in_base, x, 0.0), self.start, self.length)

    def mean(self, x: np.ndarray) -> np.ndarray:
        """Each segment's baseline mean of ``x`` (NaN for no points)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.total(x) / self.base_count

    def per_point(self, per_segment: np.ndarray) -> np.ndarray:
        return np.repeat(per_segment, self.length)

    def mean_moving_range(self, x: np.ndarray, screen: bool) -> np.ndarray:
        """Each segment's mean moving range over its baseline, screened once if asked."""
        mr = np.zeros(self.n)
        if self.n > 1:
            mr[1:] = np.abs(x[1:] - x[:-1])
        valid = self.in_base & ~self.first
        count = _reduce(valid.astype(float), self.start, self.length)
        with np.errstate(invalid="ignore", divide="ignore"):
            amr = _reduce(np.where(valid, mr, 0.0), self.start, self.length) / count
            if screen:
                keep = valid & (mr < self.per_point(MR_SCREEN * amr))
                kept_sum = _reduce(np.where(keep, mr, 0.0), self.start, self.length)
                kept_n = _reduce(keep.astype(float), self.start, self.length)
                amr = np.where(amr > 0, kept_sum / kept_n, amr)
        return amr

    def median(self, x: np.ndarray) -> np.ndarray:
        """Each segment's baseline median (NaN for no points)."""
        seg = np.repeat(np.arange(len(self.start)), self.length)
        order = np.lexsort((x, ~self.in_base, seg))  # baseline first, by value, per segment
        ordered = x[order]
        count = self.base_count
        lo = self.start + (count - 1) // 2
        hi = self.start + count // 2
        out = np.full(len(self.start), np.nan)
        has = count > 0
        out[has] = (ordered[lo[has]] + ordered[hi[has]]) / 2
        return out


def _reduce(x: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Per-segment sums, 0 for empty segments (``reduceat`` would repeat a neighbour)."""
    out = np.zeros(len(start))
    has = length > 0
    if has.any():
        out[has] = np.add.reduceat(x, start[has])
    return out


def chart_limits(
    chart: str,
    seg: Segmented,
    numerator: np.ndarray,
    denominator: np.ndarray | None,
    screen: bool,
) -> tuple[np.ndarray, ChartLimits]:
    """The plotted values and the limits of ``chart`` for every kept point."""
    if chart == "i":
        values = numerator if denominator is None else numerator / denominator
        return values, _individuals(seg, values, screen)
    if chart == "t":
        return numerator, _time_between(seg, numerator, screen)
    if chart in ("c", "g"):
        mean = seg.mean(numerator)
        if chart == "c":
            return numerator, ChartLimits(mean, mean, np.sqrt(mean), floor=0.0)
        target = seg.median(numerator)
        return numerator, ChartLimits(target, mean, np.sqrt(mean * (mean + 1)), floor=0.0)
    assert denominator is not None
    return numerator / denominator, _ratio(chart, seg, numerator, denominator, screen)


def _individuals(seg: Segmented, values: np.ndarray, screen: bool) -> ChartLimits:
    centre = seg.mean(values)
    return ChartLimits(centre, centre, seg.mean_moving_range(values, screen) / D2)


def _time_between(seg: Segmented, times: np.ndarray, screen: bool) -> ChartLimits:
    """An i chart of the transformed times; lines are transformed back, so each is its own
    centre plus or minus zero sigma (the transformation is not linear)."""
    limits = _individuals(seg, times ** (1 / T_POWER), screen)
    centre, sigma = limits.centre, limits.sigma
    return _TransformedLimits(centre**T_POWER, centre, sigma)


class _TransformedLimits(ChartLimits):
    """t chart lines: ``(centre ± k sigma) ** 3.6`` on the transformed scale, floor 0."""

    def __init__(self, target: np.ndarray, centre: np.ndarray, sigma: np.ndarray) -> None:
        super().__init__(target, centre, sigma, floor=0.0)

    def lines(self, k: float) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(invalid="ignore"):
            low = self.centre - k * self.sigma
            low = np.where(low < 0, 0.0, low**T_POWER)
            high = (self.centre + k * self.sigma) ** T_POWER
        return low, high


def _ratio(
    chart: str, seg: Segmented, numerator: np.ndarray, denominator: np.ndarray, screen: bool
) -> ChartLimits:
    """p, p′, u and u′: the pooled ratio, sigma from the binomial or Poisson, and for the
    Laney charts the extra between-period variation measured on the z-scores."""
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = seg.total(numerator) / seg.total(denominator)
    centre = seg.per_point(pooled)
    proportion = chart in ("p", "pp")
    spread = centre * (1 - centre) if proportion else centre
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(spread / denominator)
    ceiling = 1.0 if proportion else np.inf
    if chart in ("pp", "up"):
        with np.errstate(invalid="ignore", divide="ignore"):
            z = (numerator / denominator - centre) / sigma
        z_sigma = seg.per_point(seg.mean_moving_range(z, screen) / D2)
        degenerate = (centre == 0) | (centre == 1) if proportion else centre == 0
        sigma = np.where(degenerate, 0.0, sigma * z_sigma)
    return ChartLimits(centre, centre, sigma, 0.0, ceiling, per_segment=False)
