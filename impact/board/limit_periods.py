"""Where a metric's limits restart when the catalogue asks for ``limits=auto``.

The Stable Shift Algorithm (:func:`impact.spc.auto_limits`, identical to autospc) decides
*where* a sustained, stable shift starts a new calculation period. The board then passes
those dates to the SPC engine as rebases, with the limits fixed after each period's first
:data:`PERIOD_MIN` points (autospc's calculation period), so the rules run within each
period and every flag is judged against the lines the chart draws. autospc's own limits
can differ slightly: it leaves up to three extreme points out of a calculation period,
where the engine screens moving ranges (see ``docs/spc.md``). A rebase event still starts a
new period: the algorithm runs separately on each stretch between events.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from impact import spc as spc_engine

#: autospc's ``period_min``: the points a calculation period's limits are computed from.
PERIOD_MIN = 21


def recalculation_starts(
    series: pd.DataFrame, chart: str, rebases: Iterable[date]
) -> tuple[list[pd.Timestamp], str]:
    """The dates the algorithm starts a new calculation period, and a note if it could not.

    ``series`` is one metric's points (``period_start``, ``value`` and, for ``pp``,
    ``numerator`` and ``denominator``). The first period of each stretch between rebase
    events is not a recalculation (it starts with the series or the event), so it is left
    out. On bad input the limits stay fixed and the note says why.
    """
    rows = series[series["value"].notna()].sort_values("period_start")
    if rows.empty:
        return [], ""
    when = pd.to_datetime(rows["period_start"])
    events = sorted(pd.Timestamp(d) for d in rebases)
    stretch = sum((when >= d).astype(int) for d in events) if events else 0
    frame = pd.DataFrame({"stretch": stretch, "period_start": when.to_numpy()})
    if chart == "pp":
        frame["numerator"] = rows["numerator"].to_numpy()
        frame["denominator"] = rows["denominator"].to_numpy()
        columns = {"numerator_col": "numerator", "denominator_col": "denominator"}
    else:
        frame["value"] = rows["value"].to_numpy()
        columns = {"value_col": "value"}
    try:
        limits = spc_engine.auto_limits(
            frame,
            date_col="period_start",
            chart=chart,  # type: ignore[arg-type]
            facet_cols="stretch",
            period_min=PERIOD_MIN,
            **columns,
        )
    except ValueError as error:
        return [], f"Limits are fixed, not recalculated automatically: {error}."
    calc = limits[limits["period_type"] == "calculation"]
    firsts = set(calc.groupby("stretch", observed=True)["period_start"].min())
    starts = sorted({pd.Timestamp(d) for d in calc["period_start"]} - firsts)
    return starts, ""
