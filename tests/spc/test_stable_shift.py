"""The Stable Shift Algorithm's walk on arrays, on series whose answer is plain to see."""

from __future__ import annotations

import numpy as np
import pytest

from impact.spc.stable_shift import Options, stable_shift

WIGGLE = np.tile([0.3, -0.2, 0.1, -0.3, 0.2, -0.1], 20)


def _step(before: int, after: int, height: float) -> np.ndarray:
    return np.r_[np.zeros(before), np.full(after, height)] + WIGGLE[: before + after]


def test_a_sustained_step_starts_a_new_period_where_it_starts():
    y = _step(30, 30, 5.0)[None, :]
    periods = stable_shift(y, None, None, Options())
    assert np.flatnonzero(periods.break_point[0]).tolist() == [30]
    assert periods.calculation[0, :21].all() and not periods.calculation[0, 21:30].any()
    assert periods.calculation[0, 30:51].all() and not periods.calculation[0, 51:].any()
    assert periods.cl[0, 40] == pytest.approx(np.mean(y[0, 30:51]), abs=1e-12)


def test_a_shift_that_reverts_within_the_period_keeps_the_old_limits():
    y = (np.r_[np.zeros(30), np.full(12, 5.0), np.zeros(18)] + WIGGLE[:60])[None, :]
    kept = stable_shift(y, None, None, Options())
    assert not kept.break_point.any()
    every = stable_shift(y, None, None, Options(establish_every_shift=True))
    assert every.break_point[0, 30]


def test_series_are_independent_of_the_company_they_keep():
    rows = np.vstack([_step(30, 30, 5.0), _step(40, 20, -4.0), WIGGLE[:60], _step(25, 35, 3.0)])
    together = stable_shift(rows, None, None, Options())
    for i, row in enumerate(rows):
        alone = stable_shift(row[None, :], None, None, Options())
        np.testing.assert_array_equal(together.cl[i], alone.cl[0])
        np.testing.assert_array_equal(together.break_point[i], alone.break_point[0])


def test_too_short_for_a_first_period_gives_nothing():
    assert stable_shift(WIGGLE[None, :20], None, None, Options()) is None
    assert stable_shift(WIGGLE[None, :20], None, None, Options(baseline_length=12)) is not None
