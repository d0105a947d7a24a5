"""Funnel plots (Spiegelhalter 2005) for peer comparison, identical to PowerBI-Funnels.

"Are we an outlier among our peers?" is answered by where an organisation's value sits
against control limits that narrow as its denominator grows: a small trust's 70 % may be
chance where a large trust's is not. The NHS uses the PowerBI-Funnels visual for this, so
:func:`funnel` reproduces its numbers (golden tests run its own JavaScript through
``controlchartspy.funnel``). The method, per chart type:

* **PR**, a proportion ``numerator / denominator``: arcsine square-root scale,
  ``y = asin(sqrt(p))``, ``SE = 1 / (2 sqrt(n))``, target ``asin(sqrt(sum num / sum den))``;
  limits ``sin(target + q * sqrt(SE^2 + tau2))^2`` (clamped to 0..pi/2 first).
* **SR**, a standardised ratio observed / expected (e.g. SHMI): target 1. Without
  overdispersion the limits are exact Poisson, ``qchisq(p, 2 (E + [p > 1/2])) / (2 E)``, and
  the z-score is ``qnorm(pchisq(2 O, 2 (E + [O > E])))`` (PowerBI-Funnels' formula as it
  stands, with E in the degrees of freedom). With it, the square-root scale:
  ``y = sqrt(O / E)``, ``SE = 1 / (2 sqrt(E))``, limits ``(1 + q * sqrt(SE^2 + tau2))^2``.
* **RC**, a ratio of two counts: log scale, ``y = log((num + 1/2) / (den + 1/2))``,
  ``SE^2 = r / (r + 1/2)^2 + d / (d + 1/2)^2`` (observed ``r`` for the overdispersion estimate,
  ``target * d`` for limits and z-scores), limits ``exp(log target + q * sqrt(SE^2 + tau2))``.

Elsewhere the z-score is ``(y - target) / SE`` on the chart's scale.

Overdispersion (too many organisations outside the limits because real differences exist
beyond chance): z-scores ``(y - target) / SE`` are winsorised at their 10th and 90th
centiles, ``phi`` is the mean of their squares, and the random-effects variance is
``tau2 = (N phi - (N - 1)) / (sum w - sum w^2 / sum w)`` with ``w = 1 / SE^2`` (0 when
``N phi < N - 1``). ``"yes"`` adjusts whenever ``tau2 > 0``; ``"auto"`` only when also
``N phi > qchisq(0.95, N - 1)``; an adjusted z-score is ``z * SE / sqrt(SE^2 + tau2)``.

The "99" limits are PowerBI-Funnels' 99.8 % limits (probabilities 0.001 and 0.999, about
3 sigma), the "95" limits 95 % (0.025 and 0.975). A limit that does not move the right way
between ``n`` and ``1.001 n`` is left out (NaN), as PowerBI-Funnels does (rare: limits
are monotone, and a limit clamped at 0 or 100 % stays put rather than moving back).
:func:`funnel_lines` gives the curves to draw, on PowerBI-Funnels' own grid.

Units: ``value``, ``target`` and the limits are multiplied by ``multiplier``. By default (as
in PowerBI-Funnels) proportions come back as **percentages** (multiplier 100: 74.2 means
74.2 %), ratios and ratios of counts as plain ratios (multiplier 1); pass ``multiplier=1`` for
proportions as fractions, or ``100`` for an SR on the SHMI/HSMR scale. ``z`` is unscaled.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.spc.distributions import (
    chisq_log_cdf,
    chisq_quantile,
    normal_quantile,
)
from impact.spc.funnel_checks import check_options, checked_input

#: Limit names and their two-sided probabilities (PowerBI-Funnels' "99" is 99.8 %).
LIMIT_PROBABILITIES: dict[str, float] = {"ll99": 0.001, "ll95": 0.025, "ul95": 0.975, "ul99": 0.999}
#: ``outlier`` labels: the value against the limits, whatever the direction of improvement.
OUTLIER_CLASSES: tuple[str, ...] = ("above 99", "above 95", "within", "below 95", "below 99")
FUNNEL_COLUMNS: tuple[str, ...] = (
    "group", "numerator", "denominator", "value", "target",
    "ll95", "ul95", "ll99", "ul99", "z", "outlier", "od_adjusted",
)  # fmt: skip

#: Columns of :func:`funnel_lines`.
LINE_COLUMNS: tuple[str, ...] = ("denominator", "target", "ll95", "ul95", "ll99", "ul99")

_vector = np.vectorize


@dataclass(frozen=True)
class _Data:
    numerators: np.ndarray
    denominators: np.ndarray


@dataclass(frozen=True)
class _Chart:
    """One chart type's formulas, each in PowerBI-Funnels' own terms.

    ``limit(data, denominators, p, tau2, od)`` is the limit with probability ``p`` at each
    denominator (``tau2`` is 0 unless adjusting; SR also switches formula on ``od``);
    ``z(data, unadjusted_z, se, tau2, od)`` the reported z-scores.
    """

    target: Callable[[_Data], float]
    target_transformed: Callable[[_Data], float]
    y: Callable[[_Data], np.ndarray]
    se_observed: Callable[[_Data], np.ndarray]
    limit: Callable[[_Data, np.ndarray, float, float, bool], np.ndarray]
    z: Callable[[_Data, np.ndarray, np.ndarray, float, bool], np.ndarray]


def _shrunk(zs: np.ndarray, se: np.ndarray, tau2: float) -> np.ndarray:
    """Overdispersion-adjusted z-scores: the same distance over the wider spread."""
    return zs * se / np.sqrt(se**2 + tau2)


def _pooled(d: _Data) -> float:
    """The target of PR and RC: all numerators over all denominators."""
    return float(d.numerators.sum() / d.denominators.sum())


def _half_root_se(d: _Data, n: np.ndarray | None = None) -> np.ndarray:
    return 1.0 / (2.0 * np.sqrt(d.denominators if n is None else n))


def _pr_limit(d: _Data, n: np.ndarray, p: float, tau2: float, od: bool) -> np.ndarray:
    s = math.asin(math.sqrt(_pooled(d))) + _q(p) * np.sqrt(_half_root_se(d, n) ** 2 + tau2)
    return np.sin(np.clip(s, 0.0, math.pi / 2)) ** 2


def _sr_limit(d: _Data, n: np.ndarray, p: float, tau2: float, od: bool) -> np.ndarray:
    if od:
        s = 1.0 + _q(p) * np.sqrt(_half_root_se(d, n) ** 2 + tau2)
        return np.clip(s, 0.0, None) ** 2
    shift = 1.0 if p > 0.5 else 0.0
    exact = _vector(chisq_quantile, otypes=[float])(p, 2.0 * (n + shift))
    return np.clip(exact / 2.0 / n, 0.0, None)


def _sr_z(d: _Data, zs: np.ndarray, se: np.ndarray, tau2: float, od: bool) -> np.ndarray:
    if od:
        return _shrunk(zs, se, tau2)
    o, e = d.numerators, d.denominators
    log_p = _vector(chisq_log_cdf, otypes=[float])(2.0 * o, 2.0 * (e + (o / e > 1)))
    return _vector(lambda lp: normal_quantile(lp, log_p=True), otypes=[float])(log_p)


def _rc_log_target(d: _Data) -> float:
    return math.log(d.numerators.sum()) - math.log(d.denominators.sum())


def _rc_se(r: np.ndarray, n: np.ndarray) -> np.ndarray:
    return np.sqrt(r / (r + 0.5) ** 2 + n / (n + 0.5) ** 2)


def _rc_limit(d: _Data, n: np.ndarray, p: float, tau2: float, od: bool) -> np.ndarray:
    se = _rc_se(_pooled(d) * n, n)
    return np.clip(np.exp(_rc_log_target(d) + _q(p) * np.sqrt(se**2 + tau2)), 0.0, None)


def _rc_z(d: _Data, zs: np.ndarray, se: np.ndarray, tau2: float, od: bool) -> np.ndarray:
    fitted = _rc_se(_pooled(d) * d.denominators, d.denominators)
    with np.errstate(divide="ignore"):
        log_ratio = np.log(d.numerators / d.denominators)
    return (log_ratio - _rc_log_target(d)) / np.sqrt(fitted**2 + (tau2 if od else 0.0))


_CHARTS: dict[str, _Chart] = {
    "PR": _Chart(
        target=_pooled,
        target_transformed=lambda d: math.asin(math.sqrt(_pooled(d))),
        y=lambda d: np.arcsin(np.sqrt(d.numerators / d.denominators)),
        se_observed=_half_root_se,
        limit=_pr_limit,
        z=lambda d, zs, se, tau2, od: _shrunk(zs, se, tau2) if od else zs,
    ),
    "SR": _Chart(
        target=lambda d: 1.0,
        target_transformed=lambda d: 1.0,
        y=lambda d: np.sqrt(d.numerators / d.denominators),
        se_observed=_half_root_se,
        limit=_sr_limit,
        z=_sr_z,
    ),
    "RC": _Chart(
        target=_pooled,
        target_transformed=_rc_log_target,
        y=lambda d: np.log((d.numerators + 0.5) / (d.denominators + 0.5)),
        se_observed=lambda d: _rc_se(d.numerators, d.denominators),
        limit=_rc_limit,
        z=_rc_z,
    ),
}


def _q(p: float) -> float:
    return normal_quantile(p)


def _centile(ordered: np.ndarray, p: float) -> float:
    """Linear-interpolation centile written as PowerBI-Funnels does (bit for bit)."""
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    below = float(ordered[low])
    if low + 1 >= len(ordered):
        return below
    return below + (h - low) * (float(ordered[low + 1]) - below)


@dataclass(frozen=True)
class Overdispersion:
    """The overdispersion estimate and whether the limits were widened for it."""

    z_scores: np.ndarray  # unadjusted (y - target) / SE
    se: np.ndarray
    phi: float
    tau2: float
    adjusted: bool


def overdispersion_estimate(chart: _Chart, data: _Data, setting: str) -> Overdispersion:
    """Spiegelhalter's winsorised estimate of tau2, and the "no"/"yes"/"auto" decision."""
    se = chart.se_observed(data)
    zs = (chart.y(data) - chart.target_transformed(data)) / se
    ordered = np.sort(zs)
    wins = np.clip(zs, _centile(ordered, 0.1), _centile(ordered, 0.9))
    n = len(zs)
    phi = float(np.sum(wins**2) / n)
    w = 1.0 / se**2
    if n < 2 or n * phi < n - 1:
        tau2 = 0.0
    else:
        tau2 = (n * phi - (n - 1)) / (w.sum() - (w**2).sum() / w.sum())
    if tau2 == 0.0 or setting == "no":
        adjusted = False
    elif setting == "yes":
        adjusted = True
    else:
        adjusted = n * phi > chisq_quantile(0.95, n - 1)
    return Overdispersion(zs, se, phi, float(tau2), adjusted)


def _limits(chart: _Chart, data: _Data, od: Overdispersion, n: np.ndarray) -> dict[str, np.ndarray]:
    """Limits at each denominator ``n``, dropping any that does not narrow towards 1.001 n."""
    tau2 = od.tau2 if od.adjusted else 0.0
    probabilities = LIMIT_PROBABILITIES.items()
    at = {k: chart.limit(data, n, p, tau2, od.adjusted) for k, p in probabilities}
    beyond = {k: chart.limit(data, n * 1.001, p, tau2, od.adjusted) for k, p in probabilities}
    for level in ("99", "95"):
        low, high = at[f"ll{level}"].copy(), at[f"ul{level}"].copy()
        low[low > beyond[f"ll{level}"]] = np.nan
        high[high < beyond[f"ul{level}"]] = np.nan
        crossed = low >= high  # False wherever either is NaN
        low[crossed] = np.nan
        high[crossed] = np.nan
        at[f"ll{level}"], at[f"ul{level}"] = low, high
    return at


def outlier_class(value: np.ndarray, limits: dict[str, np.ndarray]) -> np.ndarray:
    """ "above 99" ... "below 99" (see ``OUTLIER_CLASSES``); a missing limit flags nothing."""
    with np.errstate(invalid="ignore"):
        conditions = [
            value > limits["ul99"],
            value > limits["ul95"],
            value < limits["ll99"],
            value < limits["ll95"],
        ]
    return np.select(conditions, ["above 99", "above 95", "below 99", "below 95"], "within")


def plotting_denominators(denominators: np.ndarray) -> np.ndarray:
    """PowerBI-Funnels' x grid for the limit lines: 110 even steps from 1 to 1.1 x the
    largest denominator, the end point, and every observed denominator (so the lines pass
    exactly through each organisation's limits)."""
    top = 1.1 * float(np.max(denominators))
    grid = {float(d) for d in denominators}
    if top > 1:
        step = (top - 1) / 110
        grid.update(1 + k * step for k in range(110))
        grid.add(top)
    return np.array(sorted(grid))


@dataclass(frozen=True)
class _Prepared:
    groups: np.ndarray
    formulas: _Chart
    data: _Data
    od: Overdispersion
    scale: float


def _prepare(
    frame: pd.DataFrame,
    columns: tuple[str, str, str],
    chart: str,
    overdispersion: str,
    multiplier: float | None,
) -> _Prepared:
    """Checked input, the chart's formulas and the overdispersion decision, shared by
    :func:`funnel` and :func:`funnel_lines`."""
    check_options(chart, overdispersion)
    groups, numerators, denominators = checked_input(frame, *columns, chart)
    scale = float(multiplier if multiplier is not None else (100.0 if chart == "PR" else 1.0))
    formulas = _CHARTS[chart]
    data = _Data(numerators, denominators)
    return _Prepared(
        groups, formulas, data, overdispersion_estimate(formulas, data, overdispersion), scale
    )


def funnel(
    frame: pd.DataFrame,
    *,
    group_col: str,
    numerator_col: str,
    denominator_col: str,
    chart: str = "PR",
    overdispersion: str = "no",
    multiplier: float | None = None,
) -> pd.DataFrame:
    """One row per organisation, in the input's order, with ``FUNNEL_COLUMNS``.

    ``value``/``target``/limits are scaled by ``multiplier`` (default 100 for PR, giving
    percentages, and 1 otherwise); ``outlier`` is one of ``OUTLIER_CLASSES``;
    ``od_adjusted`` says whether the limits were widened for overdispersion. ``z`` is minus
    infinity for a zero count in SR and RC (PowerBI-Funnels shows no z there). Raises
    ``ValueError`` naming the organisations for bad input (see ``funnel_checks``).
    """
    columns = (group_col, numerator_col, denominator_col)
    prep = _prepare(frame, columns, chart, overdispersion, multiplier)
    data, od, scale = prep.data, prep.od, prep.scale
    limits = {k: v * scale for k, v in _limits(prep.formulas, data, od, data.denominators).items()}
    value = data.numerators / data.denominators * scale
    tau2 = od.tau2 if od.adjusted else 0.0
    return pd.DataFrame(
        {
            "group": prep.groups,
            "numerator": data.numerators,
            "denominator": data.denominators,
            "value": value,
            "target": prep.formulas.target(data) * scale,
            **{k: limits[k] for k in ("ll95", "ul95", "ll99", "ul99")},
            "z": prep.formulas.z(data, od.z_scores, od.se, tau2, od.adjusted),
            "outlier": outlier_class(value, limits),
            "od_adjusted": od.adjusted,
        },
        columns=list(FUNNEL_COLUMNS),
    )


def funnel_lines(
    rows: pd.DataFrame,
    *,
    chart: str = "PR",
    overdispersion: str = "no",
    multiplier: float | None = None,
) -> pd.DataFrame:
    """The target and limit lines to draw under :func:`funnel`'s ``rows``.

    Give the same ``chart``, ``overdispersion`` and ``multiplier`` as for the rows. Returns
    ``LINE_COLUMNS`` on :func:`plotting_denominators`, scaled as the rows are.
    """
    columns = ("group", "numerator", "denominator")
    prep = _prepare(rows, columns, chart, overdispersion, multiplier)
    grid = plotting_denominators(prep.data.denominators)
    limits = _limits(prep.formulas, prep.data, prep.od, grid)
    return pd.DataFrame(
        {
            "denominator": grid,
            "target": prep.formulas.target(prep.data) * prep.scale,
            **{k: limits[k] * prep.scale for k in ("ll95", "ul95", "ll99", "ul99")},
        },
        columns=list(LINE_COLUMNS),
    )
