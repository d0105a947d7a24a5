"""Missing cells in every shape pandas and DuckDB hand over, made plain."""

from datetime import date

import numpy as np
import pandas as pd

from impact.board.values import as_date, as_float, text_or_blank, text_or_none


def test_missing_cells():
    for missing in (None, np.nan, pd.NaT):
        assert as_date(missing) is None
        assert as_float(missing) is None
        assert text_or_none(missing) is None
    assert text_or_blank(None) == "" and text_or_blank(np.nan) == ""


def test_present_cells():
    assert as_date(pd.Timestamp("2025-09-01")) == date(2025, 9, 1)
    assert as_date("2025-09-01") == date(2025, 9, 1)
    assert as_float("72.5") == 72.5 and as_float("n/a") is None
    assert text_or_none("consistent_fail") == "consistent_fail"
    assert text_or_blank("plan 24/25") == "plan 24/25"
