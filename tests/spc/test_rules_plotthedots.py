"""Each special-cause rule at its threshold, and the vectorised rules against a loop
transcription of the R functions."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from impact.spc import ShortGroupWarning, spc
from tests.spc.helpers import flagged, with_baseline


def test_seven_points_above_the_mean_are_all_flagged() -> None:
    points = with_baseline([10.5] * 7)
    assert flagged(points) == {i: "7 Points Above CL" for i in range(13, 20)}


def test_six_points_above_the_mean_are_not_flagged() -> None:
    assert flagged(with_baseline([10.5] * 6)) == {}


def test_seven_points_below_the_mean() -> None:
    points = with_baseline([9.5] * 7, before=11.0, after=11.0)
    assert flagged(points) == {i: "7 Points Below CL" for i in range(13, 20)}
    assert set(points.loc[13:19, "point_type"]) == {"special_cause_concern"}


def test_a_point_exactly_on_the_mean_breaks_the_run() -> None:
    points = with_baseline([10.5, 10.5, 10.5, 10.0, 10.5, 10.5, 10.5])
    assert points.at[16, "relative_to_mean"] == 0
    assert flagged(points) == {}


def test_a_missing_value_breaks_the_run() -> None:
    points = with_baseline([10.5, 10.5, 10.5, np.nan, 10.5, 10.5, 10.5])
    assert points.at[16, "relative_to_mean"] is pd.NA
    assert flagged(points) == {}


def test_seven_point_trend_crossing_the_mean_is_flagged() -> None:
    points = with_baseline([9.7, 9.8, 9.9, 10.1, 10.2, 10.3, 10.4], before=11.0)
    assert flagged(points) == {i: "7 Point Trend (Increasing)" for i in range(13, 20)}
    assert set(points.loc[13:19, "point_type"]) == {"special_cause_improvement"}


def test_six_point_trend_is_not_flagged() -> None:
    assert flagged(with_baseline([9.8, 9.9, 10.1, 10.2, 10.3, 10.4], before=11.0)) == {}


def test_a_tie_breaks_the_trend() -> None:
    assert flagged(with_baseline([9.7, 9.8, 9.9, 9.9, 10.2, 10.3, 10.4], before=11.0)) == {}


def test_decreasing_trend_is_concern_when_higher_is_better() -> None:
    points = with_baseline([10.4, 10.3, 10.2, 10.1, 9.9, 9.8, 9.7], after=11.0)
    assert flagged(points) == {i: "7 Point Trend (Decreasing)" for i in range(13, 20)}
    assert set(points.loc[13:19, "point_type"]) == {"special_cause_concern"}


def test_missing_value_inside_a_trend_window_does_not_raise() -> None:
    # R stops with "missing value where TRUE/FALSE needed" here; we read it as no trend
    points = with_baseline([9.1, 9.2, 9.3, np.nan, 9.5, 9.6, 9.7, 9.8], before=11.0)
    assert "7 Point Trend (Increasing)" not in flagged(points).values()
    assert points.at[16, "special_cause_type"] == "Common Cause"
    assert points.at[16, "outside_limits"] is pd.NA


def test_two_of_three_near_the_upper_limit_flags_only_the_near_points() -> None:
    points = with_baseline([14.0, 10.5, 14.0])
    assert flagged(points) == {13: "2 in 3 Above CL", 15: "2 in 3 Above CL"}


def test_two_of_three_on_opposite_sides_of_the_mean_is_not_flagged() -> None:
    assert flagged(with_baseline([14.0, 9.5, 14.0])) == {}


def test_two_of_three_below() -> None:
    points = with_baseline([6.0, 6.0])
    assert flagged(points) == {13: "2 in 3 Below CL", 14: "2 in 3 Below CL"}


def test_a_point_beyond_the_limit_does_not_count_towards_two_of_three() -> None:
    points = with_baseline([16.0, 14.0, 10.5])
    assert flagged(points) == {13: "Above UCL"}


def test_near_zone_boundaries_are_strict() -> None:
    nupl = with_baseline([10.0])["nupl"].iloc[0]
    assert flagged(with_baseline([nupl, 10.5, nupl])) == {}
    upl = with_baseline([10.0])["upl"].iloc[0]
    assert flagged(with_baseline([upl])) == {}


def _r_reference(y: np.ndarray, screen: bool, fix: int | None) -> list[str]:
    """``special_cause_type`` for one group, transcribed loop by loop from the R package.

    Means are exact (rounded once), as R's extended-precision mean nearly always is.
    """

    def nanmean(x: np.ndarray) -> float:
        kept = [Fraction(float(v)) for v in x if not np.isnan(v)]
        return float(sum(kept) / len(kept)) if kept else np.nan

    n = len(y)
    fix_y = np.array([v if (fix is None or i < fix) else np.nan for i, v in enumerate(y)])
    mean = nanmean(fix_y)
    mr = np.concatenate([[np.nan], np.abs(np.diff(fix_y))])
    amr = nanmean(mr)
    if screen:
        mr = np.array([m if m < 3.267 * amr else np.nan for m in mr])
    amr = nanmean(mr)
    lpl, upl = mean - 2.66 * amr, mean + 2.66 * amr
    nlpl, nupl = mean - 2 * (2.66 / 3) * amr, mean + 2 * (2.66 / 3) * amr
    ok = [not (np.isnan(v) or np.isnan(upl)) for v in y]
    outside = [ok[i] and (y[i] > upl or y[i] < lpl) for i in range(n)]
    close = [ok[i] and not outside[i] and (y[i] < nlpl or y[i] > nupl) for i in range(n)]
    rtm = [0 if np.isnan(v - mean) else int(np.sign(v - mean)) for v in y]
    near = close

    trend_end = [False] * n
    for i in range(6, n):
        d = [np.sign(y[j] - y[j - 1]) for j in range(i - 5, i + 1)]
        trend_end[i] = all(x == 1 for x in d) or all(x == -1 for x in d)
    side_end = [
        i >= 6 and rtm[i] != 0 and all(rtm[j] == rtm[i] for j in range(i - 6, i)) for i in range(n)
    ]

    def part(ends: list[bool]) -> list[bool]:
        return [any(ends[i : i + 7]) for i in range(n)]

    in_trend, in_side = part(trend_end), part(side_end)
    window = [
        i >= 2
        and all(ok[j] for j in range(i - 2, i + 1))
        and abs(sum(rtm[i - 2 : i + 1])) == 3
        and sum(near[i - 2 : i + 1]) >= 2
        for i in range(n)
    ]
    two3 = [near[i] and any(window[j] for j in range(i, min(i + 3, n))) for i in range(n)]
    out = []
    for i in range(n):
        if outside[i]:
            out.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif in_trend[i]:
            if i + 1 < n and in_trend[i + 1]:
                s = np.sign(y[i + 1] - y[i])
            else:
                s = np.sign(y[i] - y[i - 1]) if i > 0 else 0
            out.append(f"7 Point Trend ({'In' if s == 1 else 'De'}creasing)")
        elif two3[i]:
            out.append(f"2 in 3 {'Above' if rtm[i] > 0 else 'Below'} CL")
        elif in_side[i]:
            out.append(f"7 Points {'Above' if rtm[i] > 0 else 'Below'} CL")
        else:
            out.append("Common Cause")
    return out


@pytest.mark.parametrize(
    ("screen", "fix"),
    [(True, None), (False, None), (True, 12)],
)
def test_vectorised_rules_match_a_loop_transcription_on_random_series(
    screen: bool, fix: int | None
) -> None:
    rng = np.random.default_rng(20250601)
    frames, expected = [], []
    for s in range(160):
        n = int(rng.integers(1, 40))
        kind = s % 4
        if kind == 0:  # small integers: ties, points on the mean, constant runs
            y = rng.integers(0, 4, n).astype(float)
        elif kind == 1:  # drifting: trends and shifts
            y = np.cumsum(rng.normal(0, 1, n)).round(1)
        elif kind == 2:  # occasional outliers and near-limit points
            y = rng.normal(10, 1, n).round(2)
            y[rng.random(n) < 0.1] += rng.choice([-6.0, 6.0, -2.5, 2.5])
        else:
            y = np.full(n, 5.0)
        y[rng.random(n) < 0.08] = np.nan
        frames.append(
            pd.DataFrame(
                {
                    "series": f"s{s:03d}",
                    "month": pd.date_range("2020-01-01", periods=n, freq="MS"),
                    "value": y,
                }
            )
        )
        expected.extend(_r_reference(y, screen, fix))
    data = pd.concat(frames, ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        points = spc(
            data.sample(frac=1, random_state=1),
            value_col="value",
            date_col="month",
            facet_cols="series",
            screen_outliers=screen,
            fix_after_n_points=fix,
            rules="plotthedots",
        )
    got = points["special_cause_type"].astype(str).tolist()
    mismatches = [(i, e, g) for i, (e, g) in enumerate(zip(expected, got, strict=True)) if e != g]
    assert not mismatches, mismatches[:5]
