"""``spc()``: one row per point for every series at once, NHSRplotthedots' columns and labels.

The steps, each in its own module: sort the input and find the facets (:mod:`~impact.spc.sort`,
:mod:`~impact.spc.frame`), turn direction, target and rebase into per-row arrays
(:mod:`~impact.spc.parameters`), cut the table into facet x rebase-group segments
(:mod:`~impact.spc.segments`), compute each segment's limits (:mod:`~impact.spc.limits`),
apply the rules (:mod:`~impact.spc.rules`) and read each point through the improvement
direction (:mod:`~impact.spc.point_type`). This module only wires them together, a chunk of
whole segments at a time.

Where R errors or degenerates we answer instead (see ``docs/spc.md``): duplicate dates raise
:class:`~impact.spc.errors.SPCInputError` naming the facet and date, a missing value inside a
7-point trend window means "no trend" rather than R's error, and a constant series has NaN
limits and no flags.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray, FloatingArray

from impact.spc import parameters
from impact.spc.frame import categorical, check_arguments
from impact.spc.limits import (
    MIN_POINTS_FOR_LIMITS,
    SHORT_GROUP_MESSAGE,
    SHORT_GROUP_THRESHOLD,
    ShortGroupWarning,
    baseline_values,
    xmr_limits,
)
from impact.spc.point_type import (
    DIRECTION_LABEL_CODE,
    DIRECTION_LABELS,
    POINT_TYPES,
    point_type_codes,
)
from impact.spc.rules import COMMON, SPECIAL_CAUSE_TYPES, special_cause_type
from impact.spc.segments import Segments
from impact.spc.sort import sorted_frame

#: Rule sets: ``nhsr`` = NHSRplotthedots 0.2.2; ``mdc`` = the MDC Excel tools (2023 rules).
Variant = Literal["nhsr", "mdc"]

#: Columns R returns, in its order (``target`` last); the engine adds ``improvement_direction``.
R_COLUMNS: tuple[str, ...] = (
    "rebase_group",
    "short_group_warning",
    "fix_y",
    "mean",
    "lpl",
    "upl",
    "nlpl",
    "nupl",
    "outside_limits",
    "relative_to_mean",
    "close_to_limits",
    "special_cause_type",
    "special_cause_flag",
    "point_type",
    "target",
)
_LIMITS = ("mean", "lpl", "upl", "nlpl", "nupl")


def spc(
    data: pd.DataFrame,
    *,
    value_col: str,
    date_col: str,
    facet_cols: Sequence[str] | str = (),
    improvement_direction: str | Mapping[Any, str] = "increase",
    improvement_direction_col: str | None = None,
    target: float | Mapping[Any, float] | None = None,
    target_col: str | None = None,
    rebase: Any = None,
    rebase_col: str | None = None,
    fix_after_n_points: int | None = None,
    screen_outliers: bool | None = None,
    variant: Variant = "nhsr",
) -> pd.DataFrame:
    """XmR chart data for every facet of ``data``: one row per point, R's columns and labels.

    ``improvement_direction``, ``target`` and ``rebase`` take one value for every facet or a
    mapping keyed by facet (the facet value for one facet column, a tuple for several).
    ``rebase`` is a date or list of dates (per facet in a mapping); ``rebase_col`` instead names
    a boolean column that is true on the first point of each new group.
    ``improvement_direction_col`` / ``target_col`` name per-row columns of ``data`` (a
    direction must be constant within a facet; a target may change over time, and the
    assurance uses the target at the facet's last point). ``screen_outliers`` defaults to
    True for ``variant="nhsr"`` and False for ``variant="mdc"``; the ``mdc`` variant also
    lets points beyond the process limits count towards "2 of 3 near the limit".

    The result keeps the facet, date and value columns (named as given; facet columns become
    categorical, the same values), sorted by facet and date, followed by :data:`R_COLUMNS`
    and ``improvement_direction``. Duplicate dates within a facet, missing dates and missing
    facet values raise :class:`~impact.spc.errors.SPCInputError` (a ``ValueError``). Missing
    values are ``<NA>`` and "not a number" results (R's ``NaN``, e.g. limits of a constant
    series) are ``NaN``, kept apart by pandas' nullable ``Float64``/``boolean`` types. Warns
    :class:`ShortGroupWarning` (R's text) when any group has fewer than 13 points.
    """
    facets = (facet_cols,) if isinstance(facet_cols, str) else tuple(facet_cols)
    optional = (improvement_direction_col, target_col, rebase_col)
    check_arguments(
        data, value_col, date_col, facets, optional, (*R_COLUMNS, "improvement_direction")
    )
    _check_options(variant, fix_after_n_points)
    screen = (variant == "nhsr") if screen_outliers is None else bool(screen_outliers)

    frame = sorted_frame(data, value_col, date_col, facets)
    if improvement_direction_col is not None:
        direction = parameters.facet_constant(
            frame, improvement_direction_col, "improvement direction"
        )
    else:
        direction = parameters.per_facet(frame, improvement_direction, "improvement_direction")
    dir_row = np.repeat(parameters.direction_codes(direction, frame), frame.facet_length)
    target_row = parameters.target_rows(frame, target, target_col)  # None: no target at all
    seg = Segments(frame, parameters.rebase_flags(frame, rebase, rebase_col))
    out, y = frame.output_columns(date_col, value_col)

    points = _Points(frame.n)
    fix_n = None if fix_after_n_points is None else int(fix_after_n_points)
    for first, stop in seg.chunks():
        points.compute(y, seg, first, stop, fix_n, screen, variant)
    short = np.repeat(seg.length < SHORT_GROUP_THRESHOLD, seg.length)
    cols = points.columns(seg, short, dir_row, target_row)
    result = pd.DataFrame({**out, **cols}, copy=False)
    result.attrs["spc"] = {
        "facet_cols": facets,
        "date_col": date_col,
        "value_col": value_col,
        "target_mode": parameters.target_mode(target, target_col),
        "variant": variant,
        "screen_outliers": screen,
        "fix_after_n_points": fix_after_n_points,
    }
    if short.any():
        warnings.warn(SHORT_GROUP_MESSAGE, ShortGroupWarning, stacklevel=2)
    return result


def _check_options(variant: str, fix_after_n_points: int | None) -> None:
    if variant not in ("nhsr", "mdc"):
        raise ValueError(f"variant must be 'nhsr' or 'mdc', not {variant!r}")
    if fix_after_n_points is not None and not (
        isinstance(fix_after_n_points, int | np.integer)
        and fix_after_n_points >= MIN_POINTS_FOR_LIMITS
    ):
        raise ValueError(
            f"fix_after_n_points must be a whole number of at least {MIN_POINTS_FOR_LIMITS}"
            f" (got {fix_after_n_points!r})"
        )


class _Points:
    """Every per-point output, filled a chunk of whole segments at a time.

    Working chunk by chunk keeps the temporaries small (they stay in cache and are never
    fresh memory from the system); the only full-length arrays are the outputs themselves.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.fix_y = np.empty(n)
        self.fix_y_missing = np.empty(n, dtype=bool)
        self.limits = {name: np.empty(n) for name in _LIMITS}
        self.outside = np.empty(n, dtype=bool)
        self.close = np.empty(n, dtype=bool)
        self.not_comparable = np.empty(n, dtype=bool)
        self.rtm = np.empty(n)
        self.y_missing = np.empty(n, dtype=bool)
        self.type_code = np.empty(n, dtype=np.int8)

    def compute(
        self,
        y_all: np.ndarray,
        seg: Segments,
        first: int,
        stop: int,
        fix_n: int | None,
        screen: bool,
        variant: Variant,
    ) -> None:
        """Limits, comparisons and rules for segments ``first`` to ``stop - 1``."""
        a, b = int(seg.start[first]), int(seg.end[stop - 1])
        rows = slice(a, b)
        start, length = seg.start[first:stop] - a, seg.length[first:stop]
        y = y_all[rows]
        seg_first = np.zeros(b - a, dtype=bool)
        seg_first[start] = True
        fix_y = baseline_values(y, start, length, fix_n)
        for name, values in xmr_limits(fix_y, start, length, screen).items():
            self.limits[name][rows] = np.repeat(values, length)
        mean, lpl, upl, nlpl, nupl = (self.limits[k][rows] for k in _LIMITS)

        fix_missing = np.isnan(fix_y)
        self.fix_y[rows] = np.where(fix_missing, 0.0, fix_y)
        self.fix_y_missing[rows] = fix_missing
        y_missing = np.isnan(y)
        comparable = ~y_missing & ~np.isnan(upl)  # R gives NA when y or the limits are NaN
        with np.errstate(invalid="ignore"):
            above, below = y > mean, y < mean
            outside = comparable & ((y > upl) | (y < lpl))
            beyond_near = comparable & ((y < nlpl) | (y > nupl))
            self.rtm[rows] = np.where(y_missing, 0.0, np.sign(y - mean))
        close = beyond_near & ~outside
        self.y_missing[rows] = y_missing
        self.outside[rows] = outside
        self.close[rows] = close
        self.not_comparable[rows] = ~comparable
        # NHSRplotthedots counts only points between the near line and the limit towards
        # 2 of 3; the 2023 MDC rules count every point beyond the near line
        near = close if variant == "nhsr" else beyond_near
        self.type_code[rows] = special_cause_type(
            y, above, below, outside, near, comparable, seg_first
        )

    def columns(
        self,
        seg: Segments,
        short: np.ndarray,
        dir_row: np.ndarray,
        target_row: np.ndarray | None,
    ) -> dict[str, Any]:
        """R's columns (and ``improvement_direction``) as pandas arrays, in R's order."""
        n = self.n
        if target_row is None:  # zeros from the system: this memory is never touched
            target_out = FloatingArray(np.zeros(n), np.ones(n, dtype=bool))
        else:
            target_missing = np.isnan(target_row)
            target_out = FloatingArray(np.where(target_missing, 0.0, target_row), target_missing)
        point_code = point_type_codes(dir_row, self.type_code)
        return {
            "rebase_group": seg.rebase_group(),
            "short_group_warning": short,
            "fix_y": FloatingArray(self.fix_y, self.fix_y_missing),
            **{
                # never missing, NaN when degenerate (e.g. a constant series)
                name: FloatingArray(self.limits[name], np.zeros(n, dtype=bool))
                for name in _LIMITS
            },
            "outside_limits": BooleanArray(self.outside, self.not_comparable),
            "relative_to_mean": FloatingArray(self.rtm, self.y_missing),
            "close_to_limits": BooleanArray(self.close, self.not_comparable.copy()),
            "special_cause_type": categorical(self.type_code, SPECIAL_CAUSE_TYPES),
            "special_cause_flag": self.type_code != COMMON,
            "point_type": categorical(point_code, POINT_TYPES),
            "target": target_out,
            "improvement_direction": categorical(
                DIRECTION_LABEL_CODE[dir_row + 1], DIRECTION_LABELS
            ),
        }
