"""The SPC points of every board metric of one organisation, in one engine call.

The engine runs once over all metrics (facet = metric) rather than once per metric; each
point carries the target in force on its date and a rebase flag where an event
recalculates the limits.
"""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd

from impact import spc as spc_engine
from impact.board.model import Metric
from impact.board.targets import target_lookup


def run_spc(
    observations: pd.DataFrame,
    metrics: dict[str, Metric],
    histories: dict[str, pd.DataFrame],
    rebase: dict[str, set[date]],
) -> pd.DataFrame:
    """The SPC engine over every metric of one organisation at once (facet = metric).

    Each point carries the target in force on its date, so the numbers table shows target
    changes and the assurance (which the engine takes from the last point) uses the current
    one. Short-baseline warnings are not raised here: the page says so per metric.
    """
    if observations.empty:
        return observations.iloc[0:0]
    data = observations.copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data["direction"] = data["metric_id"].map(lambda m: metrics[m].direction)
    lookups = {m: target_lookup(h) for m, h in histories.items()}
    data["target_value"] = [
        lookups[m](d.date())[0]
        for m, d in zip(data["metric_id"], data["period_start"], strict=True)
    ]
    data["target_value"] = pd.to_numeric(data["target_value"], errors="coerce")
    data["rebase_flag"] = [
        d.date() in rebase.get(m, ())
        for m, d in zip(data["metric_id"], data["period_start"], strict=True)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc_engine.ShortGroupWarning)
        return spc_engine.spc(
            data,
            value_col="value",
            date_col="period_start",
            facet_cols=("metric_id",),
            improvement_direction_col="direction",
            target_col="target_value",
            rebase_col="rebase_flag",
        )
