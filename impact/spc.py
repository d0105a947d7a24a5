"""Making Data Count SPC engine: the rules of NHSRplotthedots 0.2.2, for many series at once.

Boards read performance through XmR charts with the Making Data Count (MDC) rules. Analysts
who use the NHS-R Community's R package NHSRplotthedots 0.2.2 must get the same answers from
us, so :func:`spc` reproduces its ``ptd_spc()`` data frame column for column (including its
floating-point mean, which R accumulates in extended precision) and :func:`spc_summary` its
``summary()`` plus the variation and assurance icons.

Every org x metric is charted at once, so the work is vectorised over one long table: rows
are sorted by facet and date, each facet x rebase group is a contiguous *segment*, and every
rule is a handful of numpy operations over all segments together (run lengths from
cumulative maxima, look-aheads from cumulative sums). There is no Python loop per point or
per series.

Where R errors or degenerates we answer instead (see ``docs/spc.md``): duplicate dates raise a
``ValueError`` naming the facet and date, a missing value inside a 7-point trend window means
"no trend" rather than R's error, and a constant series has NaN limits and no flags.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray, FloatingArray

#: Process limits sit this many mean moving ranges from the mean (3 sigma for XmR charts).
LIMIT = 2.66
#: The "near limit" lines (2 sigma), computed exactly as R does: ``2 * (limit / 3)``.
LIMIT_CLOSE = 2 * (LIMIT / 3)
#: Moving ranges at or above this multiple of their mean are screened out as outliers.
MR_SCREEN = 3.267
#: Groups with fewer points than this carry ``short_group_warning`` (R's default, 13).
SHORT_GROUP_THRESHOLD = 13
#: R refuses a baseline shorter than this.
MIN_FIX_AFTER_N_POINTS = 12
#: The warning R gives when any group is short, word for word.
SHORT_GROUP_MESSAGE = (
    "Some groups have 'n < 12' observations. These have trial limits, which will be revised "
    "with each additional observation until 'n = fix_after_n_points' has been reached."
)

#: ``special_cause_type`` labels; the order is internal (codes index into it).
SPECIAL_CAUSE_TYPES: tuple[str, ...] = (
    "Common Cause",
    "Above UCL",
    "Below LCL",
    "7 Point Trend (Increasing)",
    "7 Point Trend (Decreasing)",
    "2 in 3 Above CL",
    "2 in 3 Below CL",
    "7 Points Above CL",
    "7 Points Below CL",
)
#: ``point_type`` labels.
POINT_TYPES: tuple[str, ...] = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
#: Improvement direction words and the sign R gives them.
DIRECTIONS: dict[str, int] = {"increase": 1, "decrease": -1, "neutral": 0}
#: Assurance types (R's ``ptd_calculate_assurance_type``).
ASSURANCE_TYPES: tuple[str, ...] = ("consistent_pass", "consistent_fail", "inconsistent")
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

# special_cause_type codes
_COMMON, _ABOVE_UCL, _BELOW_LCL, _TREND_UP, _TREND_DOWN = 0, 1, 2, 3, 4
_TWO3_ABOVE, _TWO3_BELOW, _RUN_ABOVE, _RUN_BELOW = 5, 6, 7, 8
#: +1 for labels naming "Above"/"Increasing", -1 for "Below"/"Decreasing", 0 for common cause.
_TYPE_SIDE = np.array([0, 1, -1, 1, -1, 1, -1, 1, -1], dtype=np.int8)


class ShortGroupWarning(UserWarning):
    """Some facet x rebase group has fewer than 13 points: its limits are trial limits."""


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


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
    facet values raise ``ValueError``. Missing values are
    ``<NA>`` and "not a number" results (R's ``NaN``, e.g. limits of a constant series) are
    ``NaN``, kept apart by pandas' nullable ``Float64``/``boolean`` types. Warns
    :class:`ShortGroupWarning` (R's text) when any group has fewer than 13 points.
    """
    facets = (facet_cols,) if isinstance(facet_cols, str) else tuple(facet_cols)
    _check_arguments(
        data, value_col, date_col, facets, improvement_direction_col, target_col, rebase_col
    )
    if variant not in ("nhsr", "mdc"):
        raise ValueError(f"variant must be 'nhsr' or 'mdc', not {variant!r}")
    if fix_after_n_points is not None and not (
        isinstance(fix_after_n_points, int | np.integer)
        and fix_after_n_points >= MIN_FIX_AFTER_N_POINTS
    ):
        raise ValueError(
            f"fix_after_n_points must be a whole number of at least {MIN_FIX_AFTER_N_POINTS}"
            f" (got {fix_after_n_points!r})"
        )
    screen = (variant == "nhsr") if screen_outliers is None else bool(screen_outliers)

    extra = [c for c in (improvement_direction_col, target_col, rebase_col) if c is not None]
    frame = _sorted_frame(
        data[list(dict.fromkeys([*facets, date_col, value_col, *extra]))],
        value_col,
        date_col,
        facets,
    )
    n = frame.n
    if improvement_direction_col is not None:
        direction = _facet_constant(frame, improvement_direction_col, "improvement direction")
    else:
        direction = _per_facet(frame, improvement_direction, "improvement_direction")
    dir_codes = _direction_codes(direction, frame)
    dir_row = dir_codes[frame.facet_id]

    rebase_flag = _rebase_flags(frame, rebase, rebase_col)
    seg = _Segments(frame, rebase_flag)

    out = frame.output_columns(date_col, value_col)
    y = pd.to_numeric(out[value_col]).to_numpy(dtype=float, na_value=np.nan)
    fix_n = np.inf if fix_after_n_points is None else fix_after_n_points
    fix_y = np.where(seg.pos < fix_n, y, np.nan)
    mean = _r_mean(fix_y, seg)
    mr = np.full(n, np.nan)
    if n > 1:
        mr[1:] = np.abs(np.diff(fix_y))
    mr[seg.start] = np.nan
    if screen:
        amr_all = _r_mean(mr, seg)
        with np.errstate(invalid="ignore"):
            mr = np.where(mr < MR_SCREEN * amr_all[seg.id], mr, np.nan)
    amr = _r_mean(mr, seg)
    s_lpl, s_upl = mean - LIMIT * amr, mean + LIMIT * amr
    s_nlpl, s_nupl = mean - LIMIT_CLOSE * amr, mean + LIMIT_CLOSE * amr
    mean_r, lpl, upl = mean[seg.id], s_lpl[seg.id], s_upl[seg.id]
    nlpl, nupl = s_nlpl[seg.id], s_nupl[seg.id]

    y_ok = ~np.isnan(y)
    comparable = y_ok & ~np.isnan(upl)  # R gives NA when y is NA or the limits are NaN
    with np.errstate(invalid="ignore"):
        outside = comparable & ((y > upl) | (y < lpl))
        beyond_near = comparable & ((y < nlpl) | (y > nupl))
        rtm = np.sign(y - mean_r)
    close = beyond_near & ~outside
    rtm_i = np.where(np.isnan(rtm), 0, rtm).astype(np.int8)

    type_code = _special_cause_type(
        y, rtm_i, outside, close if variant == "nhsr" else beyond_near, comparable, seg
    )
    side = _TYPE_SIDE[type_code]
    point_code = np.where(
        dir_row == 0,
        np.where(side > 0, 3, np.where(side < 0, 4, 0)),
        np.where(side * dir_row > 0, 1, np.where(side * dir_row < 0, 2, 0)),
    ).astype(np.int8)

    target_row = _target_rows(frame, target, target_col)
    short = seg.length[seg.id] < SHORT_GROUP_THRESHOLD
    rebase_group = seg.rebase_group

    cols: dict[str, Any] = {
        "rebase_group": rebase_group,
        "short_group_warning": short,
        "fix_y": FloatingArray(np.where(np.isnan(fix_y), 0.0, fix_y), np.isnan(fix_y)),
        "mean": mean_r,
        "lpl": lpl,
        "upl": upl,
        "nlpl": nlpl,
        "nupl": nupl,
        "outside_limits": BooleanArray(outside, ~comparable),
        "relative_to_mean": FloatingArray(np.where(y_ok, rtm, 0.0), ~y_ok),
        "close_to_limits": BooleanArray(close, ~comparable),
        "special_cause_type": pd.Categorical.from_codes(type_code, SPECIAL_CAUSE_TYPES),
        "special_cause_flag": type_code != _COMMON,
        "point_type": pd.Categorical.from_codes(point_code, POINT_TYPES),
        "target": FloatingArray(
            np.where(np.isnan(target_row), 0.0, target_row), np.isnan(target_row)
        ),
        "improvement_direction": pd.Categorical.from_codes(
            np.array([2, 0, 1], dtype=np.int8)[dir_row + 1], ("neutral", "increase", "decrease")
        ),
    }
    for name in ("mean", "lpl", "upl", "nlpl", "nupl"):  # never missing, NaN when degenerate
        cols[name] = FloatingArray(cols[name], np.zeros(n, dtype=bool))
    result = pd.DataFrame({**out, **cols}, copy=False)
    result.attrs["spc"] = {
        "facet_cols": facets,
        "date_col": date_col,
        "value_col": value_col,
        "target_mode": _target_mode(target, target_col),
        "variant": variant,
        "screen_outliers": screen,
        "fix_after_n_points": fix_after_n_points,
    }
    if short.any():
        warnings.warn(SHORT_GROUP_MESSAGE, ShortGroupWarning, stacklevel=2)
    return result


def spc_summary(points: pd.DataFrame, *, facet_cols: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per facet x rebase group of :func:`spc` output, as R's ``summary()`` gives it.

    Columns: the facet columns, ``rebase_group, n, mean, lpl, upl, common_cause,
    special_cause_improvement, special_cause_concern, variation_type, assurance_type,
    variation_icon, assurance_icon``. ``variation_type`` is the type of the group's last point;
    the assurance type and both icon names (e.g. ``variation/improvement_high.svg``,
    ``assurance/fail.svg``, drawn by :mod:`impact.icons`) belong to the facet's last group
    only, as the icons describe the process as it is now. ``points`` must be in the order
    :func:`spc` returns (sorted by facet and date); facet columns default to those
    :func:`spc` recorded in ``points.attrs``.
    """
    opts = points.attrs.get("spc", {})
    facets = tuple(facet_cols) if facet_cols is not None else tuple(opts.get("facet_cols", ()))
    target_mode = opts.get("target_mode", "value")
    n = len(points)
    if n == 0:
        return pd.DataFrame(columns=[*facets, *_SUMMARY_COLUMNS])
    facet_change = np.zeros(n, dtype=bool)
    facet_change[0] = True
    for col in facets:
        codes = pd.factorize(points[col], use_na_sentinel=False)[0]
        facet_change[1:] |= codes[1:] != codes[:-1]
    rg = points["rebase_group"].to_numpy(dtype=np.int64)
    change = facet_change.copy()
    change[1:] |= rg[1:] != rg[:-1]
    start = np.flatnonzero(change)
    last = np.append(start[1:], n) - 1
    length = last - start + 1
    point_code = _codes(points["point_type"], POINT_TYPES)
    flag = points["special_cause_flag"].to_numpy(dtype=bool)
    # the last group of a facet is followed by a new facet (or the end of the table)
    is_last = np.append(facet_change[start[1:]], True)

    summary = points.iloc[start][list(facets)].reset_index(drop=True)
    summary["rebase_group"] = rg[start]
    summary["n"] = length
    for name in ("mean", "lpl", "upl"):
        summary[name] = points[name].to_numpy(dtype=float, na_value=np.nan)[start]
    summary["common_cause"] = length - np.add.reduceat(flag.astype(np.int64), start)
    for code, name in ((1, "special_cause_improvement"), (2, "special_cause_concern")):
        summary[name] = np.add.reduceat((point_code == code).astype(np.int64), start)
    variation_code = point_code[last]
    summary["variation_type"] = pd.Categorical.from_codes(variation_code, POINT_TYPES)

    direction = _codes(points["improvement_direction"], tuple(DIRECTIONS))[last]
    target = points["target"].to_numpy(dtype=float, na_value=np.nan)[last]
    lpl = points["lpl"].to_numpy(dtype=float, na_value=np.nan)[last]
    upl = points["upl"].to_numpy(dtype=float, na_value=np.nan)[last]
    assurance = _assurance_codes(target, lpl, upl, direction, target_mode) * is_last - (~is_last)
    # codes: -1 none, 0 pass, 1 fail, 2 inconsistent
    summary["assurance_type"] = pd.Categorical.from_codes(assurance, ASSURANCE_TYPES)
    # variation icon: common_cause, improvement_high/low, concern_high/low, neutral_high/low
    increasing = direction == 0
    icon_code = np.select(
        [
            variation_code == 1,
            variation_code == 2,
            variation_code == 3,
            variation_code == 4,
        ],
        [np.where(increasing, 1, 2), np.where(increasing, 4, 3), 5, 6],
        default=0,
    )
    summary["variation_icon"] = pd.Categorical.from_codes(
        np.where(is_last, icon_code, -1), [f"variation/{v}.svg" for v in VARIATION_ICONS]
    )
    summary["assurance_icon"] = pd.Categorical.from_codes(
        assurance, [f"assurance/{a}.svg" for a in ("pass", "fail", "inconsistent")]
    )
    return summary


#: The MDC variation icon names, as the R package names its icon files.
VARIATION_ICONS: tuple[str, ...] = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)


def _codes(column: pd.Series, labels: tuple[str, ...]) -> np.ndarray:
    """Positions of a label column's values in ``labels`` (-1 for anything else), fast for
    the categorical columns :func:`spc` returns."""
    wanted = pd.Index(labels)
    if isinstance(column.dtype, pd.CategoricalDtype):
        position = wanted.get_indexer(column.cat.categories)
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, position[codes], -1)
    return wanted.get_indexer(column.astype(object).where(column.notna(), None))


def _assurance_codes(
    target: np.ndarray, lpl: np.ndarray, upl: np.ndarray, direction: np.ndarray, mode: str
) -> np.ndarray:
    """Vectorised :func:`assurance_type` (``direction``: 0 increase, 1 decrease, 2 neutral)."""
    if mode == "none":
        return np.full(len(target), -1)
    increasing = direction == 0
    with np.errstate(invalid="ignore"):
        above, below = target > upl, target < lpl
    code = np.where(
        above, np.where(increasing, 1, 0), np.where(below, np.where(increasing, 0, 1), 2)
    )
    missing = np.isnan(target)
    code = np.where(missing, 2 if mode in ("value", "mapping") else -1, code)
    return np.where(direction == 2, -1, code)


def assurance_type(
    target: float | None,
    lpl: float,
    upl: float,
    improvement_direction: str,
    *,
    target_given: bool = True,
    r_missing_target: bool = False,
) -> str | None:
    """Will the process meet its target? R's ``ptd_calculate_assurance_type`` for one facet.

    ``consistent_pass`` when the target lies beyond the limit on the worse side (every point
    will pass), ``consistent_fail`` when beyond the limit on the better side, otherwise
    (ties, NaN limits included) ``inconsistent``. None when no target was given at all or the
    direction is neutral. A facet with no target of its own gets ``inconsistent`` when
    ``r_missing_target`` (what R does when a named target omits the facet) and None otherwise.
    """
    if not target_given or improvement_direction == "neutral":
        return None
    if target is None or np.isnan(target):
        return "inconsistent" if r_missing_target else None
    increasing = improvement_direction == "increase"
    if target > upl:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"


def variation_icon_name(point_type: str, improvement_direction: str) -> str:
    """The MDC variation icon for a point type: ``improvement_high``, ``concern_low``, ...

    High/low says which way the process moved: improvement is high when higher is better,
    concern is high when lower is better.
    """
    if point_type in ("special_cause_neutral_high", "special_cause_neutral_low"):
        return point_type.removeprefix("special_cause_")
    increasing = improvement_direction == "increase"
    if point_type == "special_cause_improvement":
        return "improvement_high" if increasing else "improvement_low"
    if point_type == "special_cause_concern":
        return "concern_low" if increasing else "concern_high"
    return "common_cause"


def assurance_icon_name(assurance: str) -> str:
    """``pass``, ``fail`` or ``inconsistent``: the MDC assurance icon for an assurance type."""
    return {"consistent_pass": "pass", "consistent_fail": "fail"}.get(assurance, "inconsistent")


_SUMMARY_COLUMNS = (
    "rebase_group",
    "n",
    "mean",
    "lpl",
    "upl",
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "variation_type",
    "assurance_type",
    "variation_icon",
    "assurance_icon",
)


# --------------------------------------------------------------------------------------------
# Sorting, facets and per-facet parameters
# --------------------------------------------------------------------------------------------


class _Frame:
    """The input sorted by facet and date: facet ids, codes and the sorted output columns.

    Columns are reordered as numbers (facet codes, dates, values) rather than as text,
    because taking millions of strings in a new order costs more than all the rules.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        order: np.ndarray | None,
        dates: np.ndarray,
        facet_codes: dict[str, np.ndarray],
        facet_uniques: dict[str, pd.Index],
        facets: tuple[str, ...],
    ) -> None:
        self.data = data
        self.order = order
        self.dates = dates
        self.facet_codes = facet_codes
        self.facet_uniques = facet_uniques
        self.facets = facets
        self.n = len(dates)
        change = np.ones(self.n, dtype=bool)
        for codes in facet_codes.values():
            change[1:] &= codes[1:] == codes[:-1]
        if self.n:
            change[0] = False
        self.facet_change = ~change
        self.facet_start = np.flatnonzero(self.facet_change)
        self.facet_id = np.cumsum(self.facet_change, dtype=np.int32) - 1

    def take(self, values: np.ndarray) -> np.ndarray:
        return values if self.order is None else values[self.order]

    def column(self, col: str) -> pd.Series:
        """A column of the input in sorted order (index 0..n-1)."""
        series = self.data[col]
        if self.order is not None:
            series = series.take(self.order)
        return series.reset_index(drop=True)

    def codes(self, col: str) -> tuple[np.ndarray, pd.Index]:
        """A column's factorised codes in sorted order, and the values they stand for."""
        codes, uniques = pd.factorize(self.data[col], use_na_sentinel=False)
        return self.take(codes), pd.Index(uniques)

    def facet_values(self, rows: np.ndarray) -> list[tuple[Any, ...]]:
        per_col = [self.facet_uniques[c][self.facet_codes[c][rows]] for c in self.facets]
        return list(zip(*per_col, strict=True)) if per_col else [()] * len(rows)

    def facet_keys(self) -> list[Any]:
        """Each facet's key as a mapping would name it: the value, or a tuple of values."""
        keys = self.facet_values(self.facet_start)
        return [k[0] for k in keys] if len(self.facets) == 1 else keys

    def describe_facet(self, row: int) -> str:
        if not self.facets:
            return "the series"
        values = self.facet_values(np.array([row]))[0]
        return ", ".join(f"{c}={v!r}" for c, v in zip(self.facets, values, strict=True))

    def output_columns(self, date_col: str, value_col: str) -> dict[str, Any]:
        """Facet columns (categorical: the same values, cheap to reorder), date and value."""
        cols: dict[str, Any] = {
            c: pd.Categorical.from_codes(self.facet_codes[c], self.facet_uniques[c])
            for c in self.facets
        }
        cols[date_col] = self.column(date_col)
        cols[value_col] = self.column(value_col)
        return cols


def _check_arguments(
    data: pd.DataFrame,
    value_col: str,
    date_col: str,
    facets: tuple[str, ...],
    *optional: str | None,
) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError("spc: data must be a pandas DataFrame")
    needed = [value_col, date_col, *facets, *(c for c in optional if c is not None)]
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise KeyError(f"spc: columns not in data: {missing}")
    clash = [
        c for c in (value_col, date_col, *facets) if c in (*R_COLUMNS, "improvement_direction")
    ]
    if clash:
        raise ValueError(f"spc: input columns {clash} would clash with output columns")


def _sorted_frame(
    data: pd.DataFrame, value_col: str, date_col: str, facets: tuple[str, ...]
) -> _Frame:
    """Sort by facet then date (skipped when already sorted) and reject duplicate dates."""
    n = len(data)
    dates = pd.to_datetime(data[date_col]).to_numpy(dtype="datetime64[ns]")
    if np.isnat(dates).any():
        row = int(np.flatnonzero(np.isnat(dates))[0])
        raise ValueError(f"spc: missing date in row {row} of column {date_col!r}")
    date_code, date_uniques = pd.factorize(dates, sort=True)
    n_dates = max(len(date_uniques), 1)
    facet_codes: dict[str, np.ndarray] = {}
    facet_uniques: dict[str, pd.Index] = {}
    facet_key = np.zeros(n, dtype=np.int64)
    radix = 1
    for col in reversed(facets):
        codes, uniques = pd.factorize(data[col], sort=True)
        if (codes < 0).any():
            row = int(np.flatnonzero(codes < 0)[0])
            raise ValueError(f"spc: missing value in facet column {col!r} (row {row})")
        if isinstance(uniques.dtype, pd.CategoricalDtype):
            # plain values: ``Categorical.from_codes`` would read a categorical's own
            # (unobserved too) categories instead of these uniques
            uniques = np.asarray(uniques)
        facet_codes[col], facet_uniques[col] = codes, pd.Index(uniques)
        facet_key += codes.astype(np.int64) * radix
        radix *= max(len(uniques), 1)
    order: np.ndarray | None = None
    if radix * n_dates < 2**62:
        key = facet_key * n_dates + date_code
        if n > 1 and not bool(np.all(key[1:] > key[:-1])):
            order = _order_of_unique_keys(key, radix * n_dates)
    else:  # too many distinct facets to pack into one integer key
        order = np.lexsort((date_code, facet_key))
    if order is not None:
        facet_key, date_code, dates = facet_key[order], date_code[order], dates[order]
        facet_codes = {c: v[order] for c, v in facet_codes.items()}
    frame = _Frame(data, order, dates, facet_codes, facet_uniques, facets)
    dup = np.flatnonzero(~frame.facet_change[1:] & (date_code[1:] == date_code[:-1]))
    if len(dup):
        row = int(dup[0]) + 1
        day = pd.Timestamp(dates[row]).date().isoformat()
        raise ValueError(f"spc: duplicate date {day} in facet {frame.describe_facet(row)}")
    return frame


def _order_of_unique_keys(key: np.ndarray, key_range: int) -> np.ndarray:
    """The sorting order of ``key``: a bucket pass when keys are unique and dense, since
    a facet x date key is unique unless dates repeat (then a stable sort keeps input order,
    so the duplicate check names the first repeat)."""
    if key_range <= 8 * len(key):
        slot = np.full(key_range, -1, dtype=np.int64)
        slot[key] = np.arange(len(key))
        order = slot[slot >= 0]
        if len(order) == len(key):
            return order
    return np.argsort(key, kind="stable")


def _per_facet(frame: _Frame, given: Any, name: str) -> list[Any]:
    """One value per facet from a single value or a mapping keyed by facet (missing = None)."""
    n_facets = len(frame.facet_start)
    if not isinstance(given, Mapping):
        return [given] * n_facets
    if not frame.facets:
        raise ValueError(f"spc: {name} is a mapping but there are no facet columns")
    return [given.get(k) for k in frame.facet_keys()]


def _facet_constant(frame: _Frame, col: str, what: str) -> list[Any]:
    """A per-row column's value per facet; it must not change within a facet."""
    codes, uniques = frame.codes(col)
    same_facet = frame.facet_id[1:] == frame.facet_id[:-1]
    varies = np.flatnonzero((codes[1:] != codes[:-1]) & same_facet)
    if len(varies):
        row = int(varies[0]) + 1
        raise ValueError(f"spc: the {what} changes within facet {frame.describe_facet(row)}")
    return uniques[codes[frame.facet_start]].tolist()


def _direction_codes(direction: list[Any], frame: _Frame) -> np.ndarray:
    codes = np.empty(len(direction), dtype=np.int8)
    for i, d in enumerate(direction):  # one entry per facet, not per point
        if d not in DIRECTIONS:
            raise ValueError(
                f"spc: improvement direction {d!r} for facet "
                f"{frame.describe_facet(int(frame.facet_start[i]))} is not one of "
                f"{sorted(DIRECTIONS)}"
            )
        codes[i] = DIRECTIONS[d]
    return codes


def _to_dates(value: Any) -> np.ndarray:
    if value is None:
        return np.array([], dtype="datetime64[ns]")
    if isinstance(value, str) or not isinstance(
        value, Sequence | np.ndarray | pd.Index | pd.Series
    ):
        value = [value]
    return pd.to_datetime(list(value)).to_numpy(dtype="datetime64[ns]")


def _rebase_flags(frame: _Frame, rebase: Any, rebase_col: str | None) -> np.ndarray:
    """1 on each point that starts a new rebase group (matching dates exactly, as R does)."""
    if rebase_col is not None:
        return frame.column(rebase_col).fillna(False).to_numpy(dtype=bool)
    if rebase is None:
        return np.zeros(frame.n, dtype=bool)
    if not isinstance(rebase, Mapping):
        return np.isin(frame.dates, _to_dates(rebase))
    per_facet = _per_facet(frame, rebase, "rebase")
    facet_ids: list[int] = []
    days: list[np.ndarray] = []
    for fid, value in enumerate(per_facet):
        d = _to_dates(value)
        if len(d):
            facet_ids.extend([fid] * len(d))
            days.append(d)
    flags = np.zeros(frame.n, dtype=bool)
    if not facet_ids:
        return flags
    want = pd.MultiIndex.from_arrays([np.array(facet_ids), np.concatenate(days)])
    have = pd.MultiIndex.from_arrays([frame.facet_id, frame.dates])
    flags[have.isin(want)] = True
    return flags


def _target_mode(target: Any, target_col: str | None) -> str:
    if target_col is not None:
        return "column"
    if target is None:
        return "none"
    return "mapping" if isinstance(target, Mapping) else "value"


def _target_rows(frame: _Frame, target: Any, target_col: str | None) -> np.ndarray:
    if target_col is not None:
        target_values = pd.to_numeric(frame.column(target_col))
        return target_values.to_numpy(dtype=float, na_value=np.nan)
    if target is None:
        return np.full(frame.n, np.nan)
    per_facet = np.array(
        [np.nan if t is None else float(t) for t in _per_facet(frame, target, "target")]
    )
    return per_facet[frame.facet_id]


# --------------------------------------------------------------------------------------------
# Segments (facet x rebase group) and R's arithmetic
# --------------------------------------------------------------------------------------------


class _Segments:
    """Contiguous facet x rebase-group runs of the sorted table."""

    def __init__(self, frame: _Frame, rebase_flag: np.ndarray) -> None:
        n = frame.n
        facet_first = np.zeros(n, dtype=bool)
        facet_first[frame.facet_start] = True
        # 32-bit positions halve the memory the rules touch (tables stay far below 2**31 rows)
        r = rebase_flag.astype(np.int32)
        cs = np.cumsum(r, dtype=np.int32)
        before = (cs - r)[frame.facet_start]
        self.rebase_group = cs - before[frame.facet_id]
        is_start = facet_first | rebase_flag
        self.start = np.flatnonzero(is_start).astype(np.int32)
        self.id = np.cumsum(is_start, dtype=np.int32) - 1
        self.last = np.append(self.start[1:], np.int32(n)) - 1
        self.length = self.last - self.start + 1
        self.idx = np.arange(n, dtype=np.int32)
        self.first_row = self.start[self.id]  # each point's segment start, and its end
        self.last_row = self.last[self.id]
        self.pos = self.idx - self.first_row
        self.n = n
        # where a shift by k leaves the segment, for the shifts the rules use
        self._outside = {k: self.pos < k for k in (1, 2)} | {
            -k: self.idx + k > self.last_row for k in (1, 2)
        }

    def shifted(self, arr: np.ndarray, k: int, fill: Any) -> np.ndarray:
        """``arr[i - k]`` within the same segment (``fill`` where that leaves the segment)."""
        out = np.empty_like(arr)
        if k > 0:
            out[k:] = arr[:-k]
        else:
            out[:k] = arr[-k:]
        out[self._outside[k]] = fill
        return out

    def run_length(self, flag: np.ndarray) -> np.ndarray:
        """Consecutive true values ending at each point, counted within its segment."""
        last_false = np.where(flag, self.first_row - 1, self.idx)
        np.maximum.accumulate(last_false, out=last_false)
        return self.idx - last_false

    def same_sign_run(self, sign: np.ndarray) -> np.ndarray:
        """Length of the run of equal non-zero signs ending at each point (0 on a zero/NaN)."""
        nonzero = (sign == 1) | (sign == -1)
        same = nonzero & (self.shifted(sign, 1, 0) == sign)
        return np.where(nonzero, self.run_length(same) + 1, 0)

    def any_ahead(self, flag: np.ndarray, k: int) -> np.ndarray:
        """True where ``flag`` holds at this point or one of the next ``k`` in the segment."""
        c = np.cumsum(flag, dtype=np.int32)
        hi = np.minimum(self.idx + k, self.last_row)
        return c[hi] - c + flag > 0


def _r_mean(x: np.ndarray, seg: _Segments) -> np.ndarray:
    """Per-segment ``mean(x, na.rm = TRUE)`` as R computes it (NaN when no values).

    R sums in long double, divides, then adds the mean residual as a correction; doing the
    same keeps the limits identical to R's to the last bit, which matters when a point lies
    exactly on a limit.
    """
    missing = np.isnan(x)
    count = seg.length - np.add.reduceat(missing, seg.start, dtype=np.int32)
    xl = x.astype(np.longdouble)  # one extended-precision buffer, reused in place
    xl[missing] = 0
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.add.reduceat(xl, seg.start) / count
        np.subtract(xl, s[seg.id], out=xl)
        xl[missing] = 0
        t = np.add.reduceat(xl, seg.start)
        s = np.where(np.isfinite(s), s + t / count, s)
    return s.astype(np.float64)


def _special_cause_type(
    y: np.ndarray,
    rtm: np.ndarray,
    outside: np.ndarray,
    near: np.ndarray,
    comparable: np.ndarray,
    seg: _Segments,
) -> np.ndarray:
    """``special_cause_type`` codes: R's rules in precedence order, over all segments at once.

    ``near`` is the set of points counting towards 2-of-3 (strictly between the near line and
    the limit for NHSRplotthedots; anything beyond the near line for the MDC variant).
    """
    # 7-point trend: 6 strict steps the same way; a tie or a missing value breaks it.
    prev = seg.shifted(y, 1, np.nan)
    with np.errstate(invalid="ignore"):
        step_sign = np.sign(y - prev)  # NaN where a value is missing
    trend_end = seg.same_sign_run(step_sign) >= 6
    in_trend = seg.any_ahead(trend_end, 6)
    # The trend's label follows the step after the point when the next point is also in a
    # trend, otherwise the step before it (R's rule; it can differ where two trends meet).
    nxt = seg.shifted(y, -1, np.nan)
    next_in_trend = seg.shifted(in_trend, -1, False)
    with np.errstate(invalid="ignore"):
        step = np.where(in_trend & next_in_trend, np.sign(nxt - y), np.sign(y - prev))
    trend_code = np.where(step == 1, _TREND_UP, _TREND_DOWN)

    # 2 of 3: a window of three in the segment, all on one side of the mean (no point on
    # it, none missing), at least two near; only the near points are flagged.
    side3 = rtm + seg.shifted(rtm, 1, 0) + seg.shifted(rtm, 2, 0)
    near_i = near.astype(np.int8)
    near3 = near_i + seg.shifted(near_i, 1, 0) + seg.shifted(near_i, 2, 0)
    ok3 = comparable & seg.shifted(comparable, 1, False) & seg.shifted(comparable, 2, False)
    window = ok3 & (np.abs(side3) == 3) & (near3 >= 2) & (seg.pos >= 2)
    in_window = window | seg.shifted(window, -1, False) | seg.shifted(window, -2, False)
    two_in_three = in_window & near

    # 7 points in a row on one side of the mean (a point on the mean or missing breaks it).
    run_end = seg.same_sign_run(rtm) >= 7
    in_run = seg.any_ahead(run_end, 6)

    # lowest precedence first, each rule overwriting the ones below it
    above = rtm > 0
    code = np.zeros(seg.n, dtype=np.int8)
    code[in_run] = np.where(above, _RUN_ABOVE, _RUN_BELOW)[in_run]
    code[two_in_three] = np.where(above, _TWO3_ABOVE, _TWO3_BELOW)[two_in_three]
    code[in_trend] = trend_code[in_trend]
    code[outside] = np.where(rtm == 1, _ABOVE_UCL, _BELOW_LCL)[outside]
    return code
