"""Golden tests: every worked example produced by NHSRplotthedots 0.2.2 itself.

The examples live beside the project in ``../shared/spc-examples/`` (inputs, parameters,
R's points and summaries), reached through :func:`tests.conftest.shared_path` (skipped
without them, failed under CI). Numbers must agree to 1e-9 relative, labels and flags
exactly, missing (R ``NA``) and not-a-number (R ``NaN``) apart, and we must warn where R
warned. R's summary names the icons; ours come from the one icon rule of each kind.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from impact.spc import (
    SHORT_GROUP_MESSAGE,
    ShortGroupWarning,
    assurance_icon_name,
    spc,
    spc_summary,
    variation_icon_name,
)
from tests.conftest import SHARED, shared_path

#: Where the examples are when present (only to list the series at collection time).
EXAMPLES = SHARED / "spc-examples"

NUMBER_COLUMNS = ("fix_y", "mean", "lpl", "upl", "nlpl", "nupl", "relative_to_mean", "target")
FLAG_COLUMNS = ("short_group_warning", "outside_limits", "close_to_limits", "special_cause_flag")
LABEL_COLUMNS = ("special_cause_type", "point_type")


def _read(name: str) -> pd.DataFrame:
    # every cell as text, so "NA", "NaN" and "" keep their distinct meanings
    return pd.read_csv(shared_path("spc-examples", name), dtype=str, keep_default_na=False)


def _series_ids() -> list[str]:
    """Every example's id; one placeholder id without the examples, so that the tests run
    and :func:`shared_path` skips them (or fails them under CI) rather than none existing."""
    if not (EXAMPLES / "params.csv").exists():
        return ["examples-missing"]
    params = pd.read_csv(EXAMPLES / "params.csv", dtype=str, keep_default_na=False)
    return params["series_id"].tolist()


def _parse_named(text: str, convert):
    """``""`` → None, ``12`` → 12, ``a=12`` → {"a": 12} (several split by ``|``)."""
    if text == "":
        return None
    if "=" in text:
        out: dict[str, list] = {}
        for part in text.split("|"):
            key, value = part.split("=", 1)
            out.setdefault(key, []).append(convert(value))
        return out
    return [convert(v) for v in text.split("|")]


def _run(series_id: str) -> tuple[pd.DataFrame, list[warnings.WarningMessage], pd.Series]:
    params = _read("params.csv").set_index("series_id").loc[series_id]
    inputs = _read("inputs.csv")
    data = inputs[inputs["series_id"] == series_id].copy()
    data["value"] = pd.to_numeric(data["value"].replace("NA", np.nan))
    data["date"] = pd.to_datetime(data["date"])
    target = _parse_named(params["target"], float)
    if isinstance(target, dict):
        target = {k: v[0] for k, v in target.items()}
    elif isinstance(target, list):
        target = target[0]
    fix = None if params["fix_after_n_points"] == "NA" else int(params["fix_after_n_points"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        points = spc(
            data[["facet", "date", "value"]],
            value_col="value",
            date_col="date",
            facet_cols=("facet",),
            improvement_direction=params["improvement_direction"],
            target=target,
            rebase=_parse_named(params["rebase_dates"], str),
            fix_after_n_points=fix,
            screen_outliers=params["screen_outliers"] == "TRUE",
            rules="plotthedots",
        )
    return points, list(caught), params


def _same_number(expected: str, actual: object) -> bool:
    if expected == "NA":
        return actual is pd.NA
    if expected == "NaN":
        return actual is not pd.NA and math.isnan(float(actual))
    if actual is pd.NA or math.isnan(float(actual)):
        return False
    return math.isclose(float(expected), float(actual), rel_tol=1e-9, abs_tol=1e-12)


def _same_flag(expected: str, actual: object) -> bool:
    if expected == "NA":
        return actual is pd.NA
    return actual is not pd.NA and bool(actual) == (expected == "TRUE")


@pytest.mark.parametrize("series_id", _series_ids())
def test_points_match_r(series_id: str) -> None:
    points, _, _ = _run(series_id)
    expected = _read("points.csv")
    expected = expected[expected["series_id"] == series_id].reset_index(drop=True)
    assert len(points) == len(expected)
    assert points["facet"].tolist() == expected["facet"].tolist()
    assert points["date"].dt.strftime("%Y-%m-%d").tolist() == expected["date"].tolist()
    assert points["rebase_group"].astype(str).tolist() == expected["rebase_group"].tolist()
    problems = []
    for i in range(len(expected)):
        for col in NUMBER_COLUMNS:
            if not _same_number(expected.at[i, col], points.at[i, col]):
                problems.append((i + 1, col, expected.at[i, col], points.at[i, col]))
        for col in FLAG_COLUMNS:
            if not _same_flag(expected.at[i, col], points.at[i, col]):
                problems.append((i + 1, col, expected.at[i, col], points.at[i, col]))
        for col in LABEL_COLUMNS:
            if str(points.at[i, col]) != expected.at[i, col]:
                problems.append((i + 1, col, expected.at[i, col], points.at[i, col]))
    assert not problems, problems[:10]


@pytest.mark.parametrize("series_id", _series_ids())
def test_warnings_match_r(series_id: str) -> None:
    _, caught, params = _run(series_id)
    ours = [str(w.message) for w in caught if issubclass(w.category, ShortGroupWarning)]
    if params["warning_message"]:
        assert ours == [params["warning_message"]]
        assert params["warning_message"] == SHORT_GROUP_MESSAGE
    else:
        assert ours == []


@pytest.mark.parametrize("series_id", _series_ids())
def test_summary_matches_r(series_id: str) -> None:
    points, _, _ = _run(series_id)
    summary = spc_summary(points)
    expected = _read("summary.csv")
    expected = expected[expected["series_id"] == series_id].reset_index(drop=True)
    assert len(summary) == len(expected)
    for i in range(len(expected)):
        row = summary.iloc[i]
        assert row["facet"] == expected.at[i, "facet"]
        for col in ("rebase_group", "n", "common_cause"):
            assert str(row[col]) == expected.at[i, col], col
        for col in ("special_cause_improvement", "special_cause_concern"):
            assert str(row[col]) == expected.at[i, col], col
        for col in ("mean", "lpl", "upl"):
            assert _same_number(expected.at[i, col], row[col]), col
        shown = {col: _shown(row[col]) for col in ("variation_type", "assurance_type")}
        last_group = i == len(expected) - 1 or expected.at[i + 1, "facet"] != row["facet"]
        facet = points[points["facet"] == row["facet"]]
        direction = str(facet["improvement_direction"].iloc[-1])
        shown["variation_icon"] = (
            f"variation/{variation_icon_name(shown['variation_type'], direction)}.svg"
            if last_group
            else "NA"
        )
        shown["assurance_icon"] = (
            f"assurance/{assurance_icon_name(shown['assurance_type'])}.svg"
            if shown["assurance_type"] != "NA"
            else "NA"
        )
        for col, value in shown.items():
            assert value == expected.at[i, col], (col, value, expected.at[i, col])


def _shown(value: object) -> str:
    return "NA" if value is None or value is pd.NA or value != value else str(value)
