"""Will we meet the target by its date? The chance if the current process carries on.

Targets have dates ("78 % by March 2026"). A board wants to know how likely it is that the
target month meets the target, and what monthly improvement it would take; an SPC chart
already says what the current process is, so the outlook projects that process, no more:

* **Stable process** (no trend signal): the target month is one more draw from the current
  period, ``N(mean, sigma^2 (1 + 1/n))``, where ``sigma`` is the XmR sigma (mean moving range
  / 1.128, moving ranges between consecutive points of the current period) and ``1/n``
  allows for the mean itself being estimated from n points.
* **Trend** (the caller says a trend signal is present): a least-squares line through the
  current period, by calendar month, projected to the target month with its prediction
  uncertainty, ``s^2 (1 + 1/n + (x - mean x)^2 / Sxx)``, and Student's t with n - 2 degrees
  of freedom (s is the residual standard deviation).

The chance is P(value >= target) when higher is better, P(value <= target) when lower is
better. A target of 0 reads "at or below 0"; the model's mass below 0 counts as 0 (a
measure that cannot go below zero is a normal censored at 0), so it is the chance of 0.
With no spread at all the chance is 1 or 0; when the target month is the latest point the
outcome is observed ("already met" or "missed"). ``needed_per_month`` is the average monthly
change, in the direction of improvement, from the latest value to the target by the target
month (negative: the latest value already beats the target by that much a month).

Words (:func:`chance_words`) use five bands, each with the figure:

================  ==============  =====================================================
chance            band            figure
================  ==============  =====================================================
below 0.10        very unlikely   "about 1 in N" (N = 1/p rounded; "less than 1 in 100")
0.10 to < 0.40    unlikely        "about 1 in N"
0.40 to 0.60      about even      "1 in 2", or "about 4 in 10" / "about 6 in 10"
> 0.60 to 0.90    likely          "about k in 10"
above 0.90        very likely     "about N-1 in N" (N = 1/(1-p); "more than 99 in 100")
================  ==============  =====================================================

The bands sit near the UK Professional Head of Intelligence Assessment probability
yardstick (highly unlikely 10-20 %, unlikely 25-35 %, realistic possibility 40-50 %, likely
55-75 %, highly likely 80-90 %), with its gaps closed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from impact.calendar import add_months, month_start, months_between
from impact.spc.distributions import normal_cdf, student_t_cdf

#: d2 for subgroups of 2: the XmR sigma is the mean moving range over this.
D2 = 1.128
METHODS: tuple[str, ...] = ("stable", "trend", "observed")


@dataclass(frozen=True)
class Outlook:
    """The target-date outlook for one metric and organisation."""

    probability: float  # chance the target month meets the target
    words: str  # e.g. "unlikely — about 1 in 10"; "already met" / "missed" when observed
    needed_per_month: float  # average monthly improvement needed (NaN when no months left)
    months_ahead: int  # months from the latest point to the target month
    expected: float  # the projected value in the target month
    spread: float  # its prediction standard deviation (0 when observed)
    method: str  # one of METHODS
    latest: float
    latest_period: date
    trend_per_month: float | None  # the fitted slope, when the trend is projected


def _meets(value: float, target: float, improvement: str) -> bool:
    return value >= target if improvement == "increase" else value <= target


def needed_per_month(latest: float, target: float, months_ahead: int, improvement: str) -> float:
    """Average monthly change in the direction of improvement from ``latest`` to ``target``."""
    if months_ahead <= 0:
        return math.nan
    gap = target - latest if improvement == "increase" else latest - target
    return gap / months_ahead


def _chance(z: float, improvement: str, df: int | None) -> float:
    """P(meets) given z = (target - expected) / spread."""
    below = normal_cdf(z) if df is None else student_t_cdf(z, df)
    return below if improvement == "decrease" else 1.0 - below


def chance_words(probability: float) -> str:
    """The band and figure for a chance (see the module's table)."""
    p = float(probability)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a chance is between 0 and 1; got {probability}")
    if p < 0.4:
        band = "very unlikely" if p < 0.1 else "unlikely"
        figure = "less than 1 in 100" if p < 0.01 else f"about 1 in {round(1 / p)}"
    elif p <= 0.6:
        tenths = round(p * 10)
        band, figure = "about even", "1 in 2" if tenths == 5 else f"about {tenths} in 10"
    elif p <= 0.9:
        band, figure = "likely", f"about {round(p * 10)} in 10"
    else:
        q = 1.0 - p
        n = round(1 / q) if q >= 0.01 else 0
        band = "very likely"
        figure = "more than 99 in 100" if q < 0.01 else f"about {n - 1} in {n}"
    return f"{band} — {figure}"


def _points(periods: Sequence[Any], values: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Month positions (from the first period) and values, missing values left out."""
    if len(periods) != len(values):
        raise ValueError("outlook: give one period per value")
    y = np.asarray(values, dtype=float)
    months = [month_start(p) for p in periods]
    x = np.array([months_between(months[0], m) for m in months], dtype=float)
    if np.any(np.diff(x) <= 0):
        raise ValueError("outlook: the periods must be in order, oldest first, one per month")
    keep = np.isfinite(y)
    return x[keep], y[keep]


def _stable(y: np.ndarray) -> tuple[float, float]:
    sigma = float(np.mean(np.abs(np.diff(y)))) / D2
    return float(np.mean(y)), sigma * math.sqrt(1.0 + 1.0 / len(y))


def _trend(x: np.ndarray, y: np.ndarray, at: float) -> tuple[float, float, float]:
    """Expected value and prediction sd at month ``at``, and the slope per month."""
    n = len(y)
    x_bar = float(x.mean())
    sxx = float(np.sum((x - x_bar) ** 2))
    slope = float(np.sum((x - x_bar) * (y - y.mean())) / sxx)
    intercept = float(y.mean()) - slope * x_bar
    residuals = y - (intercept + slope * x)
    s = math.sqrt(float(np.sum(residuals**2)) / (n - 2))
    spread = s * math.sqrt(1.0 + 1.0 / n + (at - x_bar) ** 2 / sxx)
    return intercept + slope * at, spread, slope


def target_outlook(
    periods: Sequence[Any],
    values: Sequence[float],
    *,
    target: float,
    target_period: Any,
    improvement: str = "increase",
    trend: bool = False,
) -> Outlook:
    """The outlook for ``target`` in ``target_period`` from the current period's points.

    ``periods``/``values`` are the current period (since the last recalculation of the
    limits), oldest first; ``trend`` says whether a trend signal is present. Raises
    ``ValueError`` for a neutral direction, periods out of order or repeated, a target
    month before the latest point, or fewer than 2 points (3 for a trend).
    """
    if improvement not in ("increase", "decrease"):
        raise ValueError(
            f"outlook: a target needs improvement increase or decrease; got {improvement!r}"
        )
    x, y = _points(periods, values)
    if len(y) < (3 if trend else 2):
        raise ValueError(f"outlook: needs at least {3 if trend else 2} points; got {len(y)}")
    latest_period = add_months(month_start(periods[0]), int(x[-1]))
    ahead = months_between(latest_period, month_start(target_period))
    if ahead < 0:
        raise ValueError(
            f"outlook: the target month {month_start(target_period):%Y-%m} is before the "
            f"latest point ({latest_period:%Y-%m})"
        )
    latest = float(y[-1])
    needed = needed_per_month(latest, target, ahead, improvement)
    slope: float | None = None
    if ahead == 0:
        expected, spread, method, df = latest, 0.0, "observed", None
    elif trend:
        expected, spread, slope = _trend(x, y, x[-1] + ahead)
        method, df = "trend", len(y) - 2
    else:
        (expected, spread), method, df = _stable(y), "stable", None
    if spread > 0:
        probability = _chance((target - expected) / spread, improvement, df)
    else:
        probability = 1.0 if _meets(expected, target, improvement) else 0.0
    if method == "observed":
        words = "already met" if probability == 1.0 else "missed"
    else:
        words = chance_words(probability)
    return Outlook(
        probability=probability,
        words=words,
        needed_per_month=needed,
        months_ahead=ahead,
        expected=expected,
        spread=spread,
        method=method,
        latest=latest,
        latest_period=latest_period,
        trend_per_month=slope,
    )
