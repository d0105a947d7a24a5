"""``auto_limits`` against autospc: the shared examples, our own designed series, bad input.

The golden series were run through autospc 0.0.0.9051 (R 4.2.2): ten shared examples
(``../shared/autospc-examples``) and our own in ``golden/autospc`` (made by
``golden/make_autospc_golden.R``, each designed to take one branch of the algorithm).
Centre line and limits must agree to 1e-9; period types, period starts, exclusions and the
rule 1 / rule 2 flags exactly.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.spc import auto_limits
from tests.conftest import shared_path

GOLDEN = Path(__file__).parent / "golden" / "autospc"
_OPTIONS = (
    "period_min",
    "baseline_length",
    "shift_rule_threshold",
    "max_exclusions",
    "no_regrets",
    "overhanging_reversions",
    "mr_screen_max_loops",
    "baseline_only",
    "establish_every_shift",
    "centre_line_tolerance",
)


def _run(inputs: pd.DataFrame, chart_type: str, **options) -> pd.DataFrame:
    if chart_type == "P'":
        return auto_limits(
            inputs, numerator_col="y", denominator_col="n", date_col="x", chart="pp", **options
        )
    return auto_limits(inputs, value_col="y", date_col="x", **options)


def _options(row: pd.Series) -> dict:
    """A params.csv row as keyword arguments (R's NA baseline_length is None)."""
    out = {}
    for name in _OPTIONS:
        value = row[name]
        if name == "baseline_length":
            out[name] = None if pd.isna(value) else int(value)
        elif name == "mr_screen_max_loops":
            out[name] = float(value) if np.isinf(float(value)) else int(value)
        elif name == "centre_line_tolerance":
            out[name] = float(value)
        elif isinstance(value, np.bool_ | bool):
            out[name] = bool(value)
        else:
            out[name] = int(value)
    return out


def _assert_matches(ours: pd.DataFrame, theirs: pd.DataFrame, start_rows: np.ndarray) -> None:
    """Our result equals autospc's points (``start_rows``: autospc's periodStart, 0-based)."""
    assert len(ours) == len(theirs)
    for mine, r in (("mean", "cl"), ("upl", "ucl"), ("lpl", "lcl")):
        np.testing.assert_allclose(ours[mine], theirs[r].astype(float), rtol=0, atol=1e-9)
    r_type = theirs["periodType"].astype(object).where(theirs["periodType"].notna(), None)
    period_type = ours["period_type"].astype(object)
    assert period_type.where(period_type.notna(), None).tolist() == r_type.tolist()
    assert ours["excluded"].tolist() == (theirs["excluded"] == True).tolist()  # noqa: E712
    if "rule1" in theirs:
        assert ours["outside_limits"].tolist() == (theirs["rule1"] == True).tolist()  # noqa: E712
        assert ours["shift"].tolist() == (theirs["rule2"] == True).tolist()  # noqa: E712
    has = ~np.isnan(start_rows)
    expected = ours["date"].to_numpy()[start_rows[has].astype(int)]
    assert (ours["period_start"].to_numpy()[has] == expected).all()
    assert ours["period_start"][~has].isna().all()


def _shared() -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = shared_path("autospc-examples")
    return pd.read_csv(folder / "inputs.csv"), pd.read_csv(folder / "points.csv")


SHARED_IDS = [
    "A01_stable",
    "A02_step_up",
    "A03_step_down_up",
    "A05_late_shift",
    "A09_step_with_outliers",
    "A12_short",
    "A13_counts_near_zero",
    "P01_pprime",
    "P02_pprime",
    "R01_ed_attendances",
]


@pytest.mark.parametrize("series_id", SHARED_IDS)
def test_shared_autospc_examples(series_id):
    inputs, points = _shared()
    inp = inputs[inputs.series_id == series_id]
    theirs = points[points.series_id == series_id].reset_index(drop=True)
    ours = _run(inp, inp.chart_type.iloc[0])
    # the example script wrote autospc's periodStart (a row number) as a day count from 1970
    days = pd.to_datetime(theirs["periodStart"]) - pd.Timestamp("1970-01-01")
    _assert_matches(ours, theirs, (days.dt.days - 1).to_numpy(dtype=float))


def test_the_shared_examples_are_all_covered():
    inputs, _ = _shared()
    assert sorted(inputs.series_id.unique()) == sorted(SHARED_IDS)


def _own() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return tuple(pd.read_csv(GOLDEN / f"{name}.csv") for name in ("params", "inputs", "points"))


OWN_IDS = pd.read_csv(GOLDEN / "params.csv")["series_id"].tolist()


@pytest.mark.parametrize("series_id", OWN_IDS)
def test_own_autospc_golden_series(series_id):
    params, inputs, points = _own()
    row = params[params.series_id == series_id].iloc[0]
    inp = inputs[inputs.series_id == series_id]
    theirs = points[points.series_id == series_id].reset_index(drop=True)
    ours = _run(inp, row.chart_type, **_options(row))
    _assert_matches(ours, theirs, theirs["periodStart"].to_numpy(dtype=float) - 1)


def _default_xmr_golden() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Our golden XmR series that use autospc's defaults: inputs and points."""
    params, inputs, points = _own()
    defaults = params[
        (params.chart_type == "XMR")
        & params.baseline_length.isna()
        & (params.period_min == 21)
        & (params.shift_rule_threshold == 8)
        & (params.max_exclusions == 3)
        & params.no_regrets
        & params.overhanging_reversions
        & (params.mr_screen_max_loops == 1)
        & ~params.baseline_only
        & ~params.establish_every_shift
        & (params.centre_line_tolerance == 0)
    ].series_id
    return inputs[inputs.series_id.isin(defaults)], points[points.series_id.isin(defaults)]


def test_many_series_at_once_match_each_alone():
    """Series of different lengths in one call (facets) get what autospc gives each alone."""
    inputs, points = _default_xmr_golden()
    assert inputs.series_id.nunique() >= 10
    shuffled = inputs.sample(frac=1, random_state=3)
    ours = auto_limits(shuffled, value_col="y", date_col="x", facet_cols="series_id")
    theirs = points.sort_values(["series_id", "x"]).reset_index(drop=True)
    assert ours["series_id"].tolist() == theirs["series_id"].tolist()
    # autospc numbers rows within a series; in one table they follow the series before
    first_row = theirs.groupby("series_id").cumcount().rsub(np.arange(len(theirs))).to_numpy()
    _assert_matches(ours, theirs, first_row + theirs["periodStart"].to_numpy(dtype=float) - 1)


def _series(values, start="2020-01-01", **extra) -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values), freq="MS")
    return pd.DataFrame({"month": dates, "value": values, **extra})


def test_too_short_series_gets_no_limits():
    out = auto_limits(_series(np.arange(20.0)), value_col="value", date_col="month")
    assert out["mean"].isna().all() and out["upl"].isna().all()
    assert out["period_type"].isna().all() and out["period_start"].isna().all()
    assert not out["excluded"].any()


def test_constant_series_has_limits_on_its_value():
    out = auto_limits(_series([7.0] * 30), value_col="value", date_col="month")
    assert (out[["mean", "lpl", "upl"]] == 7.0).all().all()
    assert not out["shift"].any() and not out["outside_limits"].any()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda f: f.assign(value=f.value.where(f.index != 5)),
            "2020-06-01: missing or non-numeric value",
        ),
        (
            lambda f: f.assign(value=f.value.astype(object).where(f.index != 3, "n/a")),
            "2020-04-01: missing",
        ),
        (lambda f: pd.concat([f, f.iloc[[7]]]), "2020-08-01: more than one row for this date"),
        (lambda f: f.assign(month=f.month.where(f.index != 2)), "missing or unreadable date"),
    ],
)
def test_bad_xmr_input_names_the_series_and_point(change, message):
    frame = change(_series(np.linspace(1, 30, 30), org=["RXX"] * 30))
    with pytest.raises(ValueError, match=message) as caught:
        auto_limits(frame, value_col="value", date_col="month", facet_cols="org")
    assert "series org=RXX" in str(caught.value)


def _pp(numerators, denominators) -> pd.DataFrame:
    return _series(numerators, num=numerators, den=denominators)


@pytest.mark.parametrize(
    ("den_at_4", "num_at_4", "message"),
    [
        (0, 0, "2020-05-01: the denominator in 'den' is zero or negative"),
        (np.nan, 50, "2020-05-01: missing or non-numeric denominator"),
        (100, -1, "2020-05-01: the numerator in 'num' is negative"),
        (100, 101, "2020-05-01: the numerator in 'num' is more than the denominator"),
    ],
)
def test_bad_pp_input_names_the_point(den_at_4, num_at_4, message):
    num, den = np.full(30, 70.0), np.full(30, 100.0)
    num[4], den[4] = num_at_4, den_at_4
    with pytest.raises(ValueError, match=message):
        auto_limits(
            _pp(num, den), numerator_col="num", denominator_col="den", date_col="month", chart="pp"
        )


def test_pp_period_at_100_percent_is_an_error_not_nan():
    num = np.full(30, 100.0)
    with pytest.raises(ValueError, match="2020-01-01: the limits from this date are undefined"):
        auto_limits(
            _pp(num, num), numerator_col="num", denominator_col="den", date_col="month", chart="pp"
        )


def test_pp_counts_are_rounded_as_autospc_rounds_them():
    rng = np.random.default_rng(5)
    den = rng.integers(900, 1100, 40).astype(float)
    num = np.round(den * rng.uniform(0.6, 0.7, 40))
    args = {"numerator_col": "num", "denominator_col": "den", "date_col": "month", "chart": "pp"}
    whole = auto_limits(_pp(num, den), **args)
    halves = auto_limits(_pp(num + 0.3, den - 0.2), **args)
    pd.testing.assert_frame_equal(whole[["mean", "lpl", "upl"]], halves[["mean", "lpl", "upl"]])


def test_no_regrets_needs_overhanging_reversions():
    inputs, _ = _default_xmr_golden()
    one = inputs[inputs.series_id == "G10_final_run_against"]
    default = auto_limits(one, value_col="y", date_col="x")
    asked = auto_limits(one, value_col="y", date_col="x", overhanging_reversions=False)
    pd.testing.assert_frame_equal(default, asked)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"chart": "u"}, "chart must be 'i' or 'pp'"),
        ({"value_col": None}, "chart 'i' needs value_col"),
        ({"chart": "pp"}, "needs numerator_col and denominator_col"),
        ({"period_min": 1}, "period_min must be a whole number of at least 2"),
        ({"mr_screen_max_loops": -1}, "mr_screen_max_loops"),
        ({"value_col": "nope"}, "no column 'nope'"),
    ],
)
def test_bad_options_are_named(options, message):
    args = {"value_col": "value", "date_col": "month", **options}
    with pytest.raises(ValueError, match=message):
        auto_limits(_series(np.arange(30.0)), **args)
