"""Each chart's centre line and sigma, from the formulas by hand on tiny series."""

from __future__ import annotations

import math

import numpy as np
import pytest

from impact.spc.charts import CHARTS, D2, Segmented, chart_limits


def one_segment(n: int, fix_n: int | None = None) -> Segmented:
    return Segmented(np.array([0]), np.array([n]), fix_n)


def test_i_chart_screens_large_moving_ranges() -> None:
    y = np.array([10, 12, 10, 12, 40, 12, 10.0])
    _, limits = chart_limits("i", one_segment(7), y, None, screen=True)
    mr = np.abs(np.diff(y))
    kept = mr[mr < 3.267 * mr.mean()]
    assert limits.centre[0] == pytest.approx(y.mean())
    assert limits.sigma[0] == pytest.approx(kept.mean() / D2)
    _, unscreened = chart_limits("i", one_segment(7), y, None, screen=False)
    assert unscreened.sigma[0] == pytest.approx(mr.mean() / D2)


def test_p_chart_pools_and_clips_to_zero_and_one() -> None:
    num, den = np.array([1.0, 2, 1]), np.array([10.0, 10, 5])
    values, limits = chart_limits("p", one_segment(3), num, den, screen=True)
    p = 4 / 25
    assert values.tolist() == pytest.approx([0.1, 0.2, 0.2])
    assert limits.sigma.tolist() == pytest.approx([math.sqrt(p * (1 - p) / d) for d in den])
    low, high = limits.lines(3)
    assert (low >= 0).all() and (high <= 1).all() and low[2] == 0


def test_laney_p_prime_scales_sigma_by_the_z_scores_spread() -> None:
    num, den = np.array([100.0, 130, 90, 120]), np.array([1000.0, 1000, 1000, 1000])
    _, p = chart_limits("p", one_segment(4), num, den, screen=False)
    _, laney = chart_limits("pp", one_segment(4), num, den, screen=False)
    z = (num / den - p.centre) / p.sigma
    assert laney.sigma == pytest.approx(p.sigma * np.abs(np.diff(z)).mean() / D2)


def test_c_g_and_t_charts() -> None:
    counts = np.array([4.0, 6, 5, 9])
    _, c = chart_limits("c", one_segment(4), counts, None, screen=True)
    assert c.sigma[0] == pytest.approx(math.sqrt(6.0))
    _, g = chart_limits("g", one_segment(4), counts, None, screen=True)
    assert g.target[0] == 5.5 and g.centre[0] == 6.0  # centre line median, limits about mean
    assert g.sigma[0] == pytest.approx(math.sqrt(6 * 7))
    _, t = chart_limits("t", one_segment(4), counts, None, screen=False)
    transformed = counts ** (1 / 3.6)
    assert t.target[0] == pytest.approx(transformed.mean() ** 3.6)
    low, high = t.lines(3)
    assert low[0] >= 0 and high[0] > t.target[0]


def test_the_baseline_sets_the_limits_and_segments_are_apart() -> None:
    y = np.array([1.0, 3, 1, 3, 50, 50, 7, 9, 7, 9])
    seg = Segmented(np.array([0, 6]), np.array([6, 4]), fix_n=4)
    _, limits = chart_limits("i", seg, y, None, screen=False)
    assert limits.centre.tolist() == [2.0, 8.0]
    assert limits.sigma.tolist() == pytest.approx([2 / D2, 2 / D2])


def test_every_chart_gives_nan_for_an_empty_segment() -> None:
    seg = Segmented(np.array([0, 3]), np.array([3, 0]), None)
    num, den = np.array([1.0, 2, 3]), np.array([5.0, 5, 5])
    for chart in CHARTS:
        _, limits = chart_limits(chart, seg, num, den, screen=True)
        assert len(limits.target) in (2, 3)
