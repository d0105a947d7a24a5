"""Where automatic limits restart: the Stable Shift Algorithm's periods, within rebase events."""

from datetime import date

import numpy as np
import pandas as pd

from impact.board.limit_periods import recalculation_starts
from impact.spc import auto_limits

MONTHS = pd.date_range("2020-01-01", periods=60, freq="MS")


def shifted_series(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = np.r_[rng.normal(50, 2, 30), rng.normal(60, 2, 30)]
    return pd.DataFrame({"period_start": MONTHS, "value": values})


def test_the_starts_are_autospc_calculation_periods_after_the_first():
    series = shifted_series()
    starts, note = recalculation_starts(series, "i", ())
    limits = auto_limits(series, value_col="value", date_col="period_start")
    calc = sorted(set(limits.loc[limits["period_type"] == "calculation", "period_start"]))
    assert note == "" and starts == calc[1:]
    assert len(starts) == 1 and pd.Timestamp("2022-01-01") <= starts[0] <= MONTHS[33]


def test_a_rebase_event_starts_its_own_run_of_the_algorithm():
    series = shifted_series()
    starts, _ = recalculation_starts(series, "i", {date(2021, 7, 1)})
    # 18 points before the event (too few for a period) and 42 after, shift and all
    after = recalculation_starts(series[series["period_start"] >= "2021-07-01"], "i", ())[0]
    assert starts == after and all(s > pd.Timestamp("2021-07-01") for s in starts)


def test_bad_input_keeps_fixed_limits_and_says_why():
    series = shifted_series().assign(numerator=np.nan, denominator=np.nan)
    starts, note = recalculation_starts(series, "pp", ())
    assert starts == []
    assert note.startswith("Limits are fixed, not recalculated automatically: ")
