"""The 2023 Making Data Count rules, each at its threshold, against PowerBI-SPC's semantics."""

from __future__ import annotations

import numpy as np
import pytest

from impact.spc.point_type import ABOVE_UCL, COMMON, RUN_ABOVE, TREND_UP, TWO3_ABOVE
from impact.spc.rules_mdc import (
    _choose_codes,
    astronomical,
    beyond,
    relative,
    shift,
    special_cause_codes,
    trend,
    two_in_three,
)


def starts(n: int, *at: int) -> np.ndarray:
    first = np.zeros(n, dtype=bool)
    first[[0, *at]] = True
    return first


def test_astronomical_is_strictly_beyond_the_limit() -> None:
    y = np.array([1.0, 5.0, 9.0, 10.0])
    assert astronomical(y, np.full(4, 1.0), np.full(4, 9.0)).tolist() == [0, 0, 0, 1]
    assert astronomical(y, np.full(4, np.nan), np.full(4, np.nan)).tolist() == [0, 0, 0, 0]


def test_shift_needs_seven_and_skips_points_on_the_centre_line() -> None:
    side = relative(np.array([1, 1, 1, 0, 1, 1, 1, 1.0]), np.zeros(8))
    assert shift(side, starts(8)).tolist() == [1, 1, 1, 1, 1, 1, 1, 1]  # 7 above, one on it
    side = relative(np.array([1, 1, 1, 0, 1, 1, -1, 1.0]), np.zeros(8))
    assert shift(side, starts(8)).tolist() == [0] * 8
    side = relative(np.array([-1.0] * 7), np.zeros(7))
    assert shift(side, starts(7), points=8).tolist() == [0] * 7
    assert shift(side, starts(7)).tolist() == [-1] * 7


def test_shift_does_not_cross_a_segment_start() -> None:
    side = np.ones(10)
    assert shift(side, starts(10, 5)).tolist() == [0] * 10


def test_trend_counts_points_with_its_first_and_skips_repeats() -> None:
    y = np.array([1, 2, 3, 3, 4, 5, 6, 7.0])
    assert trend(y, starts(8)).tolist() == [1] * 8  # 7 distinct rising points, one repeat
    assert trend(y[:7], starts(7)).tolist() == [0] * 7
    falling = np.array([9, 8, 7, 6, 5, 4, 3.0])
    assert trend(falling, starts(7)).tolist() == [-1] * 7


def test_the_turning_point_keeps_the_first_trends_direction() -> None:
    y = np.array([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1.0])
    assert trend(y, starts(13)).tolist() == [1] * 7 + [-1] * 6


def test_two_in_three_counts_points_beyond_three_sigma() -> None:
    # 2-sigma lines at 2, 3-sigma at 3: a point beyond 3 sigma counts (the 2023 change)
    y = np.array([0, 3.5, -1, 2.5, 0.0])
    side = beyond(y, np.full(5, -2.0), np.full(5, 2.0))
    assert two_in_three(side, starts(5)).tolist() == [0, 1, 0, 1, 0]
    # two beyond in a window of three on opposite sides is nothing
    y = np.array([2.5, -2.5, 0.0])
    assert two_in_three(beyond(y, np.full(3, -2.0), np.full(3, 2.0)), starts(3)).tolist() == [
        0,
        0,
        0,
    ]


def test_two_in_three_does_not_reach_across_a_segment_start() -> None:
    side = np.array([0, 0, 1, 1, 0, 0], dtype=np.int8)
    assert two_in_three(side, starts(6, 3)).tolist() == [0] * 6
    assert two_in_three(side, starts(6)).tolist() == [0, 0, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("direction", "expected"),
    [(1, TREND_UP), (-1, RUN_ABOVE + 1), (0, TREND_UP)],
)
def test_improvement_wins_where_it_meets_concern(direction: int, expected: int) -> None:
    """A rising trend below the mean: improvement when higher is better (the trend), when
    lower is better the shift below is the improvement; neutral shows the higher rule."""
    sides = [
        (np.array([0], dtype=np.int8), ABOVE_UCL),
        (np.array([1], dtype=np.int8), TREND_UP),
        (np.array([0], dtype=np.int8), TWO3_ABOVE),
        (np.array([-1], dtype=np.int8), RUN_ABOVE),
    ]
    assert special_cause_codes(sides, np.array([direction], dtype=np.int8)).tolist() == [expected]


def test_no_rule_is_common_cause() -> None:
    none = np.zeros(3, dtype=np.int8)
    sides = [(none, ABOVE_UCL), (none, TREND_UP), (none, TWO3_ABOVE), (none, RUN_ABOVE)]
    assert special_cause_codes(sides, np.ones(3, dtype=np.int8)).tolist() == [COMMON] * 3


def test_code_lookup_matches_the_choice_made_point_by_point() -> None:
    """Each point's code is looked up by its combination of sides and direction: every
    combination, in scrambled order, gives what the precedence worked point by point gives."""
    rng = np.random.default_rng(5)
    n = 5000
    direction = rng.integers(-1, 2, n).astype(np.int8)
    sides = [(rng.integers(-1, 2, n).astype(np.int8), code) for code in (1, 3, 5, 7)]
    expected = _choose_codes(sides, direction)
    assert special_cause_codes(sides, direction).tolist() == expected.tolist()
    assert len(set(expected.tolist())) == 9  # every label is reached


# --- the vectorised rules against PowerBI-SPC's loops, transcribed line by line ----------


def _js_trend(y: list[float], n: int) -> list[int]:
    out, direction, count, start = [0] * len(y), 0, 0, 0
    for s in range(len(y)):
        step = float("nan") if s == 0 else np.sign(y[s] - y[s - 1])
        if np.isnan(step):
            direction = 0
        elif step != 0:
            if step == direction:
                count += 1
            else:
                direction, count, start = step, 2, s - 1
            if count >= n:
                for e in range(start, s + 1):
                    if out[e] == 0:
                        out[e] = int(direction)
                start = s + 1
    return out


def _js_shift(y: list[float], centre: float, n: int) -> list[int]:
    out, direction, count, start = [0] * len(y), 0, 0, 0
    for u in range(len(y)):
        side = np.sign(y[u] - centre)
        if side != 0:
            if side == direction:
                count += 1
            else:
                direction, count, start = side, 1, u
            if count >= n:
                for e in range(start, u + 1):
                    out[e] = int(direction)
                start = u + 1
    return out


def _js_two_in_three(side: list[int]) -> list[int]:
    out = [0] * len(side)
    for s in range(len(side)):
        window = range(max(0, s - 2), s + 1)
        up = sum(side[e] == 1 for e in window)
        down = sum(side[e] == -1 for e in window)
        d = 1 if up >= 2 else -1 if down >= 2 else 0
        for e in window:
            if d and side[e] == d:
                out[e] = d
    return out


@pytest.mark.parametrize("points", [5, 7])
def test_vectorised_rules_match_powerbi_loops_on_random_series(points: int) -> None:
    rng = np.random.default_rng(points)
    series = [rng.integers(0, 4, int(rng.integers(1, 30))).astype(float) for _ in range(150)]
    series += [np.cumsum(rng.integers(-1, 3, 25)).astype(float) for _ in range(50)]
    y = np.concatenate(series)
    first = np.zeros(len(y), dtype=bool)
    first[np.cumsum([0] + [len(s) for s in series[:-1]])] = True
    centre = np.concatenate([np.full(len(s), 1.5 if i % 3 else 2.0) for i, s in enumerate(series)])
    side2 = np.concatenate([rng.integers(-1, 2, len(s)) for s in series]).astype(np.int8)
    want_trend, want_shift, want_two = [], [], []
    at = 0
    for s in series:
        want_trend += _js_trend(list(s), points)
        want_shift += _js_shift(list(s), centre[at], points)
        want_two += _js_two_in_three(list(side2[at : at + len(s)]))
        at += len(s)
    assert trend(y, first, points).tolist() == want_trend
    assert shift(relative(y, centre), first, points).tolist() == want_shift
    assert two_in_three(side2, first).tolist() == want_two
