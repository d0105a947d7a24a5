"""Making Data Count SPC engine: the rules of NHSRplotthedots 0.2.2, for many series at once.

Boards read performance through XmR charts with the Making Data Count (MDC) rules. Analysts
who use the NHS-R Community's R package NHSRplotthedots 0.2.2 must get the same answers from
us, so :func:`spc` reproduces its ``ptd_spc()`` data frame column for column (including its
floating-point mean, which R accumulates in extended precision) and :func:`spc_summary` its
``summary()`` plus the variation and assurance icons.

Every org x metric is charted at once, so the work is vectorised over one long table: rows
are sorted by facet and date (one bucket pass over an integer key; skipped when already
sorted), each facet x rebase group is a contiguous *segment*, and every rule is a handful of
shifted boolean operations over many segments together ("7 in a row" is the AND of the
flag shifted by 0..6; a window that would reach across a segment start is ruled out). The
table is worked on in chunks of whole segments so that temporaries stay small and in cache;
the loop is per chunk (about 70 for the national table), never per point or per series.

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

#: ``point_type`` code for each (direction + 1) * 9 + ``special_cause_type`` code.
_POINT_CODE = np.array(
    [
        (0 if side == 0 else 3 if side > 0 else 4)
        if direction == 0
        else (0 if side == 0 else 1 if side * direction > 0 else 2)
        for direction in (-1, 0, 1)
        for side in _TYPE_SIDE
    ],
    dtype=np.int8,
)
#: ``improvement_direction`` label code for each direction sign + 1.
_DIRECTION_LABEL_CODE = np.array([2, 0, 1], dtype=np.int8)


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

    frame = _sorted_frame(data, value_col, date_col, facets)
    n = frame.n
    if improvement_direction_col is not None:
        direction = _facet_constant(frame, improvement_direction_col, "improvement direction")
    else:
        direction = _per_facet(frame, improvement_direction, "improvement_direction")
    dir_row = np.repeat(_direction_codes(direction, frame), frame.facet_length)
    target_row = _target_rows(frame, target, target_col)  # None: no target at all
    seg = _Segments(frame, _rebase_flags(frame, rebase, rebase_col))
    out, y = frame.output_columns(date_col, value_col)

    points = _Points(n)
    fix_n = None if fix_after_n_points is None else int(fix_after_n_points)
    for first, stop in seg.chunks():
        points.compute(y, seg, first, stop, fix_n, screen, variant)
    point_code = _POINT_CODE[(dir_row + 1) * len(SPECIAL_CAUSE_TYPES) + points.type_code]
    short = np.repeat(seg.length < SHORT_GROUP_THRESHOLD, seg.length)
    if target_row is None:  # zeros from the system: this memory is never touched
        target_out = FloatingArray(np.zeros(n), np.ones(n, dtype=bool))
    else:
        target_missing = np.isnan(target_row)
        target_out = FloatingArray(np.where(target_missing, 0.0, target_row), target_missing)

    cols: dict[str, Any] = {
        "rebase_group": seg.rebase_group(),
        "short_group_warning": short,
        "fix_y": FloatingArray(points.fix_y, points.fix_y_missing),
        **{
            # never missing, NaN when degenerate (e.g. a constant series)
            name: FloatingArray(points.limits[name], np.zeros(n, dtype=bool))
            for name in ("mean", "lpl", "upl", "nlpl", "nupl")
        },
        "outside_limits": BooleanArray(points.outside, points.not_comparable),
        "relative_to_mean": FloatingArray(points.rtm, points.y_missing),
        "close_to_limits": BooleanArray(points.close, points.not_comparable.copy()),
        "special_cause_type": _categorical(points.type_code, SPECIAL_CAUSE_TYPES),
        "special_cause_flag": points.type_code != _COMMON,
        "point_type": _categorical(point_code, POINT_TYPES),
        "target": target_out,
        "improvement_direction": _categorical(
            _DIRECTION_LABEL_CODE[dir_row + 1], ("neutral", "increase", "decrease")
        ),
    }
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


class _FacetColumn:
    """One facet column as integer codes whose order is the sort order of its values.

    A categorical column's own codes are used as they are (its categories give the order),
    so a national table of categorical facets is never hashed or compared as text.
    """

    def __init__(self, series: pd.Series, name: str) -> None:
        if isinstance(series.dtype, pd.CategoricalDtype):
            self.codes = series.cat.codes.to_numpy()
            self.values = series.cat.categories
        else:
            self.codes, uniques = pd.factorize(series, sort=True)
            self.values = pd.Index(uniques)
        self.categorical = isinstance(series.dtype, pd.CategoricalDtype)
        if (self.codes < 0).any():
            row = int(np.flatnonzero(self.codes < 0)[0])
            raise ValueError(f"spc: missing value in facet column {name!r} (row {row})")
        self.size = max(len(self.values), 1)
        self.radix = 1  # what a code is multiplied by in the combined facet key


class _Frame:
    """The input sorted by facet and date: facet boundaries, codes and the sorted values.

    Rows are ordered through one integer key (facet codes and date rank) rather than by
    comparing text, and the sorted facet and date columns are rebuilt from per-facet codes
    and the distinct dates, because moving millions of values costs more than all the rules.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        order: np.ndarray | None,
        facets: tuple[str, ...],
        columns: list[_FacetColumn],
        facet_key: np.ndarray | None,
        n_keys: int,
        facet_key_of: np.ndarray | None,
        facet_start: np.ndarray,
        codes_of: list[np.ndarray],
        date_code: np.ndarray,
        date_uniques: np.ndarray,
    ) -> None:
        self.data = data
        self.order = order
        self.facets = facets
        self.n = len(date_code)
        self.facet_key = facet_key  # in the input's row order (None: too many facets)
        self.facet_key_of = facet_key_of  # each facet's key, in facet order
        self.n_keys = n_keys  # facet keys run from 0 to n_keys - 1
        self.date_code = date_code  # sorted
        self.date_uniques = date_uniques  # distinct dates in the input's unit, ascending
        self.date_uniques_ns = date_uniques.astype("datetime64[ns]")
        self.facet_start = facet_start
        self.facet_length = np.diff(np.append(facet_start, self.n))
        #: each facet column's code per facet, and the (observed) values the codes stand for
        self.facet_codes: dict[str, np.ndarray] = {}
        self.facet_uniques: dict[str, pd.Index] = {}
        for name, col, codes in zip(facets, columns, codes_of, strict=True):
            if col.categorical:
                # only the categories that occur, as plain values
                observed = np.unique(codes)
                self.facet_uniques[name] = pd.Index(np.asarray(col.values.take(observed)))
                codes = np.searchsorted(observed, codes)
            else:
                self.facet_uniques[name] = col.values
            self.facet_codes[name] = codes.astype(_smallest_int(len(self.facet_uniques[name])))

    @property
    def facet_change(self) -> np.ndarray:
        """True on each sorted row that starts a facet."""
        change = np.zeros(self.n, dtype=bool)
        change[self.facet_start] = True
        return change

    @property
    def facet_id(self) -> np.ndarray:
        """Each sorted row's facet number."""
        return np.repeat(
            np.arange(len(self.facet_start), dtype=np.int32), self.facet_length
        ).astype(np.int32)

    @property
    def dates(self) -> np.ndarray:
        """The sorted dates as ``datetime64[ns]``."""
        return self.date_uniques_ns[self.date_code]

    def take(self, values: np.ndarray) -> np.ndarray:
        return values if self.order is None else values[self.order]

    def column(self, col: str) -> pd.Series:
        """A column of the input in sorted order (index 0..n-1)."""
        series = self.data[col]
        if self.order is not None:
            series = series.take(self.order)
        return series.reset_index(drop=True)

    def per_facet_constant(self, codes: np.ndarray) -> np.ndarray | None:
        """Each facet's value of per-row ``codes`` (input order), None if one varies in a facet.

        A table indexed by facet key checks this without reordering the rows.
        """
        if self.n == 0:
            return codes[:0]
        if self.facet_key is not None and self.n_keys <= 4 * self.n + 1024:
            table = np.empty(self.n_keys, dtype=codes.dtype)
            table[self.facet_key] = codes
            if np.array_equal(table[self.facet_key], codes):
                return table[self.facet_key_of]
            return None
        if self.first_change_within_facet(codes) is not None:
            return None
        return self.take(codes)[self.facet_start]

    def first_change_within_facet(self, codes: np.ndarray) -> int | None:
        """The first sorted row whose ``codes`` value differs from the row before in its facet."""
        codes = self.take(codes)
        varies = np.flatnonzero((codes[1:] != codes[:-1]) & ~self.facet_change[1:])
        return int(varies[0]) + 1 if len(varies) else None

    def facet_values(self, facet_numbers: np.ndarray) -> list[tuple[Any, ...]]:
        per_col = [self.facet_uniques[c][self.facet_codes[c][facet_numbers]] for c in self.facets]
        return list(zip(*per_col, strict=True)) if per_col else [()] * len(facet_numbers)

    def facet_keys(self) -> list[Any]:
        """Each facet's key as a mapping would name it: the value, or a tuple of values."""
        keys = self.facet_values(np.arange(len(self.facet_start)))
        return [k[0] for k in keys] if len(self.facets) == 1 else keys

    def describe_facet(self, row: int) -> str:
        if not self.facets:
            return "the series"
        number = int(np.searchsorted(self.facet_start, row, side="right")) - 1
        values = self.facet_values(np.array([number]))[0]
        return ", ".join(f"{c}={v!r}" for c, v in zip(self.facets, values, strict=True))

    def output_columns(self, date_col: str, value_col: str) -> tuple[dict[str, Any], np.ndarray]:
        """Facet columns (categorical: the same values), date and value; and the values as
        float64 for the rules."""
        cols: dict[str, Any] = {
            c: _categorical(
                np.repeat(self.facet_codes[c], self.facet_length), self.facet_uniques[c]
            )
            for c in self.facets
        }
        dates = self.data[date_col]
        if self.order is not None and dates.dtype == self.date_uniques.dtype:
            cols[date_col] = self.date_uniques[self.date_code]
        else:
            cols[date_col] = self.column(date_col)
        values = self.data[value_col]
        if self.order is not None and values.dtype == np.float64:
            y = values.to_numpy()[self.order]
            cols[value_col] = y
        else:
            cols[value_col] = self.column(value_col)
            y = pd.to_numeric(cols[value_col]).to_numpy(dtype=float, na_value=np.nan)
        return cols, y


def _categorical(codes: np.ndarray, labels: Sequence[Any]) -> pd.Categorical:
    """A categorical from codes known to be valid (checking millions of them costs a pass)."""
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(labels), validate=False)


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


def _date_codes(column: pd.Series, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Each row's date rank and the distinct dates (in the column's own unit when it is a
    plain datetime column, so the sorted column can be rebuilt from them)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind == "M":
        dates = column.to_numpy()
    else:
        dates = pd.to_datetime(column).to_numpy(dtype="datetime64[ns]")
    missing = np.isnat(dates)
    if missing.any():
        row = int(np.flatnonzero(missing)[0])
        raise ValueError(f"spc: missing date in row {row} of column {name!r}")
    codes, uniques = pd.factorize(dates.view(np.int64), sort=True)
    return codes, uniques.view(dates.dtype)


def _smallest_int(limit: int) -> type[np.signedinteger[Any]]:
    """The smallest signed integer type holding 0..limit."""
    for kind in (np.int8, np.int16, np.int32):
        if limit <= np.iinfo(kind).max:
            return kind
    return np.int64


def _sorted_frame(
    data: pd.DataFrame, value_col: str, date_col: str, facets: tuple[str, ...]
) -> _Frame:
    """Sort by facet then date (skipped when already sorted) and reject duplicate dates.

    Facet codes and the date rank pack into one integer key, so sorting is one bucket pass
    when keys are dense (every facet has most dates) and checking sortedness is one compare.
    """
    n = len(data)
    date_code, date_uniques = _date_codes(data[date_col], date_col)
    n_dates = max(len(date_uniques), 1)
    columns = [_FacetColumn(data[c], c) for c in facets]
    radix = 1
    for col in reversed(columns):
        col.radix = radix
        radix *= col.size
    if radix * n_dates >= 2**62:  # too many distinct facets to pack into one integer key
        return _lexsorted_frame(data, facets, columns, date_code, date_uniques)
    int_type = np.int32 if radix * n_dates < 2**31 else np.int64
    facet_key = np.zeros(n, dtype=int_type)
    for col in columns:
        facet_key += np.multiply(col.codes, col.radix, dtype=int_type)
    n_keys, key_value = radix, None
    if radix <= 4 * n + 1024:
        # renumber the facet combinations that occur 0, 1, 2...: a sparse grid of facets
        # (most metrics are not reported by most organisations) then still gives dense keys
        present = np.zeros(radix, dtype=bool)
        present[facet_key] = True
        key_value = np.flatnonzero(present)
        facet_key = (np.cumsum(present, dtype=int_type) - 1)[facet_key]
        n_keys = len(key_value)
    key = np.multiply(facet_key, n_dates, dtype=int_type)
    key += date_code.astype(int_type, copy=False)
    order: np.ndarray | None = None
    unique = True  # facet x date keys proven distinct (no duplicate dates)
    if n > 1 and not bool(np.all(key[1:] > key[:-1])):
        order, key, unique = _order_of_keys(key, n_keys * n_dates)
    del date_code
    # ``key`` is now sorted: facets are its runs of equal ``key // n_dates``
    if unique and n_keys * n_dates == n:  # every facet has every date
        facet_start = np.arange(0, n, n_dates)
        facet_key_of = np.arange(n_keys)
        date_code = np.tile(np.arange(n_dates, dtype=_smallest_int(n_dates)), n_keys)
    else:
        sorted_facet = key // n_dates
        change = np.ones(n, dtype=bool)
        np.not_equal(sorted_facet[1:], sorted_facet[:-1], out=change[1:])
        facet_start = np.flatnonzero(change)
        facet_key_of = sorted_facet[facet_start]
        date_code = (key - sorted_facet * n_dates).astype(_smallest_int(n_dates))
    del key
    combined = facet_key_of if key_value is None else key_value[facet_key_of]
    codes_of = [(combined // col.radix) % col.size for col in columns]
    frame = _Frame(
        data,
        order,
        facets,
        columns,
        facet_key,
        n_keys,
        facet_key_of,
        facet_start,
        codes_of,
        date_code,
        date_uniques,
    )
    if not unique:
        _check_no_duplicates(frame)
    return frame


def _lexsorted_frame(
    data: pd.DataFrame,
    facets: tuple[str, ...],
    columns: list[_FacetColumn],
    date_code: np.ndarray,
    date_uniques: np.ndarray,
) -> _Frame:
    """The sort for tables with more facet combinations than one integer key can number."""
    n = len(data)
    order = np.lexsort((date_code, *(c.codes for c in reversed(columns))))
    change = np.zeros(n, dtype=bool)
    change[:1] = True
    sorted_codes = [c.codes[order] for c in columns]
    for codes in sorted_codes:
        change[1:] |= codes[1:] != codes[:-1]
    facet_start = np.flatnonzero(change)
    codes_of = [codes[facet_start] for codes in sorted_codes]
    frame = _Frame(
        data,
        order,
        facets,
        columns,
        None,
        0,
        None,
        facet_start,
        codes_of,
        date_code[order],
        date_uniques,
    )
    _check_no_duplicates(frame)
    return frame


def _check_no_duplicates(frame: _Frame) -> None:
    date_code = frame.date_code
    dup = np.flatnonzero(~frame.facet_change[1:] & (date_code[1:] == date_code[:-1]))
    if len(dup):
        row = int(dup[0]) + 1
        day = pd.Timestamp(frame.date_uniques_ns[date_code[row]]).date().isoformat()
        raise ValueError(f"spc: duplicate date {day} in facet {frame.describe_facet(row)}")


def _order_of_keys(key: np.ndarray, key_range: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """The sorting order of ``key``, the sorted keys, and whether the keys are distinct.

    A bucket pass when keys are unique and dense, since a facet x date key is unique unless
    dates repeat (then a stable sort keeps input order, so the duplicate check names the
    first repeat).
    """
    n = len(key)
    if key_range <= 8 * n:
        slot = np.full(key_range, -1, dtype=key.dtype)
        slot[key] = np.arange(n, dtype=key.dtype)
        if key_range == n and slot.min() >= 0:
            return slot, np.arange(n, dtype=key.dtype), True
        filled = slot >= 0
        if np.count_nonzero(filled) == n:
            return slot[filled], np.flatnonzero(filled).astype(key.dtype), True
    order = np.argsort(key, kind="stable")
    return order, key[order], False


def _per_facet(frame: _Frame, given: Any, name: str) -> list[Any]:
    """One value per facet from a single value or a mapping keyed by facet (missing = None)."""
    n_facets = len(frame.facet_start)
    if not isinstance(given, Mapping):
        return [given] * n_facets
    if not frame.facets:
        raise ValueError(f"spc: {name} is a mapping but there are no facet columns")
    return [given.get(k) for k in frame.facet_keys()]


def _facet_constant(frame: _Frame, col: str, what: str) -> tuple[np.ndarray, np.ndarray]:
    """A per-row column's value per facet, as codes into the values it returns alongside;
    it must not change within a facet."""
    series = frame.data[col]
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        # code -1 (missing) picks the appended NaN
        values = np.append(np.asarray(series.cat.categories, dtype=object), np.nan)
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=False)
        values = np.asarray(uniques, dtype=object)
    per_facet = frame.per_facet_constant(codes)
    if per_facet is None:
        row = frame.first_change_within_facet(codes)
        raise ValueError(f"spc: the {what} changes within facet {frame.describe_facet(row)}")
    return per_facet, values


def _direction_codes(
    direction: list[Any] | tuple[np.ndarray, np.ndarray], frame: _Frame
) -> np.ndarray:
    """Each facet's direction sign (+1, -1, 0) from a value per facet or per-facet codes."""
    if isinstance(direction, tuple):
        per_facet, values = direction
        signs = np.array([DIRECTIONS.get(v, 9) if isinstance(v, str) else 9 for v in values])
        codes = signs.astype(np.int8)[per_facet]
        bad = np.flatnonzero(codes == 9)
        given = values[per_facet[bad[0]]] if len(bad) else None
    else:
        codes = np.array([DIRECTIONS.get(d, 9) if isinstance(d, str) else 9 for d in direction])
        codes = codes.astype(np.int8)
        bad = np.flatnonzero(codes == 9)
        given = direction[bad[0]] if len(bad) else None
    if len(bad):
        raise ValueError(
            f"spc: improvement direction {given!r} for facet "
            f"{frame.describe_facet(int(frame.facet_start[bad[0]]))} is not one of "
            f"{sorted(DIRECTIONS)}"
        )
    return codes


def _to_dates(value: Any) -> np.ndarray:
    if value is None:
        return np.array([], dtype="datetime64[ns]")
    if isinstance(value, str) or not isinstance(
        value, Sequence | np.ndarray | pd.Index | pd.Series
    ):
        value = [value]
    return pd.to_datetime(list(value)).to_numpy(dtype="datetime64[ns]")


def _rebase_flags(frame: _Frame, rebase: Any, rebase_col: str | None) -> np.ndarray | None:
    """True on each point that starts a new rebase group (matching dates exactly, as R does);
    None when there is no rebase at all."""
    if rebase_col is not None:
        return frame.column(rebase_col).fillna(False).to_numpy(dtype=bool)
    if rebase is None:
        return None
    if not isinstance(rebase, Mapping):
        hit = np.isin(frame.date_uniques_ns, _to_dates(rebase))
        return hit[frame.date_code] if hit.any() else None
    per_facet = _per_facet(frame, rebase, "rebase")
    facet_ids: list[int] = []
    days: list[np.ndarray] = []
    for fid, value in enumerate(per_facet):
        d = _to_dates(value)
        if len(d):
            facet_ids.extend([fid] * len(d))
            days.append(d)
    if not facet_ids:
        return None
    flags = np.zeros(frame.n, dtype=bool)
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


def _target_rows(frame: _Frame, target: Any, target_col: str | None) -> np.ndarray | None:
    if target_col is not None:
        target_values = pd.to_numeric(frame.column(target_col))
        return target_values.to_numpy(dtype=float, na_value=np.nan)
    if target is None:
        return None
    per_facet = np.array(
        [np.nan if t is None else float(t) for t in _per_facet(frame, target, "target")]
    )
    return np.repeat(per_facet, frame.facet_length)


# --------------------------------------------------------------------------------------------
# Segments (facet x rebase group) and R's arithmetic
# --------------------------------------------------------------------------------------------

#: Rows worked on at once: small enough for every temporary to stay in the processor's cache.
CHUNK_ROWS = 1 << 16


class _Segments:
    """Contiguous facet x rebase-group runs of the sorted table."""

    def __init__(self, frame: _Frame, rebase_flag: np.ndarray | None) -> None:
        self.frame = frame
        self.n = frame.n
        self.rebase_flag = rebase_flag
        if rebase_flag is None:
            self.start, self.length = frame.facet_start, frame.facet_length
        else:
            is_start = rebase_flag.copy()
            is_start[frame.facet_start] = True
            self.start = np.flatnonzero(is_start)
            self.length = np.diff(np.append(self.start, self.n))
        self.end = self.start + self.length

    def rebase_group(self) -> np.ndarray:
        """Each point's rebase group within its facet: 0, then 1, 2... after each rebase."""
        if self.rebase_flag is None:
            return np.zeros(self.n, dtype=np.int32)
        r = self.rebase_flag.astype(np.int32)
        cs = np.cumsum(r, dtype=np.int32)
        before = (cs - r)[self.frame.facet_start]
        return cs - np.repeat(before, self.frame.facet_length)

    def chunks(self) -> list[tuple[int, int]]:
        """Runs of whole segments (first, stop) of about :data:`CHUNK_ROWS` rows each."""
        out: list[tuple[int, int]] = []
        first, n_seg = 0, len(self.start)
        while first < n_seg:
            limit = self.start[first] + CHUNK_ROWS
            stop = max(int(np.searchsorted(self.end, limit, side="right")), first + 1)
            out.append((first, stop))
            first = stop
        return out


def _r_mean(x: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Per-segment ``mean(x, na.rm = TRUE)`` as R computes it (NaN when no values).

    R sums in long double, divides, then adds the mean residual as a correction; doing the
    same keeps the limits identical to R's to the last bit, which matters when a point lies
    exactly on a limit.
    """
    missing = np.isnan(x)
    any_missing = bool(missing.any())
    xl = x.astype(np.longdouble)  # one extended-precision buffer, reused in place
    if any_missing:
        count = length - np.add.reduceat(missing, start, dtype=np.int64)
        xl[missing] = 0
    else:
        count = length
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.add.reduceat(xl, start) / count
        xl -= np.repeat(s, length)
        if any_missing:
            xl[missing] = 0
        t = np.add.reduceat(xl, start)
        s = np.where(np.isfinite(s), s + t / count, s)
    return s.astype(np.float64)


class _Points:
    """Every per-point output, filled a chunk of whole segments at a time.

    Working chunk by chunk keeps the temporaries small (they stay in cache and are never
    fresh memory from the system); the only full-length arrays are the outputs themselves.
    """

    LIMITS = ("mean", "lpl", "upl", "nlpl", "nupl")

    def __init__(self, n: int) -> None:
        self.fix_y = np.empty(n)
        self.fix_y_missing = np.empty(n, dtype=bool)
        self.limits = {name: np.empty(n) for name in self.LIMITS}
        self.outside = np.empty(n, dtype=bool)
        self.close = np.empty(n, dtype=bool)
        self.not_comparable = np.empty(n, dtype=bool)
        self.rtm = np.empty(n)
        self.y_missing = np.empty(n, dtype=bool)
        self.type_code = np.empty(n, dtype=np.int8)

    def compute(
        self,
        y_all: np.ndarray,
        seg: _Segments,
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
        if fix_n is None:
            fix_y = y
        else:
            pos = np.arange(b - a) - np.repeat(start, length)
            fix_y = np.where(pos < fix_n, y, np.nan)
        mean = _r_mean(fix_y, start, length)
        mr = np.empty(b - a)
        np.subtract(fix_y[1:], fix_y[:-1], out=mr[1:])
        np.abs(mr, out=mr)
        mr[start] = np.nan
        if screen:
            amr_all = _r_mean(mr, start, length)
            with np.errstate(invalid="ignore"):
                mr[~(mr < np.repeat(MR_SCREEN * amr_all, length))] = np.nan
        amr = _r_mean(mr, start, length)
        per_segment = {
            "mean": mean,
            "lpl": mean - LIMIT * amr,
            "upl": mean + LIMIT * amr,
            "nlpl": mean - LIMIT_CLOSE * amr,
            "nupl": mean + LIMIT_CLOSE * amr,
        }
        for name, values in per_segment.items():
            self.limits[name][rows] = np.repeat(values, length)
        mean_r, lpl, upl = (self.limits[k][rows] for k in ("mean", "lpl", "upl"))
        nlpl, nupl = self.limits["nlpl"][rows], self.limits["nupl"][rows]

        fix_missing = np.isnan(fix_y)
        self.fix_y[rows] = np.where(fix_missing, 0.0, fix_y)
        self.fix_y_missing[rows] = fix_missing
        y_missing = np.isnan(y)
        comparable = ~y_missing & ~np.isnan(upl)  # R gives NA when y or the limits are NaN
        with np.errstate(invalid="ignore"):
            above, below = y > mean_r, y < mean_r
            outside = comparable & ((y > upl) | (y < lpl))
            beyond_near = comparable & ((y < nlpl) | (y > nupl))
            self.rtm[rows] = np.where(y_missing, 0.0, np.sign(y - mean_r))
        close = beyond_near & ~outside
        self.y_missing[rows] = y_missing
        self.outside[rows] = outside
        self.close[rows] = close
        self.not_comparable[rows] = ~comparable
        self.type_code[rows] = _special_cause_type(
            y,
            above,
            below,
            outside,
            close if variant == "nhsr" else beyond_near,
            comparable,
            seg_first,
        )


def _all_of_last(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row and the ``k - 1`` rows before it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        both = np.zeros_like(out)
        np.logical_and(out[step:], out[:-step], out=both[step:])
        out, span = both, span + step
    return out


def _any_of_last(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row or one of the ``k - 1`` rows before it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        either = out.copy()
        either[step:] |= out[:-step]
        out, span = either, span + step
    return out


def _any_of_next(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row or one of the ``k - 1`` rows after it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        either = out.copy()
        either[:-step] |= out[step:]
        out, span = either, span + step
    return out


def _special_cause_type(
    y: np.ndarray,
    above: np.ndarray,
    below: np.ndarray,
    outside: np.ndarray,
    near: np.ndarray,
    comparable: np.ndarray,
    seg_first: np.ndarray,
) -> np.ndarray:
    """``special_cause_type`` codes: R's rules in precedence order, over whole segments.

    ``above``/``below`` compare each point with its mean, ``seg_first`` marks each segment's
    first row. ``near`` is the set of points counting towards 2-of-3 (strictly between the
    near line and the limit for NHSRplotthedots; anything beyond the near line for the MDC
    variant). Every window rule is a few shifted boolean operations; a window that would
    reach across a segment start is ruled out by ``seg_first``.
    """
    m = len(y)
    # 7-point trend: 6 strict steps the same way; a tie or a missing value breaks it, and
    # there is no step into a segment's first point, so no trend crosses a segment start.
    up, down = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
    with np.errstate(invalid="ignore"):
        np.greater(y[1:], y[:-1], out=up[1:])
        np.less(y[1:], y[:-1], out=down[1:])
    up &= ~seg_first
    down &= ~seg_first
    in_trend = _any_of_next(_all_of_last(up, 6) | _all_of_last(down, 6), 7)
    # The trend's label follows the step after the point when the next point is also in a
    # trend, otherwise the step before it (R's rule; it can differ where two trends meet).
    next_in_trend = np.zeros(m, dtype=bool)
    next_in_trend[:-1] = in_trend[1:] & ~seg_first[1:]
    up_next = np.zeros(m, dtype=bool)
    up_next[:-1] = up[1:]
    trend_up = np.where(in_trend & next_in_trend, up_next, up)

    # 2 of 3: a window of three in the segment, all on one side of the mean (no point on
    # it, none missing), at least two near; only the near points are flagged.
    near_1, near_2 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
    near_1[1:], near_2[2:] = near[:-1], near[:-2]
    two_near = (near & (near_1 | near_2)) | (near_1 & near_2)
    same_side = _all_of_last(above & comparable, 3) | _all_of_last(below & comparable, 3)
    window = same_side & two_near & ~_any_of_last(seg_first, 2)
    two_in_three = _any_of_next(window, 3) & near

    # 7 points in a row on one side of the mean (a point on the mean or missing breaks it).
    run_end = (_all_of_last(above, 7) | _all_of_last(below, 7)) & ~_any_of_last(seg_first, 6)
    in_run = _any_of_next(run_end, 7)

    # highest precedence outermost; below/decreasing is the code after above/increasing
    is_below = (~above).view(np.int8)
    code = np.where(in_run, np.int8(_RUN_ABOVE) + is_below, np.int8(_COMMON))
    code = np.where(two_in_three, np.int8(_TWO3_ABOVE) + is_below, code)
    code = np.where(in_trend, np.int8(_TREND_UP) + (~trend_up).view(np.int8), code)
    return np.where(outside, np.int8(_ABOVE_UCL) + is_below, code).astype(np.int8, copy=False)
