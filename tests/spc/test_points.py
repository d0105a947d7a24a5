"""``spc()`` as a whole: R's columns in R's order and the options it refuses."""

from __future__ import annotations

import pytest

from impact.spc import R_COLUMNS, spc
from tests.spc.helpers import BASELINE, frame, run


def test_columns_follow_r_after_the_input_columns() -> None:
    points = run(BASELINE)
    assert list(points.columns) == ["month", "value", *R_COLUMNS, "improvement_direction"]
    assert points.attrs["spc"]["value_col"] == "value"


def test_an_unknown_rule_set_is_rejected() -> None:
    with pytest.raises(ValueError, match="rules must be one of"):
        run(BASELINE, rules="western_electric")
    with pytest.raises(ValueError, match="XmR chart only"):
        run(BASELINE, rules="plotthedots", chart="c")
    with pytest.raises(ValueError, match="needs numerator_col and denominator_col"):
        run(BASELINE, rules="mdc", chart="p")


def test_input_columns_may_not_clash_with_output_columns() -> None:
    data = frame(BASELINE).rename(columns={"value": "mean"})
    with pytest.raises(ValueError, match="clash"):
        spc(data, value_col="mean", date_col="month")
