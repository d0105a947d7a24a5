"""Golden tests: every chart type against PowerBI-SPC's own engine (via controlchartspy).

``golden/make_powerbi_golden.py`` wrote the series and PowerBI-SPC's answers; here every
series of a chart type goes through :func:`impact.spc.spc` at once, with the Making Data
Count rules. Centre line and 2- and 3-sigma lines must agree to 1e-9 relative, and each of
the four rules must fire on the same points on the same side; the points PowerBI-SPC drops
(missing values, zero denominators, negative counts) must be the ones we leave out.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.spc import SPCInputWarning, spc
from impact.spc.charts import NEEDS_DENOMINATOR

GOLDEN = Path(__file__).resolve().parent / "golden"
LINES = {"mean": "target", "lpl": "ll99", "upl": "ul99", "nlpl": "ll95", "nupl": "ul95"}
RULES = {
    "astronomical": "astpoint",
    "trend": "trend",
    "shift": "shift",
    "two_in_three": "two_in_three",
}
#: PowerBI-SPC shows p and p′ charts as percentages.
MULTIPLIER = {"p": 100.0, "pp": 100.0}


def _inputs() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "powerbi_inputs.csv")


def _expected() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "powerbi_points.csv")


def _side(flag: str, direction: str) -> int:
    """PowerBI-SPC's flag as the side it fired on."""
    if flag == "none":
        return 0
    if flag.startswith("neutral"):
        return 1 if flag == "neutral_high" else -1
    better = 1 if direction == "increase" else -1
    return better if flag == "improvement" else -better


def _ours(chart: str, data: pd.DataFrame) -> pd.DataFrame:
    directions = data.groupby("series_id")["improvement_direction"].first().to_dict()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spc(
            data.assign(date=pd.to_datetime(data["date"])),
            value_col="value" if chart in NEEDS_DENOMINATOR else "numerator",
            numerator_col="numerator",
            denominator_col="denominator" if chart in NEEDS_DENOMINATOR else None,
            date_col="date",
            facet_cols="series_id",
            improvement_direction=directions,
            chart=chart,
            multiplier=MULTIPLIER.get(chart, 1.0),
        )


def _kept_by_powerbi(chart: str, data: pd.DataFrame) -> np.ndarray:
    """PowerBI-SPC's input checks, restated: which rows it charts."""
    num, den = data["numerator"], data["denominator"]
    keep = num.notna()
    if chart != "i":
        keep &= ~(num < 0)
    if chart in NEEDS_DENOMINATOR:
        keep &= den.notna() & (den > 0)
    if chart in ("p", "pp"):
        keep &= ~(num > den)
    return keep.to_numpy()


@pytest.mark.parametrize("chart", ["i", "p", "pp", "u", "up", "c", "g", "t"])
def test_chart_matches_powerbi_spc(chart: str) -> None:
    inputs = _inputs()
    data = inputs[inputs["chart"] == chart].sort_values(["series_id", "date"])
    expected = _expected()
    expected = expected[expected["series_id"].isin(data["series_id"].unique())]
    expected = expected.sort_values("series_id", kind="stable").reset_index(drop=True)
    ours = _ours(chart, data)
    kept = ours[_kept_by_powerbi(chart, data.reset_index(drop=True))].reset_index(drop=True)
    assert len(kept) == len(expected)
    assert kept["series_id"].astype(str).tolist() == expected["series_id"].tolist()
    value_col = "value" if chart in NEEDS_DENOMINATOR else "numerator"
    problems = []
    for ours_col, theirs in {value_col: "value", **LINES}.items():
        got = kept[ours_col].to_numpy(dtype=float)
        want = expected[theirs].to_numpy(dtype=float)
        close = np.isclose(got, want, rtol=1e-9, atol=1e-12) | (np.isnan(got) & np.isnan(want))
        problems += [(ours_col, i, want[i], got[i]) for i in np.flatnonzero(~close)]
    direction = expected["series_id"].map(
        data.groupby("series_id")["improvement_direction"].first()
    )
    for ours_col, theirs in RULES.items():
        want = [_side(f, d) for f, d in zip(expected[theirs], direction, strict=True)]
        got = kept[ours_col].astype(int).tolist()
        problems += [
            (ours_col, i, w, g) for i, (w, g) in enumerate(zip(want, got, strict=True)) if w != g
        ]
    assert not problems, problems[:10]


@pytest.mark.parametrize("chart", ["i", "p", "pp", "u", "up", "c", "g", "t"])
def test_improvement_is_shown_where_it_meets_concern(chart: str) -> None:
    """The point type follows the rules' sides; any improvement wins (Making Data Count)."""
    inputs = _inputs()
    ours = _ours(chart, inputs[inputs["chart"] == chart])
    sign = ours["improvement_direction"].map({"increase": 1, "decrease": -1, "neutral": 0})
    sides = np.stack([ours[c].to_numpy(dtype=int) for c in RULES], axis=1) * sign.to_numpy()[
        :, None
    ].astype(int)
    improvement = (sides > 0).any(axis=1)
    concern = (sides < 0).any(axis=1) & ~improvement
    point_type = ours["point_type"].astype(str).to_numpy()
    assert (point_type[improvement] == "special_cause_improvement").all()
    assert (point_type[concern] == "special_cause_concern").all()


def test_the_points_powerbi_drops_are_named_in_one_warning() -> None:
    inputs = _inputs()
    data = inputs[inputs["series_id"] == "p-gaps"].assign(date=lambda d: pd.to_datetime(d.date))
    with pytest.warns(SPCInputWarning, match=r"3 point\(s\) left out") as caught:
        spc(
            data,
            numerator_col="numerator",
            denominator_col="denominator",
            date_col="date",
            chart="p",
        )
    message = str(caught[0].message)
    assert "on 2021-11-01 (value missing)" in message
    assert "on 2022-07-01 (denominator is zero)" in message
    assert "on 2022-08-01 (denominator missing)" in message


def test_the_golden_inputs_are_reproducible_from_the_script() -> None:
    from tests.spc.golden.make_powerbi_golden import make_inputs

    made = make_inputs()
    written = _inputs()
    pd.testing.assert_frame_equal(made, written, check_dtype=False, rtol=0, atol=0)


def test_the_golden_answers_are_reproducible_from_powerbi_spc() -> None:
    pytest.importorskip("controlchartspy")
    from tests.spc.golden.make_powerbi_golden import run_powerbi

    inputs = _inputs()
    some = inputs[inputs["series_id"].isin(["pp-trend", "g-outliers", "up-gaps"])]
    made = run_powerbi(some).reset_index(drop=True)
    written = _expected()
    written = written[written["series_id"].isin(made["series_id"].unique())]
    pd.testing.assert_frame_equal(made, written.reset_index(drop=True), check_dtype=False)
