"""Which points each chart can use, and the one warning naming the rest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.spc import SPCInputWarning, spc
from impact.spc.validity import REASONS, reasons


def test_reasons_in_powerbi_spc_order() -> None:
    num = np.array([1.0, 1, 1, 5, np.nan, -1, 1])
    den = np.array([np.nan, -1, 0, 4, 4, 4, 4])
    got = [REASONS[c] for c in reasons("p", num, den)]
    assert got == [
        "denominator missing",
        "denominator negative",
        "denominator is zero",
        "numerator greater than denominator",
        "value missing",
        "value negative",
        "",
    ]


def test_an_i_chart_may_go_negative_and_a_u_chart_may_exceed_one() -> None:
    assert reasons("i", np.array([-5.0, np.nan]), None).tolist() == [0, 5]
    assert reasons("u", np.array([5.0]), np.array([4.0])).tolist() == [0]


def test_left_out_points_are_named_and_the_rest_charted() -> None:
    data = pd.DataFrame(
        {
            "org": ["A"] * 14 + ["B"] * 14,
            "month": list(pd.date_range("2024-01-01", periods=14, freq="MS")) * 2,
            "count": [5.0] * 13 + [-2.0] + [4.0, 6.0] * 7,
        }
    )
    with pytest.warns(SPCInputWarning, match=r"org='A' on 2025-02-01 \(value negative\)"):
        points = spc(data, value_col="count", date_col="month", facet_cols="org", chart="c")
    assert points["outside_limits"].isna().sum() == 1
    assert points.loc[points["org"] == "B", "mean"].iloc[0] == 5.0
