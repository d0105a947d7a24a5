"""The target-date outlook on series whose answer is known, and the words for a chance."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from impact.calendar import add_months
from impact.spc import chance_words, needed_per_month, target_outlook

START = date(2024, 4, 1)
MARCH_2026 = date(2026, 3, 1)
SIX_ON = date(2026, 9, 1)  # six months after a 24-month history from START


def _months(n: int, start: date = START) -> list[date]:
    return [add_months(start, i) for i in range(n)]


def _phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def test_stable_far_below_target_is_near_0() -> None:
    values = [60.0, 61.0, 59.5, 60.5, 60.0, 61.2, 59.8, 60.4, 60.1, 59.6, 60.7, 60.2]
    out = target_outlook(_months(12), values, target=78.0, target_period=MARCH_2026)
    assert out.method == "stable"
    assert out.probability < 1e-9
    assert out.words == "very unlikely — less than 1 in 100"


def test_stable_well_above_target_is_near_1() -> None:
    values = [85.0, 86.0, 84.5, 85.5, 85.0, 86.2, 84.8, 85.4, 85.1, 84.6, 85.7, 85.2]
    out = target_outlook(_months(12), values, target=78.0, target_period=MARCH_2026)
    assert out.probability > 1 - 1e-9
    assert out.words == "very likely — more than 99 in 100"


def test_stable_exactly_at_target_is_even() -> None:
    values = [77.0, 79.0] * 6
    out = target_outlook(_months(12), values, target=78.0, target_period=MARCH_2026)
    assert out.probability == pytest.approx(0.5, abs=1e-15)
    assert out.words == "about even — 1 in 2"


def test_stable_known_answer_xmr_sigma() -> None:
    values = [70.0, 72.0] * 6  # mean 71, every moving range 2
    out = target_outlook(_months(12), values, target=73.0, target_period=MARCH_2026)
    sigma = 2 / 1.128
    spread = sigma * math.sqrt(1 + 1 / 12)
    assert out.expected == pytest.approx(71.0)
    assert out.spread == pytest.approx(spread, rel=1e-12)
    assert out.probability == pytest.approx(1 - _phi(2 / spread), rel=1e-12)
    assert out.words == "unlikely — about 1 in 7"  # 0.139


def test_lower_is_better_target_of_1_percent() -> None:
    high = [1.5, 1.6, 1.4, 1.5, 1.55, 1.45] * 2
    low = [0.5, 0.6, 0.4, 0.5, 0.55, 0.45] * 2
    kwargs = {"target": 1.0, "target_period": MARCH_2026, "improvement": "decrease"}
    assert target_outlook(_months(12), high, **kwargs).probability < 1e-6
    assert target_outlook(_months(12), low, **kwargs).probability > 1 - 1e-6


def test_target_of_zero() -> None:
    kwargs = {"target": 0.0, "target_period": MARCH_2026, "improvement": "decrease"}
    none_at_all = target_outlook(_months(8), [0.0] * 8, **kwargs)
    assert none_at_all.probability == 1.0 and none_at_all.spread == 0.0
    values = [0.0, 1.0, 0.0, 2.0, 0.0, 1.0, 1.0, 0.0]
    out = target_outlook(_months(8), values, **kwargs)
    mean, mr = np.mean(values), np.mean(np.abs(np.diff(values)))
    spread = mr / 1.128 * math.sqrt(1 + 1 / 8)
    assert out.probability == pytest.approx(_phi((0 - mean) / spread), rel=1e-12)


def _line(n: int, start: float, slope: float) -> list[float]:
    wobble = [0.5, -0.5] * (n // 2)
    return [start + slope * i + w for i, w in enumerate(wobble)]


def test_trend_projected_to_cross_the_target() -> None:
    # 60 rising a point a month over Apr 2024 - Mar 2025 (latest 71): crosses 78 around Oct 2025
    values = _line(12, 60.0, 1.0)
    late = target_outlook(_months(12), values, target=78.0, target_period=MARCH_2026, trend=True)
    assert late.method == "trend"
    assert late.trend_per_month == pytest.approx(np.polyfit(np.arange(12.0), values, 1)[0])
    assert late.trend_per_month == pytest.approx(1.0, abs=0.03)
    assert late.probability > 0.999
    early = target_outlook(
        _months(12), values, target=78.0, target_period=date(2025, 6, 1), trend=True
    )
    assert early.probability < 0.001
    stable = target_outlook(_months(12), values, target=78.0, target_period=MARCH_2026)
    assert stable.probability < 1e-6  # without the trend the same points are far below


def test_trend_known_answer_with_t_distribution() -> None:
    values = _line(12, 60.0, 1.0)
    out = target_outlook(
        _months(12), values, target=76.0, target_period=date(2025, 8, 1), trend=True
    )
    x = np.arange(12.0)
    slope, intercept = np.polyfit(x, values, 1)
    at = 11 + 5
    s = math.sqrt(np.sum((np.array(values) - (intercept + slope * x)) ** 2) / 10)
    spread = s * math.sqrt(1 + 1 / 12 + (at - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2))
    assert out.expected == pytest.approx(intercept + slope * at, rel=1e-12)
    assert out.spread == pytest.approx(spread, rel=1e-12)
    # Student t with 10 df: a target 2.228 spreads below (its published 0.975 quantile)
    shifted = target_outlook(
        _months(12),
        values,
        target=out.expected - 2.228138851986273 * out.spread,
        target_period=date(2025, 8, 1),
        trend=True,
    )
    assert shifted.probability == pytest.approx(0.975, abs=1e-12)


def test_needed_improvement_arithmetic() -> None:
    assert needed_per_month(74.2, 78.0, 6, "increase") == pytest.approx(3.8 / 6, rel=1e-15)
    assert needed_per_month(2.0, 1.0, 4, "decrease") == 0.25
    assert needed_per_month(80.0, 78.0, 4, "increase") == -0.5  # already beyond
    assert math.isnan(needed_per_month(74.2, 78.0, 0, "increase"))
    months = _months(6, date(2025, 4, 1))  # Apr - Sep 2025, latest 74.2
    out = target_outlook(
        months, [73.0, 73.5, 74.0, 73.8, 74.1, 74.2], target=78.0, target_period=MARCH_2026
    )
    assert out.months_ahead == 6
    assert out.latest == 74.2 and out.latest_period == date(2025, 9, 1)
    assert out.needed_per_month == pytest.approx(3.8 / 6, rel=1e-12)


def test_missing_values_are_skipped_and_the_latest_is_the_last_value() -> None:
    values = [70.0, 72.0, math.nan, 71.0, 73.0, math.nan]
    out = target_outlook(_months(6), values, target=78.0, target_period=MARCH_2026)
    assert out.latest == 73.0 and out.latest_period == add_months(START, 4)
    assert out.expected == pytest.approx(71.5)


def test_target_month_is_the_latest_point() -> None:
    months = _months(6)
    met = target_outlook(months, [70.0, 72, 74, 76, 78, 79], target=78.0, target_period=months[-1])
    assert (met.method, met.probability, met.words) == ("observed", 1.0, "already met")
    assert math.isnan(met.needed_per_month)
    missed = target_outlook(
        months, [70.0, 72, 74, 76, 78, 77], target=78.0, target_period=months[-1]
    )
    assert (missed.probability, missed.words) == (0.0, "missed")


def test_bad_input() -> None:
    months = _months(6)
    values = [70.0, 72, 74, 76, 78, 79]
    with pytest.raises(ValueError, match="improvement increase or decrease"):
        target_outlook(months, values, target=78, target_period=MARCH_2026, improvement="neutral")
    with pytest.raises(ValueError, match="target month 2024-05 is before the latest point"):
        target_outlook(months, values, target=78, target_period=date(2024, 5, 1))
    with pytest.raises(ValueError, match="at least 2 points; got 1"):
        target_outlook(months[:1], values[:1], target=78, target_period=MARCH_2026)
    with pytest.raises(ValueError, match="at least 3 points; got 2"):
        target_outlook(months[:2], values[:2], target=78, target_period=MARCH_2026, trend=True)
    with pytest.raises(ValueError, match="in order, oldest first"):
        target_outlook(months[::-1], values, target=78, target_period=MARCH_2026)
    with pytest.raises(ValueError, match="in order, oldest first"):
        target_outlook([months[0]] * 6, values, target=78, target_period=MARCH_2026)
    with pytest.raises(ValueError, match="one period per value"):
        target_outlook(months, values[:3], target=78, target_period=MARCH_2026)


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (0.004, "very unlikely — less than 1 in 100"),
        (0.05, "very unlikely — about 1 in 20"),
        (0.1, "unlikely — about 1 in 10"),
        (0.3, "unlikely — about 1 in 3"),
        (0.42, "about even — about 4 in 10"),
        (0.5, "about even — 1 in 2"),
        (0.8, "likely — about 8 in 10"),
        (0.9, "likely — about 9 in 10"),
        (0.95, "very likely — about 19 in 20"),
        (0.999, "very likely — more than 99 in 100"),
    ],
)
def test_chance_words(p: float, words: str) -> None:
    assert chance_words(p) == words


def test_chance_words_rejects_a_non_probability() -> None:
    with pytest.raises(ValueError):
        chance_words(1.2)


def test_stable_outlook_is_calibrated_for_a_stable_process() -> None:
    """Of stable processes given chance p, about p of them meet the target six months on."""
    rng = np.random.default_rng(15)
    chances, met = [], []
    for _ in range(3000):
        history = rng.normal(75.0, 2.0, 24)
        target = 75.0 + rng.uniform(-5, 5)
        out = target_outlook(_months(24), history, target=target, target_period=SIX_ON)
        chances.append(out.probability)
        met.append(rng.normal(75.0, 2.0) >= target)
    chances_a, met_a = np.array(chances), np.array(met)
    assert abs(chances_a.mean() - met_a.mean()) < 0.03
    for low, high in [(0.0, 0.1), (0.1, 0.4), (0.4, 0.6), (0.6, 0.9), (0.9, 1.0)]:
        band = (chances_a >= low) & (chances_a < high)
        assert band.sum() > 100
        assert abs(met_a[band].mean() - chances_a[band].mean()) < 0.06
