"""The limits of one calculation period and the rule breaks, on hand-worked examples."""

from __future__ import annotations

import numpy as np
import pytest

from impact.spc.stable_shift_limits import (
    FP_TOLERANCE,
    above_or_below,
    i_limits,
    period_limits,
    pp_limits,
    run_starts,
    screened_mean_range,
    shift_points,
)


def test_moving_ranges_join_the_points_either_side_of_an_excluded_point():
    y = np.array([[1.0, 2.0, 10.0, 3.0]])
    cl, ucl, lcl = i_limits(y, np.array([[False, False, True, False]]), loops=0)
    # kept 1, 2, 3: mean 2, moving ranges 1 and 1
    assert cl[0] == 2.0
    assert ucl[0, 0] == pytest.approx(2 + 3 / 1.128)
    assert lcl[0, 3] == pytest.approx(2 - 3 / 1.128)


def test_screening_drops_large_moving_ranges_only_as_often_as_asked():
    mr = np.array([[1.0] * 9 + [20.0]])
    valid = np.ones_like(mr, dtype=bool)
    assert screened_mean_range(mr, valid, loops=0)[0] == pytest.approx(2.9)
    assert screened_mean_range(mr, valid, loops=1)[0] == pytest.approx(1.0)


def test_tied_extremes_go_together_and_only_the_first_count_to_the_maximum():
    y = np.tile([10.0, 11.0, 12.0, 11.0], 6)[None, :]
    y[0, [3, 9]] = 40.0
    _, _, _, excluded = period_limits(y, None, None, max_exclusions=3, loops=1)
    assert np.flatnonzero(excluded[0]).tolist() == [3, 9]
    _, _, _, excluded = period_limits(y, None, None, max_exclusions=1, loops=1)
    assert np.flatnonzero(excluded[0]).tolist() == [3]
    cl, _, _, excluded = period_limits(y, None, None, max_exclusions=0, loops=1)
    assert not excluded.any() and cl[0] == pytest.approx(y.mean())


def test_pp_lower_limit_stops_at_zero_and_limits_widen_for_small_denominators():
    den = np.array([[20.0, 2000.0, 20.0, 2000.0, 20.0, 2000.0]])
    num = np.round(den * np.array([[0.05, 0.04, 0.0, 0.05, 0.1, 0.03]]))
    cl, ucl, lcl = pp_limits(num, den, np.zeros_like(den, dtype=bool), loops=1)
    assert cl[0] == pytest.approx(100 * num.sum() / den.sum())
    assert (lcl >= 0).all() and lcl[0, 0] == 0.0
    assert ucl[0, 0] > ucl[0, 1]


def test_a_point_within_the_tolerance_is_on_the_centre_line():
    y = np.array([[5.0, 5.0 + FP_TOLERANCE / 2, 5.4, 4.0, 6.0]])
    assert above_or_below(y, np.full_like(y, 5.0), 0.0).tolist() == [[0, 0, 1, -1, 1]]
    assert above_or_below(y, np.full_like(y, 5.0), 0.5).tolist() == [[0, 0, 0, -1, 1]]


def test_a_run_is_cut_by_the_centre_line_and_by_a_new_period():
    side = np.array([[1, 1, 1, 0, 1, 1, 1, 1, -1, -1, -1, -1]], dtype=np.int8)
    no_break = np.zeros(side.shape, dtype=bool)
    assert shift_points(side, run_starts(side, no_break), 4)[0].tolist() == [
        *[False] * 4,
        *[True] * 8,
    ]
    period = no_break.copy()
    period[0, 6] = True  # limits recalculated at the seventh point
    assert not shift_points(side, run_starts(side, period), 4)[0, 4:8].any()
