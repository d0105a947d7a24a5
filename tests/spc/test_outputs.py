"""R's columns: nullable types keep missing (``<NA>``) and not-a-number (``NaN``) apart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.spc.outputs import R_COLUMNS, RULE_COLUMNS
from tests.spc.helpers import BASELINE, run


def test_missing_and_not_a_number_stay_apart() -> None:
    points = run([5.0] * 14 + [np.nan])  # constant: R's limits are NaN; the last value missing
    assert np.isnan(points["upl"].iloc[0]) and points["upl"].iloc[0] is not pd.NA
    assert points["relative_to_mean"].iloc[-1] is pd.NA
    assert (
        str(points["mean"].dtype) == "Float64" and str(points["outside_limits"].dtype) == "boolean"
    )


def test_the_rule_columns_belong_to_the_mdc_rule_set_only() -> None:
    plotthedots = run(BASELINE)
    mdc = run(BASELINE, rules="mdc")
    assert not set(RULE_COLUMNS) & set(plotthedots.columns)
    assert list(mdc.columns[-len(RULE_COLUMNS) :]) == list(RULE_COLUMNS)
    assert list(mdc.columns[2 : 2 + len(R_COLUMNS)]) == list(R_COLUMNS)
