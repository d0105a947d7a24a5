"""``spc()``: one row per point for every series at once, in NHSRplotthedots' columns.

The steps, each in its own module: sort the input and find the facets (:mod:`~impact.spc.sort`,
:mod:`~impact.spc.frame`), turn direction, target and rebase into per-row arrays
(:mod:`~impact.spc.parameters`), cut the table into facet x rebase-group segments
(:mod:`~impact.spc.segments`), then run one rule set: ``rules="mdc"`` (the Making Data Count
rules of November 2023 on any chart type, identical to PowerBI-SPC:
:mod:`~impact.spc.run_mdc`) or ``rules="plotthedots"`` (XmR only, byte for byte
NHSRplotthedots 0.2.2: :mod:`~impact.spc.run_plotthedots`). Each point is then read through
the improvement direction (:mod:`~impact.spc.point_type`).

Where a tool errors or degenerates we answer instead (see ``docs/spc.md``): duplicate dates
raise :class:`~impact.spc.errors.SPCInputError` naming the facet and date; points a chart
cannot use are left out with one :class:`~impact.spc.errors.SPCInputWarning`; a constant
series has no flags.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from impact.spc import parameters, validity
from impact.spc.charts import CHARTS, NEEDS_DENOMINATOR
from impact.spc.frame import Frame, check_arguments
from impact.spc.limits import (
    MIN_POINTS_FOR_LIMITS,
    SHORT_GROUP_MESSAGE,
    SHORT_GROUP_THRESHOLD,
    ShortGroupWarning,
)
from impact.spc.outputs import R_COLUMNS, RULE_COLUMNS
from impact.spc.rules_mdc import SHIFT_POINTS, TREND_POINTS
from impact.spc.run_mdc import MdcOptions, run_mdc
from impact.spc.run_plotthedots import run_plotthedots
from impact.spc.segments import Segments
from impact.spc.sort import sorted_frame

#: Rule sets: ``mdc`` = Making Data Count, November 2023 (as PowerBI-SPC applies them);
#: ``plotthedots`` = NHSRplotthedots 0.2.2.
RuleSet = Literal["mdc", "plotthedots"]
RULE_SETS: tuple[str, ...] = ("mdc", "plotthedots")


def spc(
    data: pd.DataFrame,
    *,
    value_col: str = "value",
    date_col: str,
    facet_cols: Sequence[str] | str = (),
    improvement_direction: str | Mapping[Any, str] = "increase",
    improvement_direction_col: str | None = None,
    chart: str = "i",
    numerator_col: str | None = None,
    denominator_col: str | None = None,
    rules: RuleSet = "mdc",
    target: float | Mapping[Any, float] | None = None,
    target_col: str | None = None,
    rebase: Any = None,
    rebase_col: str | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool | None = None,
    shift_points: int = SHIFT_POINTS,
    trend_points: int = TREND_POINTS,
    multiplier: float = 1.0,
) -> pd.DataFrame:
    """SPC chart data for every facet of ``data``: one row per point, R's columns and labels.

    ``chart`` is one of :data:`~impact.spc.charts.CHARTS` (``i`` = XmR). The value charted
    is ``value_col`` (or ``numerator_col``); for ``p``, ``pp``, ``u``, ``up`` (and ``i`` given
    a ``denominator_col``) it is ``numerator_col / denominator_col`` times ``multiplier``
    (100 for percentages), written to ``value_col`` in the result. ``rules="plotthedots"``
    allows ``chart="i"`` only; ``shift_points`` and ``trend_points`` apply to ``mdc``.

    ``improvement_direction``, ``target`` and ``rebase`` take one value for every facet or a
    mapping keyed by facet (the facet value for one facet column, a tuple for several).
    ``rebase`` is a date or list of dates (per facet in a mapping); ``rebase_col`` instead
    names a boolean column that is true on the first point of each new group.
    ``improvement_direction_col`` / ``target_col`` name per-row columns of ``data`` (a
    direction must be constant within a facet; a target may change over time, and the
    assurance uses the target at the facet's last point). ``screen_outliers`` (drop moving
    ranges at or above 3.267 times their mean once) defaults to on, as both tools do.

    The result keeps the facet, date and value columns (facet columns become categorical,
    the same values), sorted by facet and date, followed by :data:`R_COLUMNS`,
    ``improvement_direction`` and, for ``mdc``, the side each rule fired on
    (:data:`~impact.spc.outputs.RULE_COLUMNS`: +1, -1 or 0). Duplicate dates within a facet,
    missing dates and missing facet values raise :class:`~impact.spc.errors.SPCInputError`
    (a ``ValueError``). Missing values are ``<NA>`` and "not a number" results are ``NaN``.
    Warns :class:`ShortGroupWarning` (R's text) when any group has fewer than 13 points.
    """
    facets = (facet_cols,) if isinstance(facet_cols, str) else tuple(facet_cols)
    ratio = chart in NEEDS_DENOMINATOR or denominator_col is not None
    source_col = numerator_col or value_col
    optional = (improvement_direction_col, target_col, rebase_col, denominator_col)
    check_arguments(
        data,
        source_col,
        date_col,
        facets,
        optional,
        (*R_COLUMNS, *RULE_COLUMNS, "improvement_direction"),
    )
    _check_options(rules, chart, ratio, numerator_col, denominator_col, fix_after_n_points)
    screen = True if screen_outliers is None else bool(screen_outliers)
    fix_n = None if fix_after_n_points is None else int(fix_after_n_points)

    frame = sorted_frame(data, source_col, date_col, facets)
    if improvement_direction_col is not None:
        direction = parameters.facet_constant(
            frame, improvement_direction_col, "improvement direction"
        )
    else:
        direction = parameters.per_facet(frame, improvement_direction, "improvement_direction")
    dir_row = np.repeat(parameters.direction_codes(direction, frame), frame.facet_length)
    target_row = parameters.target_rows(frame, target, target_col)  # None: no target at all
    seg = Segments(frame, parameters.rebase_flags(frame, rebase, rebase_col))
    out, y = frame.output_columns(date_col, source_col)

    if rules == "plotthedots":
        points = run_plotthedots(y, seg, fix_n, screen)
        group_length = seg.length
    else:
        denominator = None if denominator_col is None else _floats(frame, denominator_col)
        code = validity.reasons(chart, y, denominator)
        validity.warn_left_out(frame, code, date_col)
        options = MdcOptions(chart, fix_n, screen, shift_points, trend_points)
        points, plotted, group_length = run_mdc(y, denominator, code == 0, seg, dir_row, options)
        if plotted is not None:
            out = _ratio_columns(out, frame, value_col, denominator_col, plotted * multiplier)
            if multiplier != 1:
                points.limits = {k: v * multiplier for k, v in points.limits.items()}
    short = np.repeat(group_length < SHORT_GROUP_THRESHOLD, seg.length)
    cols = points.columns(seg, short, dir_row, target_row)
    result = pd.DataFrame({**out, **cols}, copy=False)
    result.attrs["spc"] = {
        "facet_cols": facets,
        "date_col": date_col,
        "value_col": value_col,
        "target_mode": parameters.target_mode(target, target_col),
        "rules": rules,
        "chart": chart,
        "screen_outliers": screen,
        "fix_after_n_points": fix_after_n_points,
    }
    if short.any():
        warnings.warn(SHORT_GROUP_MESSAGE, ShortGroupWarning, stacklevel=2)
    return result


def _floats(frame: Frame, col: str) -> np.ndarray:
    """A numeric input column in sorted order as float64 (missing as NaN)."""
    return pd.to_numeric(frame.column(col)).to_numpy(dtype=float, na_value=np.nan)


def _ratio_columns(
    out: dict[str, Any],
    frame: Frame,
    value_col: str,
    denominator_col: str | None,
    plotted: np.ndarray,
) -> dict[str, Any]:
    """The output's leading columns for a ratio chart: numerator, denominator, the value."""
    cols = dict(out)
    if denominator_col is not None:
        cols[denominator_col] = frame.column(denominator_col)
    cols[value_col] = plotted
    return cols


def _check_options(
    rules: str,
    chart: str,
    ratio: bool,
    numerator_col: str | None,
    denominator_col: str | None,
    fix_after_n_points: int | None,
) -> None:
    """Refuse a combination of options no tool defines, before any work is done."""
    if rules not in RULE_SETS:
        raise ValueError(f"rules must be one of {RULE_SETS}, not {rules!r}")
    if chart not in CHARTS:
        raise ValueError(f"chart must be one of {CHARTS}, not {chart!r}")
    if rules == "plotthedots" and (chart != "i" or denominator_col is not None):
        raise ValueError("rules='plotthedots' has the XmR chart only (chart='i', no denominator)")
    if ratio and (numerator_col is None or denominator_col is None):
        raise ValueError(f"chart {chart!r} needs numerator_col and denominator_col")
    if fix_after_n_points is not None and not (
        isinstance(fix_after_n_points, int | np.integer)
        and fix_after_n_points >= MIN_POINTS_FOR_LIMITS
    ):
        raise ValueError(
            f"fix_after_n_points must be a whole number of at least {MIN_POINTS_FOR_LIMITS}"
            f" (got {fix_after_n_points!r})"
        )
