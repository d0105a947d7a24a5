"""Golden tests: funnel limits, z-scores and outlier flags as PowerBI-Funnels gives them.

The expected tables were written by PowerBI-Funnels' own JavaScript (``controlchartspy``;
see ``golden/make_funnel_golden.py``) for proportions, standardised ratios and ratios of
counts, each with overdispersion "no", "yes" and "auto". Every number must agree to 1e-9
(relative where larger than 1). One documented difference: where PowerBI-Funnels' z-score is
minus infinity (a group with a zero count) its JSON output carries null; ours is ``-inf``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.spc import FUNNEL_COLUMNS, LINE_COLUMNS, OUTLIER_CLASSES, funnel, funnel_lines

GOLDEN = Path(__file__).resolve().parent / "golden" / "funnel"
CASES = pd.read_csv(GOLDEN / "cases.csv")
NUMBERS = ("value", "target", "ll95", "ul95", "ll99", "ul99", "z")


def _arguments(case: pd.Series) -> dict:
    return {
        "frame": pd.read_csv(GOLDEN / f"input_{case['data']}.csv"),
        "group_col": "group",
        "numerator_col": "numerator",
        "denominator_col": "denominator",
        "chart": case["chart"],
        "overdispersion": case["overdispersion"],
        "multiplier": float(case["multiplier"]),
    }


def _run(case: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    ours = funnel(**_arguments(case))
    return ours, pd.read_csv(GOLDEN / f"expected_{case['case']}.csv")


def _assert_close(got: np.ndarray, want: np.ndarray, col: str) -> None:
    """Same missing limits; numbers within 1e-9, relative where larger than 1."""
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg=col)
    keep = ~np.isnan(want)
    scale = np.maximum(1.0, np.abs(want[keep]))
    assert np.max(np.abs(got[keep] - want[keep]) / scale, initial=0.0) <= 1e-9, col


def _expected_class(two_sigma: str, three_sigma: str) -> str:
    side = {"neutral_high": "above", "neutral_low": "below"}
    if three_sigma != "none":
        return f"{side[three_sigma]} 99"
    if two_sigma != "none":
        return f"{side[two_sigma]} 95"
    return "within"


@pytest.mark.parametrize("case", CASES.to_dict("records"), ids=list(CASES["case"]))
def test_matches_powerbi_funnels(case: dict) -> None:
    ours, expected = _run(pd.Series(case))
    assert list(ours.columns) == list(FUNNEL_COLUMNS)
    assert list(ours["group"]) == list(expected["group"])
    np.testing.assert_array_equal(ours["numerator"], expected["numerator"])
    np.testing.assert_array_equal(ours["denominator"], expected["denominator"])
    for col in NUMBERS:
        got = ours[col].to_numpy(dtype=float)
        want = expected[col].to_numpy(dtype=float)
        if col == "z":
            # PowerBI-Funnels' null z is minus infinity (a zero count); ours says so
            assert np.all(got[np.isnan(want)] == -np.inf), col
            got, want = got[~np.isnan(want)], want[~np.isnan(want)]
        _assert_close(got, want, col)
    classes = [
        _expected_class(a, b)
        for a, b in zip(expected["two_sigma"], expected["three_sigma"], strict=True)
    ]
    assert list(ours["outlier"]) == classes
    assert set(ours["outlier"]) <= set(OUTLIER_CLASSES)
    assert ours["od_adjusted"].eq(bool(case["od_adjusted"])).all()


LINE_CASES = sorted(p.stem.removeprefix("lines_") for p in GOLDEN.glob("lines_*.csv"))


@pytest.mark.parametrize("name", LINE_CASES)
def test_limit_lines_match_powerbi_funnels(name: str) -> None:
    case = CASES.set_index("case").loc[name]
    arguments = _arguments(case)
    rows = funnel(**arguments)
    options = {k: arguments[k] for k in ("chart", "overdispersion", "multiplier")}
    ours = funnel_lines(rows, **options)
    expected = pd.read_csv(GOLDEN / f"lines_{name}.csv")
    assert list(ours.columns) == list(LINE_COLUMNS)
    assert len(ours) == len(expected)
    for col in LINE_COLUMNS:
        _assert_close(ours[col].to_numpy(dtype=float), expected[col].to_numpy(dtype=float), col)


def test_golden_sets_cover_every_chart_and_setting_and_both_auto_outcomes() -> None:
    grid = set(zip(CASES["chart"], CASES["overdispersion"], strict=True))
    assert grid == {(c, o) for c in ("PR", "SR", "RC") for o in ("no", "yes", "auto")}
    auto = CASES[CASES["overdispersion"] == "auto"]
    assert set(auto["od_adjusted"]) == {True, False}
    # "mild": yes adjusts, auto judges it not significant
    mild = CASES.set_index("case").loc[["pr_ae_mild_yes", "pr_ae_mild_auto"], "od_adjusted"]
    assert list(mild) == [True, False]
    assert {name.split("_")[0] for name in LINE_CASES} == {"pr", "sr", "rc"}


def test_far_outlier_and_zero_death_trust_are_flagged() -> None:
    case = CASES.set_index("case").loc["pr_ae_auto"]
    ours, _ = _run(pd.Series({**case.to_dict(), "case": "pr_ae_auto"}))
    assert ours.loc[5, "outlier"] == "below 99"  # the trust at 45 %
    case = CASES.set_index("case").loc["sr_shmi_no"]
    ours, _ = _run(pd.Series({**case.to_dict(), "case": "sr_shmi_no"}))
    assert ours.loc[0, "z"] == -np.inf


def test_multiplier_scales_values_and_limits_but_not_z() -> None:
    frame = pd.read_csv(GOLDEN / "input_ae_4hr.csv")
    kwargs = {"group_col": "group", "numerator_col": "numerator", "denominator_col": "denominator"}
    percent = funnel(frame, **kwargs)
    fraction = funnel(frame, multiplier=1, **kwargs)
    for col in ("value", "target", "ll95", "ul95", "ll99", "ul99"):
        np.testing.assert_allclose(percent[col], fraction[col] * 100, rtol=1e-12)
    np.testing.assert_array_equal(percent["z"], fraction["z"])
    assert 0 < fraction["target"].iloc[0] < 1


def test_result_keeps_the_input_order_and_index_free_of_the_input() -> None:
    frame = pd.DataFrame(
        {"org": ["B", "A", "C"], "n": [30, 10, 50], "d": [100, 40, 300]}, index=[7, 8, 9]
    )
    result = funnel(frame, group_col="org", numerator_col="n", denominator_col="d")
    assert list(result["group"]) == ["B", "A", "C"]
    assert list(result.index) == [0, 1, 2]
    assert result["target"].iloc[0] == pytest.approx(90 / 440 * 100)
