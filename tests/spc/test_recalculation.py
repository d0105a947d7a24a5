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
