"""The SPC points of every board metric of one organisation, one engine call per chart.

The engine runs over all metrics that share a chart and limits mode at once (facet =
metric) rather than once per metric. Each point carries the target in force on its date and
a rebase flag where an event, or for ``limits=auto`` a sustained shift
(:mod:`impact.board.limit_periods`), restarts the limits; ``limits_change`` says which.
Each point also names its chart, the rule set, and why the catalogue's chart could not be
used where it could not (:mod:`impact.board.chart_choice`).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from impact import spc as spc_engine
from impact.board.chart_choice import RULES, ChartSpec, multiplier, usable_spec
from impact.board.limit_periods import PERIOD_MIN, recalculation_starts
from impact.board.model import Metric
from impact.board.targets import target_lookup
from impact.spc.charts import NEEDS_DENOMINATOR

#: ``limits_change`` values: the first point of limits restarted by an event or by a shift.
REBASED = "rebase"
RECALCULATED = "recalculated"


def run_spc(
    observations: pd.DataFrame,
    metrics: dict[str, Metric],
    histories: dict[str, pd.DataFrame],
    rebase: dict[str, set[date]],
    specs: Mapping[str, ChartSpec] | None = None,
) -> pd.DataFrame:
    """The points of :func:`spc_points_and_summary`, without the summary."""
    return spc_points_and_summary(observations, metrics, histories, rebase, specs)[0]


def spc_points_and_summary(
    observations: pd.DataFrame,
    metrics: dict[str, Metric],
    histories: dict[str, pd.DataFrame],
    rebase: dict[str, set[date]],
    specs: Mapping[str, ChartSpec] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The SPC engine over every metric of one organisation, each with its chart and limits.

    Returns the points and :func:`impact.spc.spc_summary` of them (one row per metric and
    rebase group), summarised per engine call since each call has its own chart.

    Each point carries the target in force on its date, so the numbers table shows target
    changes and the assurance (which the engine takes from the last point) uses the current
    one. ``specs`` (metric_id → chart and limits mode) defaults to XmR with fixed limits.
    Short-baseline warnings are not raised here: the page says so per metric.
    """
    if observations.empty:
        return observations.iloc[0:0], pd.DataFrame()
    data = observations.copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data["direction"] = data["metric_id"].map(lambda m: metrics[m].direction)
    lookups = {m: target_lookup(h) for m, h in histories.items()}
    data["target_value"] = [
        lookups[m](d.date())[0]
        for m, d in zip(data["metric_id"], data["period_start"], strict=True)
    ]
    data["target_value"] = pd.to_numeric(data["target_value"], errors="coerce")
    chosen, recalculated = _choose(data, rebase, specs or {})
    event = _on_dates(data, {m: {pd.Timestamp(d) for d in ds} for m, ds in rebase.items()})
    shift = _on_dates(data, recalculated) & ~event
    data["rebase_flag"] = event | shift
    data["limits_change"] = np.where(event, REBASED, np.where(shift, RECALCULATED, ""))
    keys = {m: (s.chart, s.limits, multiplier(metrics[m].unit)) for m, s in chosen.items()}
    frames = [
        _engine(data[data["metric_id"].isin(ids)], *key) for key, ids in _grouped(keys).items()
    ]
    summary = pd.concat([spc_engine.spc_summary(f) for f in frames], ignore_index=True)
    summary["metric_id"] = summary["metric_id"].astype(str)
    points = pd.concat(frames, ignore_index=True)
    points["metric_id"] = points["metric_id"].astype(str)
    extra = data[["metric_id", "period_start", "numerator", "denominator", "limits_change"]]
    points = points.drop(columns=["numerator", "denominator"], errors="ignore").merge(
        extra, on=["metric_id", "period_start"], how="left"
    )
    points["chart"] = points["metric_id"].map(lambda m: chosen[m].chart)
    points["limits_mode"] = points["metric_id"].map(lambda m: chosen[m].limits)
    points["chart_note"] = points["metric_id"].map(lambda m: chosen[m].note)
    points["rules"] = RULES
    return points, summary


def _choose(
    data: pd.DataFrame, rebase: dict[str, set[date]], specs: Mapping[str, ChartSpec]
) -> tuple[dict[str, ChartSpec], dict[str, set[pd.Timestamp]]]:
    """Each metric's usable chart and limits, and for ``auto`` the recalculation dates."""
    chosen: dict[str, ChartSpec] = {}
    recalculated: dict[str, set[pd.Timestamp]] = {}
    for metric_id, part in data.groupby("metric_id", sort=False):
        spec = usable_spec(specs.get(str(metric_id), ChartSpec()), part)
        if spec.limits == "auto":
            starts, note = recalculation_starts(part, spec.chart, rebase.get(str(metric_id), ()))
            if note:
                spec = replace(spec, limits="fixed", note=f"{spec.note} {note}".strip())
            recalculated[str(metric_id)] = set(starts)
        chosen[str(metric_id)] = spec
    return chosen, recalculated


def _on_dates(data: pd.DataFrame, dates: Mapping[str, set[pd.Timestamp]]) -> np.ndarray:
    """True where a row's date is one of its metric's dates."""
    return np.array(
        [
            d in dates.get(m, ())
            for m, d in zip(data["metric_id"], data["period_start"], strict=True)
        ],
        dtype=bool,
    )


def _grouped(keys: Mapping[str, tuple[str, str, float]]) -> dict[tuple[str, str, float], list[str]]:
    groups: dict[tuple[str, str, float], list[str]] = {}
    for metric_id, key in keys.items():
        groups.setdefault(key, []).append(metric_id)
    return dict(sorted(groups.items()))


def _engine(part: pd.DataFrame, chart: str, limits: str, scale: float) -> pd.DataFrame:
    """One engine call for metrics sharing a chart, a limits mode and a value scale."""
    options: dict = {"chart": chart}
    if chart in NEEDS_DENOMINATOR:
        options.update(numerator_col="numerator", denominator_col="denominator", multiplier=scale)
    if limits == "auto":
        options["fix_after_n_points"] = PERIOD_MIN  # autospc's calculation period
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc_engine.ShortGroupWarning)
        return spc_engine.spc(
            part,
            value_col="value",
            date_col="period_start",
            facet_cols=("metric_id",),
            improvement_direction_col="direction",
            target_col="target_value",
            rebase_col="rebase_flag",
            rules=RULES,
            **options,
        )
