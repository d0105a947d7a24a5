"""How long ``auto_limits`` takes over a national-scale table; prints the figures.

77,700 series x 60 months (the national set: every trust x metric), a third of them with a
sustained step, some with outliers, as XmR and as Laney P'. Run:
``python -m bench.auto_limits_bench [n_series]``.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import numpy as np
import pandas as pd

from impact.spc import auto_limits

MONTHS = 60


def national_table(n_series: int, seed: int = 1) -> pd.DataFrame:
    """Synthetic monthly series: noise, a step in a third of them, a few outliers."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(50, 90, n_series)[:, None]
    step_at = rng.integers(15, 50, n_series)[:, None]
    step = np.where(rng.random(n_series) < 1 / 3, rng.normal(0, 4, n_series), 0.0)[:, None]
    months = np.arange(MONTHS)[None, :]
    values = level + rng.normal(0, 1.5, (n_series, MONTHS)) + np.where(months >= step_at, step, 0)
    outlier = rng.random((n_series, MONTHS)) < 0.01
    values = values + outlier * rng.normal(0, 10, (n_series, MONTHS))
    denominators = rng.integers(2000, 12000, (n_series, MONTHS))
    share = np.clip(values / 100, 0.01, 0.99)
    numerators = rng.binomial(denominators, share)
    return pd.DataFrame(
        {
            "series": np.repeat(np.arange(n_series), MONTHS),
            "month": np.tile(pd.date_range("2021-01-01", periods=MONTHS, freq="MS"), n_series),
            "value": values.ravel(),
            "numerator": numerators.ravel(),
            "denominator": denominators.ravel(),
        }
    )


def timed_auto_limits(table: pd.DataFrame, **options: Any) -> tuple[pd.DataFrame, float, float]:
    """``auto_limits(table, **options)`` with its wall-clock and CPU seconds.

    The one timing of the algorithm, shared by this script and the store's benchmark
    (``auto_limits_all_series_s``).
    """
    started, cpu = time.perf_counter(), time.process_time()
    out = auto_limits(table, **options)
    return out, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    n_series = int(sys.argv[1]) if len(sys.argv) > 1 else 77_700
    table = national_table(n_series)
    for chart, cols in (
        ("i", {"value_col": "value"}),
        ("pp", {"numerator_col": "numerator", "denominator_col": "denominator"}),
    ):
        out, seconds, cpu = timed_auto_limits(
            table, date_col="month", chart=chart, facet_cols="series", **cols
        )
        recalculated = out.groupby("series")["period_start"].nunique().gt(2).mean()
        print(
            f"auto_limits chart={chart}: {n_series:,} series x {MONTHS} months in {seconds:.2f} s "
            f"({cpu:.2f} s CPU; {seconds / n_series * 1e3:.3f} ms a series; "
            f"{recalculated:.0%} of series recalculated at least once)"
        )


if __name__ == "__main__":
    main()
