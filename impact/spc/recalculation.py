"""Automatic recalculation of limits: ``auto_limits``, autospc's Stable Shift Algorithm.

Limits computed over a whole period go on describing the old process long after a sustained
shift (18 months of improvement still judged against the limits before it). The R package
autospc (HorridTom/autospc, Imperial College) recalculates them only when a shift is
sustained and stable; :func:`auto_limits` gives the same centre line and limits as autospc
0.0.0.9051 for XmR (``chart="i"``) and Laney P' (``chart="pp"``) charts, for every series of a
table at once. This file turns a table into series and back; the algorithm is
:mod:`impact.spc.stable_shift` and the limits of one period :mod:`impact.spc.stable_shift_limits`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from impact.spc.stable_shift import Options, Periods, stable_shift
from impact.spc.stable_shift_limits import FP_TOLERANCE

#: Columns of the result after the facet columns.
AUTO_LIMITS_COLUMNS = (
    "date",
    "value",
    "mean",
    "lpl",
    "upl",
    "period_start",
    "period_type",
    "excluded",
    "outside_limits",
    "shift",
)
#: ``period_type`` values: the points limits are computed from, and those they are carried to.
PERIOD_TYPES = ("calculation", "display")
#: Series are worked on this many at a time (keeps the 2-D temporaries in cache).
_CHUNK = 4096


def auto_limits(
    frame: pd.DataFrame,
    *,
    value_col: str | None = None,
    date_col: str,
    chart: Literal["i", "pp"] = "i",
    numerator_col: str | None = None,
    denominator_col: str | None = None,
    facet_cols: Sequence[str] | str | None = None,
    period_min: int = 21,
    shift_rule_threshold: int = 8,
    max_exclusions: int = 3,
    no_regrets: bool = True,
    overhanging_reversions: bool = True,
    mr_screen_max_loops: float = 1,
    baseline_length: int | None = None,
    baseline_only: bool = False,
    establish_every_shift: bool = False,
    centre_line_tolerance: float = 0.0,
) -> pd.DataFrame:
    """Limits recalculated by the Stable Shift Algorithm, exactly as autospc draws them.

    One row per input row, sorted by facet and date: the facet columns, ``date``, ``value``
    (what the chart plots: the value for ``"i"``; for ``"pp"`` the percentage
    ``100 * numerator / denominator``), ``mean``, ``lpl``, ``upl`` (the centre line and
    process limits; **for "pp" all three are percentages, 0-100**, as autospc returns them),
    ``period_start`` (the date the point's run of limits starts: each calculation period,
    and the display period extending it, start where autospc's ``periodStart`` does),
    ``period_type`` (``"calculation"``: the points the limits were computed from;
    ``"display"``: the same limits carried forward), ``excluded`` (an extreme point left out
    of its calculation period's limits; False in display periods), ``outside_limits``
    (autospc's rule 1) and ``shift`` (rule 2: part of a run of ``shift_rule_threshold`` on one
    side of the centre line, counted within a period).

    The options are autospc's, with its defaults; ``chart="pp"`` needs ``numerator_col`` and
    ``denominator_col``, ``"i"`` needs ``value_col``. A series with fewer than ``period_min``
    points (``baseline_length`` if given) gets no limits (NaN, ``period_type`` None), as in
    autospc; a constant XmR series gets limits equal to its value. Missing values or dates,
    duplicate dates, and zero, negative or missing denominators raise ``ValueError`` naming
    the series and the point, as does a P' period whose every point is 0% or 100% (autospc
    gives NaN limits there). Like autospc, P' numerators and denominators that are not whole
    numbers are rounded (per series, only when one is not whole).
    """
    opts = _options(
        period_min=period_min,
        baseline_length=baseline_length,
        shift_rule_threshold=shift_rule_threshold,
        baseline_only=baseline_only,
        establish_every_shift=establish_every_shift,
        no_regrets=no_regrets,
        overhanging_reversions=overhanging_reversions,
        max_exclusions=max_exclusions,
        mr_screen_max_loops=mr_screen_max_loops,
        centre_line_tolerance=centre_line_tolerance,
    )
    facets = (facet_cols,) if isinstance(facet_cols, str) else tuple(facet_cols or ())
    table = _SeriesTable(frame, date_col, facets)
    if chart == "i":
        if value_col is None:
            raise ValueError("auto_limits: chart 'i' needs value_col")
        y, num, den = table.numbers(value_col, "value"), None, None
    elif chart == "pp":
        if numerator_col is None or denominator_col is None:
            raise ValueError("auto_limits: chart 'pp' needs numerator_col and denominator_col")
        num, den = table.proportion_parts(numerator_col, denominator_col)
        y = num * 100 / den
    else:
        raise ValueError(f"auto_limits: chart must be 'i' or 'pp', not {chart!r}")
    result = _run(table, y, num, den, opts)
    if chart == "pp":
        table.check_defined(result["mean"], result["upl"], result["period_start_row"])
    return table.output(y, result)


def _options(**given) -> Options:
    """autospc's parameters, checked (R would fail later, deep inside its loop)."""
    for name in ("period_min", "shift_rule_threshold"):
        if not isinstance(given[name], int | np.integer) or given[name] < 2:
            raise ValueError(f"auto_limits: {name} must be a whole number of at least 2")
    base = given["baseline_length"]
    if base is not None and (not isinstance(base, int | np.integer) or base < 2):
        raise ValueError("auto_limits: baseline_length must be None or a whole number >= 2")
    if not isinstance(given["max_exclusions"], int | np.integer) or given["max_exclusions"] < 0:
        raise ValueError("auto_limits: max_exclusions must be a whole number >= 0")
    loops = given["mr_screen_max_loops"]
    if not (loops == math.inf or (isinstance(loops, int | np.integer) and loops >= 0)):
        raise ValueError("auto_limits: mr_screen_max_loops must be a whole number >= 0 or inf")
    if given["no_regrets"] and not given["overhanging_reversions"]:
        # autospc warns and switches overhanging_reversions back on: no regrets needs it
        given["overhanging_reversions"] = True
    return Options(**given)


def _run(
    table: _SeriesTable,
    y: np.ndarray,
    num: np.ndarray | None,
    den: np.ndarray | None,
    opts: Options,
) -> dict[str, np.ndarray]:
    """The algorithm over every series, series of one length together, in chunks."""
    n = y.size
    out = {
        "mean": np.full(n, np.nan),
        "upl": np.full(n, np.nan),
        "lpl": np.full(n, np.nan),
        "calculation": np.zeros(n, dtype=bool),
        "excluded": np.zeros(n, dtype=bool),
        "shift": np.zeros(n, dtype=bool),
        "has_limits": np.zeros(n, dtype=bool),
        "period_start_row": np.zeros(n, dtype=np.int64),
    }
    lengths = table.lengths
    for length in np.unique(lengths):
        of_length = np.flatnonzero(lengths == length)
        for lo in range(0, of_length.size, _CHUNK):
            series = of_length[lo : lo + _CHUNK]
            rows = table.starts[series, None] + np.arange(length)
            if rows[-1, -1] - rows[0, 0] + 1 == rows.size:  # series side by side: a plain slice
                rows = slice(rows[0, 0], rows[-1, -1] + 1), rows.shape
            periods = stable_shift(
                _rows_of(y, rows), _rows_of(num, rows), _rows_of(den, rows), opts
            )
            if periods is not None:
                _store(out, rows, periods)
    return out


def _rows_of(values: np.ndarray | None, rows) -> np.ndarray | None:
    """``values`` as a series x point array: ``rows`` is an index array or (slice, shape)."""
    if values is None:
        return None
    if isinstance(rows, tuple):
        return values[rows[0]].reshape(rows[1])
    return values[rows]


def _put(target: np.ndarray, rows, values: np.ndarray) -> None:
    if isinstance(rows, tuple):
        target[rows[0]] = values.ravel()
    else:
        target[rows] = values


def _store(out: dict[str, np.ndarray], rows, p: Periods) -> None:
    """Write one chunk's periods into the flat result (``rows`` as for :func:`_rows_of`)."""
    for name, values in (
        ("mean", p.cl),
        ("upl", p.ucl),
        ("lpl", p.lcl),
        ("calculation", p.calculation),
        ("excluded", p.excluded & p.calculation),
        ("shift", p.rule2),
        ("has_limits", np.ones(p.cl.shape, dtype=bool)),
    ):
        _put(out[name], rows, values)
    # autospc's periodStart: a new period wherever the period type changes or limits restart
    start = p.break_point.copy()
    start[:, 0] = True
    start[:, 1:] |= p.calculation[:, 1:] != p.calculation[:, :-1]
    cols = np.where(start, np.arange(start.shape[1]), 0)
    if isinstance(rows, tuple):
        n_series, length = rows[1]
        first = (rows[0].start + length * np.arange(n_series))[:, None]
    else:
        first = rows[:, :1]
    _put(out["period_start_row"], rows, first + np.maximum.accumulate(cols, axis=1))


def _sort_order(date_ns: np.ndarray, codes: list[np.ndarray]) -> np.ndarray:
    """Row order by facet codes then date; one linear check skips the sort for sorted input."""
    n = date_ns.size
    later = np.ones(max(n - 1, 0), dtype=bool)  # row i+1 comes after row i
    decided = np.zeros_like(later)
    for code in codes:
        later &= decided | (code[1:] >= code[:-1])
        decided |= code[1:] != code[:-1]
    later &= decided | (date_ns[1:] >= date_ns[:-1])
    if later.all():
        return np.arange(n)
    return np.lexsort((date_ns, *reversed(codes)))


class _SeriesTable:
    """The input sorted by facet and date, with each series' start and a name for messages."""

    def __init__(self, frame: pd.DataFrame, date_col: str, facets: tuple[str, ...]):
        missing = [c for c in (date_col, *facets) if c not in frame.columns]
        if missing:
            raise ValueError(f"auto_limits: no column {missing[0]!r} in the table")
        self.facets, self.date_col = facets, date_col
        dates = pd.to_datetime(frame[date_col], errors="coerce")
        codes = []
        for col in facets:
            code, _ = pd.factorize(frame[col], sort=True)
            if (code < 0).any():
                row = frame.index[int(np.argmax(code < 0))]
                raise ValueError(f"auto_limits: missing value in facet column {col!r} (row {row})")
            codes.append(code)
        if dates.isna().any():
            row = int(np.argmax(dates.isna().to_numpy()))
            raise ValueError(
                f"auto_limits: {self._name_of(frame, row)}: missing or unreadable date "
                f"in {date_col!r} (row {frame.index[row]})"
            )
        date_ns = dates.to_numpy(dtype="datetime64[ns]").view(np.int64)
        self.order = _sort_order(date_ns, codes)
        self.frame = frame
        self.dates = dates.to_numpy(dtype="datetime64[ns]")[self.order]
        n = len(frame)
        change = np.zeros(n, dtype=bool)
        if n:
            change[0] = True
        for code in codes:
            sorted_code = code[self.order]
            change[1:] |= sorted_code[1:] != sorted_code[:-1]
        self.starts = np.flatnonzero(change)
        self.lengths = np.diff(np.append(self.starts, n))
        self.series_of_row = np.cumsum(change) - 1
        same = ~change[1:] & (self.dates[1:] == self.dates[:-1])
        if same.any():
            self.fail(int(np.argmax(same)) + 1, "more than one row for this date")

    def _name_of(self, frame: pd.DataFrame, row: int) -> str:
        """The series of ``frame``'s ``row`` (by position) in words, for messages."""
        if not self.facets:
            return "the series"
        return "series " + ", ".join(f"{c}={frame[c].iloc[row]}" for c in self.facets)

    def fail(self, row: int, problem: str) -> None:
        """Raise the one error shape: which series, which date, what is wrong."""
        when = pd.Timestamp(self.dates[row]).date().isoformat()
        name = self._name_of(self.frame, int(self.order[row]))
        raise ValueError(f"auto_limits: {name}, {when}: {problem}")

    def numbers(self, col: str, what: str) -> np.ndarray:
        if col not in self.frame.columns:
            raise ValueError(f"auto_limits: no column {col!r} in the table")
        column = self.frame[col].to_numpy()[self.order]
        values = pd.to_numeric(column, errors="coerce").astype(float, copy=False)
        bad = ~np.isfinite(values)
        if bad.any():
            self.fail(int(np.argmax(bad)), f"missing or non-numeric {what} in {col!r}")
        return values

    def proportion_parts(self, num_col: str, den_col: str) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators, checked, rounded as autospc rounds them."""
        num = self._whole(self.numbers(num_col, "numerator"))
        den = self._whole(self.numbers(den_col, "denominator"))
        for bad, problem in (
            (den <= 0, f"the denominator in {den_col!r} is zero or negative"),
            (num < 0, f"the numerator in {num_col!r} is negative"),
            (num > den, f"the numerator in {num_col!r} is more than the denominator"),
        ):
            if bad.any():
                self.fail(int(np.argmax(bad)), problem)
        return num, den

    def _whole(self, values: np.ndarray) -> np.ndarray:
        """autospc rounds a series' counts when any has a fractional part (R's ``round``)."""
        fractional = np.abs(values - np.round(values)) >= FP_TOLERANCE
        series_has = np.bincount(self.series_of_row, fractional, minlength=self.starts.size) > 0
        return np.where(series_has[self.series_of_row], np.round(values), values)

    def check_defined(self, mean, upl, period_start_row) -> None:
        """A P' period at 0% or 100% throughout has no spread: autospc's NaN limits, our error."""
        bad = np.isnan(upl) & ~np.isnan(mean)
        if bad.any():
            row = int(period_start_row[int(np.argmax(bad))])
            self.fail(
                row,
                "the limits from this date are undefined: every point of the calculation "
                "period is 0% or 100%",
            )

    def output(self, y: np.ndarray, result: dict[str, np.ndarray]) -> pd.DataFrame:
        """The result table (period types as a categorical: two labels for millions of rows)."""
        out = self.frame[list(self.facets)].iloc[self.order].reset_index(drop=True)
        has = result["has_limits"]
        out["date"] = self.dates
        out["value"] = y
        out["mean"], out["lpl"], out["upl"] = result["mean"], result["lpl"], result["upl"]
        start = self.dates[result["period_start_row"]]
        out["period_start"] = np.where(has, start, np.datetime64("NaT"))
        codes = np.where(has, np.where(result["calculation"], 0, 1), -1)
        out["period_type"] = pd.Categorical.from_codes(codes, categories=PERIOD_TYPES)
        out["excluded"] = result["excluded"]
        out["outside_limits"] = has & ((y > result["upl"]) | (y < result["lpl"]))
        out["shift"] = result["shift"]
        return out
