"""Bad input raises one error class that names the series and the point."""

from __future__ import annotations

import pandas as pd
import pytest

from impact.spc import SPCInputError, spc
from tests.spc.helpers import BASELINE, frame


def test_a_duplicate_date_names_its_facet_and_date() -> None:
    data = pd.concat([frame(BASELINE, org="A"), frame([1.0], start="2022-02-01", org="A")])
    with pytest.raises(SPCInputError) as caught:
        spc(data, value_col="value", date_col="month", facet_cols="org")
    assert caught.value.facet == "org='A'" and caught.value.date == "2022-02-01"
    assert isinstance(caught.value, ValueError)
