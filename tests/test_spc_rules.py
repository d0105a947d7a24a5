"""Each SPC rule at its threshold, each direction and assurance case, and the edge cases.

Most series start with a 12-point baseline alternating 9 and 11 and use
``fix_after_n_points=12``, so the mean is exactly 10, the mean moving range exactly 2, the
process limits 10 ± 5.32 and the near lines 10 ± 3.547: the points after it can then be
placed exactly where a rule starts or stops firing.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from impact.spc import (
    SHORT_GROUP_MESSAGE,
    ShortGroupWarning,
    assurance_type,
    spc,
    spc_summary,
)

BASELINE = [9.0, 11.0] * 6


def frame(values: list[float], start: str = "2022-01-01", **extra: object) -> pd.DataFrame:
    data = pd.DataFrame(
        {"month": pd.date_range(start, periods=len(values), freq="MS"), "value": values}
    )
    for name, value in extra.items():
        data[name] = value
    return data


def run(values: list[float], **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        return spc(frame(values), value_col="value", date_col="month", **kwargs)


def with_baseline(
    tail: list[float], *, before: float = 9.0, after: float = 9.0, **kwargs: object
) -> pd.DataFrame:
    """Baseline, ``before`` (row 12), the tail from row 13, ``after``, then 11, 9.

    ``before`` and ``after`` are chosen so that they end the runs and trends in the tail.
    """
    kwargs.setdefault("fix_after_n_points", 12)
    return run([*BASELINE, before, *tail, after, 11.0, 9.0], **kwargs)


def labels(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in column]


def flagged(points: pd.DataFrame) -> dict[int, str]:
    rows = points[points["special_cause_flag"]]
    return {int(i): str(t) for i, t in zip(rows.index, rows["special_cause_type"], strict=True)}


def test_baseline_gives_the_designed_limits() -> None:
    points = with_baseline([10.0])
    assert points["mean"].iloc[0] == 10.0
    assert points["upl"].iloc[0] == pytest.approx(15.32)
    assert points["nupl"].iloc[0] == pytest.approx(10 + 2 * 2.66 / 3 * 2)
    assert flagged(points) == {}


# --- 7 points on one side of the mean ------------------------------------------------------


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


# --- 7-point trend ---------------------------------------------------------------------------


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


# --- 2 of 3 near the limit -------------------------------------------------------------------


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


def test_mdc_variant_counts_points_beyond_the_limit_towards_two_of_three() -> None:
    points = with_baseline([16.0, 14.0, 10.5], variant="mdc")
    assert flagged(points) == {13: "Above UCL", 14: "2 in 3 Above CL"}
    assert points.attrs["spc"]["screen_outliers"] is False


def test_near_zone_boundaries_are_strict() -> None:
    nupl = with_baseline([10.0])["nupl"].iloc[0]
    assert flagged(with_baseline([nupl, 10.5, nupl])) == {}
    upl = with_baseline([10.0])["upl"].iloc[0]
    assert flagged(with_baseline([upl])) == {}


# --- outside the limits and directions -------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "high", "low"),
    [
        ("increase", "special_cause_improvement", "special_cause_concern"),
        ("decrease", "special_cause_concern", "special_cause_improvement"),
        ("neutral", "special_cause_neutral_high", "special_cause_neutral_low"),
    ],
)
def test_outside_limits_by_direction(direction: str, high: str, low: str) -> None:
    points = with_baseline([20.0, 10.5, 0.0], improvement_direction=direction)
    assert flagged(points) == {13: "Above UCL", 15: "Below LCL"}
    assert points.at[13, "point_type"] == high
    assert points.at[15, "point_type"] == low
    assert bool(points.at[13, "outside_limits"]) and not bool(points.at[13, "close_to_limits"])


def test_unknown_direction_is_rejected() -> None:
    with pytest.raises(ValueError, match="up"):
        run(BASELINE, improvement_direction="up")


# --- limits: screening, baseline, rebase -----------------------------------------------------


def test_screening_drops_large_moving_ranges_once() -> None:
    values = [*BASELINE, 40.0, 11.0, 9.0]
    screened = run(values)
    unscreened = run(values, screen_outliers=False)
    mr = np.abs(np.diff(values))
    assert unscreened["upl"].iloc[0] == pytest.approx(np.mean(values) + 2.66 * mr.mean())
    kept = mr[mr < 3.267 * mr.mean()]
    assert screened["upl"].iloc[0] == pytest.approx(np.mean(values) + 2.66 * kept.mean())


def test_baseline_fixes_limits_to_the_first_points() -> None:
    points = with_baseline([12.0] * 8)
    assert points["fix_y"].iloc[12] is pd.NA
    assert points["mean"].nunique() == 1 and points["mean"].iloc[0] == 10.0


def test_baseline_shorter_than_twelve_is_rejected() -> None:
    with pytest.raises(ValueError, match="at least 12"):
        run(BASELINE, fix_after_n_points=11)


def test_rebase_starts_a_new_group_with_its_own_limits() -> None:
    values = BASELINE + [v + 10 for v in BASELINE]
    points = run(values, rebase="2023-01-01")
    assert points["rebase_group"].tolist() == [0] * 12 + [1] * 12
    assert points["mean"].iloc[0] == 10.0 and points["mean"].iloc[-1] == 20.0
    assert flagged(points) == {}
    summary = spc_summary(points)
    assert summary["n"].tolist() == [12, 12]
    assert summary["variation_icon"].isna().tolist() == [True, False]


def test_rebase_on_the_first_date_numbers_groups_from_one_like_r() -> None:
    points = run(BASELINE, rebase=["2022-01-01"])
    assert set(points["rebase_group"]) == {1}


def test_baseline_applies_within_each_rebase_group() -> None:
    values = BASELINE + [30.0] + BASELINE + [30.0]
    points = run(values, rebase="2023-02-01", fix_after_n_points=12)
    assert points.groupby("rebase_group")["mean"].first().tolist() == [10.0, 10.0]


# --- degenerate input ------------------------------------------------------------------------


def test_constant_series_has_no_limits_and_no_flags() -> None:
    points = run([5.0] * 15)
    assert np.isnan(points["upl"].iloc[0]) and points["upl"].iloc[0] is not pd.NA
    assert points["mean"].iloc[0] == 5.0
    assert not points["special_cause_flag"].any()
    assert points["outside_limits"].isna().all()
    assert (points["relative_to_mean"] == 0).all()


def test_constant_series_without_screening_has_zero_width_limits() -> None:
    points = run([5.0] * 15, screen_outliers=False)
    assert points["upl"].iloc[0] == 5.0 and not points["special_cause_flag"].any()


def test_missing_value_is_excluded_from_mean_and_kept_as_missing() -> None:
    values = [*BASELINE[:5], np.nan, *BASELINE[5:]]
    points = run(values)
    assert points["mean"].iloc[0] == pytest.approx(np.nanmean(values))
    assert points["fix_y"].iloc[5] is pd.NA
    assert points.at[5, "special_cause_type"] == "Common Cause"


def test_duplicate_dates_raise_naming_facet_and_date() -> None:
    data = pd.concat([frame(BASELINE, org="A"), frame([1.0], start="2022-03-01", org="A")])
    with pytest.raises(ValueError, match=r"2022-03-01.*org='A'"):
        spc(data, value_col="value", date_col="month", facet_cols="org")


def test_unsorted_input_gives_the_same_answer() -> None:
    data = frame([*BASELINE, 9.0, *[10.5] * 7, 9.0])
    shuffled = data.sample(frac=1, random_state=3)
    expected = spc(data, value_col="value", date_col="month")
    got = spc(shuffled, value_col="value", date_col="month")
    pd.testing.assert_frame_equal(expected, got)


def test_short_groups_warn_with_rs_message() -> None:
    with pytest.warns(ShortGroupWarning) as caught:
        points = spc(frame(BASELINE), value_col="value", date_col="month")
    assert str(caught[0].message) == SHORT_GROUP_MESSAGE
    assert points["short_group_warning"].all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShortGroupWarning)
        spc(frame([*BASELINE, 9.0]), value_col="value", date_col="month")


# --- facets, per-facet parameters and assurance ----------------------------------------------


def two_facets() -> pd.DataFrame:
    a = frame(BASELINE * 2, metric="m1", org="A")
    b = frame([v * 2 for v in BASELINE * 2], metric="m2", org="A")
    return pd.concat([b, a], ignore_index=True)


def test_facets_are_independent_and_sorted() -> None:
    points = spc(two_facets(), value_col="value", date_col="month", facet_cols=["metric", "org"])
    assert points["metric"].tolist() == ["m1"] * 24 + ["m2"] * 24
    assert points.groupby("metric")["mean"].first().tolist() == [10.0, 20.0]
    assert list(points.columns[:4]) == ["metric", "org", "month", "value"]


def test_categorical_facets_keep_their_labels() -> None:
    """Categorical facets built from integer codes, with categories out of alphabetical order
    and some never used, label every point with its own series (as the benchmark feeds it)."""
    orgs = ["unused", "Z1", "A2", "M3", "also unused"]
    metrics = ["speed", "never", "quality"]
    rows = [(m, o, month) for m in (0, 2) for o in (3, 1, 2) for month in range(14)]
    rng = np.random.default_rng(5)
    order = rng.permutation(len(rows))  # shuffled, as a database join returns rows
    metric_code = np.array([rows[i][0] for i in order])
    org_code = np.array([rows[i][1] for i in order])
    month = np.array([rows[i][2] for i in order])
    value = 100.0 * metric_code + 10.0 * org_code + month % 2  # each series on its own level
    data = pd.DataFrame(
        {
            "metric": pd.Categorical.from_codes(metric_code, metrics),
            "org": pd.Categorical.from_codes(org_code, orgs),
            "month": pd.Timestamp("2022-01-01") + pd.to_timedelta(month * 31, unit="D"),
            "value": value,
        }
    )
    points = spc(data, value_col="value", date_col="month", facet_cols=["metric", "org"])
    level = points["value"].to_numpy() // 10
    assert points["metric"].map(metrics.index).astype(int).tolist() == (level // 10).tolist()
    assert points["org"].map(orgs.index).astype(int).tolist() == (level % 10).tolist()
    # sorted by the categories' own order, which only keeps the categories that occur
    assert points["metric"].cat.categories.tolist() == ["speed", "quality"]
    assert points["org"].cat.categories.tolist() == ["Z1", "A2", "M3"]
    assert points.groupby(["metric", "org"], observed=True)["mean"].first().tolist() == [
        10.5,
        20.5,
        30.5,
        210.5,
        220.5,
        230.5,
    ]
    summary = spc_summary(points)
    assert summary[["metric", "org"]].astype(str).values.tolist() == [
        [m, o] for m in ("speed", "quality") for o in ("Z1", "A2", "M3")
    ]


def test_per_facet_targets_and_directions_by_tuple_key() -> None:
    with pytest.warns(ShortGroupWarning):  # the rebased facet has two groups of 12
        points = spc(
            two_facets(),
            value_col="value",
            date_col="month",
            facet_cols=["metric", "org"],
            improvement_direction={("m1", "A"): "increase", ("m2", "A"): "decrease"},
            target={("m1", "A"): 20.0},
            rebase={("m2", "A"): "2023-01-01"},
        )
    summary = spc_summary(points)
    assert summary["metric"].tolist() == ["m1", "m2", "m2"]
    assert labels(summary["assurance_type"]) == ["consistent_fail", None, "inconsistent"]
    assert points.groupby("metric")["target"].first().isna().tolist() == [False, True]


def test_per_row_columns_for_direction_and_a_target_that_changes_over_time() -> None:
    data = two_facets()
    data["direction"] = np.where(data["metric"] == "m1", "increase", "decrease")
    data["target"] = np.where(data["month"] >= "2023-06-01", 2.0, 50.0)
    data.loc[data["metric"] == "m2", "target"] = np.nan
    points = spc(
        data,
        value_col="value",
        date_col="month",
        facet_cols=["metric", "org"],
        improvement_direction_col="direction",
        target_col="target",
    )
    summary = spc_summary(points)
    # the last point's target (2) is below m1's lower limit; m2 has no target at all
    assert labels(summary["assurance_type"]) == ["consistent_pass", None]
    assert labels(summary["assurance_icon"]) == ["assurance/pass.svg", None]


def test_a_direction_that_changes_within_a_facet_is_rejected() -> None:
    data = frame(BASELINE, org="A")
    data["direction"] = ["increase"] * 6 + ["decrease"] * 6
    with pytest.raises(ValueError, match="org='A'"):
        spc(
            data,
            value_col="value",
            date_col="month",
            facet_cols="org",
            improvement_direction_col="direction",
        )


@pytest.mark.parametrize(
    ("target", "direction", "expected"),
    [
        (20.0, "increase", "consistent_fail"),
        (20.0, "decrease", "consistent_pass"),
        (1.0, "increase", "consistent_pass"),
        (1.0, "decrease", "consistent_fail"),
        (12.0, "increase", "inconsistent"),
        (12.0, "neutral", None),
        (None, "increase", None),
    ],
)
def test_assurance_cases(target: float | None, direction: str, expected: str | None) -> None:
    points = with_baseline([10.5], target=target, improvement_direction=direction)
    assert labels(spc_summary(points)["assurance_type"]) == [expected]


def test_target_exactly_on_a_limit_is_inconsistent() -> None:
    upl = with_baseline([10.0])["upl"].iloc[0]
    points = with_baseline([10.5], target=upl)
    assert spc_summary(points)["assurance_type"].iloc[0] == "inconsistent"
    assert assurance_type(upl, 4.68, upl, "increase") == "inconsistent"


@pytest.mark.parametrize(
    ("tail", "direction", "icon"),
    [
        ([20.0], "increase", "variation/improvement_high.svg"),
        ([20.0], "decrease", "variation/concern_high.svg"),
        ([0.0], "increase", "variation/concern_low.svg"),
        ([0.0], "decrease", "variation/improvement_low.svg"),
        ([20.0], "neutral", "variation/neutral_high.svg"),
        ([0.0], "neutral", "variation/neutral_low.svg"),
        ([10.5], "increase", "variation/common_cause.svg"),
    ],
)
def test_variation_icon_is_the_last_points_type(tail: list[float], direction: str, icon: str):
    points = run([*BASELINE, *tail], fix_after_n_points=12, improvement_direction=direction)
    assert spc_summary(points)["variation_icon"].iloc[0] == icon


# --- the vectorised engine against a point-by-point transcription of the R functions ---------


def _r_reference(y: np.ndarray, screen: bool, fix: int | None, *, mdc: bool) -> list[str]:
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
    near = [c or (mdc and o) for c, o in zip(close, outside, strict=True)]

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
    ("screen", "fix", "variant"),
    [(True, None, "nhsr"), (False, None, "nhsr"), (True, 12, "nhsr"), (False, None, "mdc")],
)
def test_vectorised_rules_match_a_loop_transcription_on_random_series(
    screen: bool, fix: int | None, variant: str
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
        expected.extend(_r_reference(y, screen, fix, mdc=variant == "mdc"))
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
            variant=variant,
        )
    got = points["special_cause_type"].astype(str).tolist()
    mismatches = [(i, e, g) for i, (e, g) in enumerate(zip(expected, got, strict=True)) if e != g]
    assert not mismatches, mismatches[:5]


def test_missing_dates_and_facet_values_are_rejected() -> None:
    data = frame(BASELINE, org="A")
    data.loc[3, "month"] = pd.NaT
    with pytest.raises(ValueError, match="missing date in row 3"):
        spc(data, value_col="value", date_col="month")
    data = frame(BASELINE, org="A")
    data.loc[2, "org"] = None
    with pytest.raises(ValueError, match="missing value in facet column 'org'"):
        spc(data, value_col="value", date_col="month", facet_cols="org")


def test_rebase_column_marks_the_first_point_of_each_group() -> None:
    data = frame(BASELINE + [v + 10 for v in BASELINE])
    data["new_process"] = data.index == 12
    with pytest.warns(ShortGroupWarning):
        points = spc(data, value_col="value", date_col="month", rebase_col="new_process")
    expected = run(BASELINE + [v + 10 for v in BASELINE], rebase="2023-01-01")
    pd.testing.assert_frame_equal(points, expected)


def test_input_is_not_modified() -> None:
    data = frame([*BASELINE, 9.0]).iloc[::-1]
    before = data.copy()
    spc(data, value_col="value", date_col="month")
    pd.testing.assert_frame_equal(data, before)
