"""Sorting the input by facet then date, and refusing duplicate dates.

Facet codes and the date rank pack into one integer key, so sorting is one bucket pass when
keys are dense (every facet has most dates) and checking that the input is already sorted is
one comparison; moving millions of values costs more than all the rules together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.spc.errors import SPCInputError
from impact.spc.frame import FacetColumn, Frame, smallest_int


def _date_codes(column: pd.Series, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Each row's date rank (the smallest integer type) and the distinct dates (in the
    column's own unit when it is a plain datetime column, so the sorted column can be
    rebuilt from them).

    Extracts arrive a month at a time, so rows usually come in long runs of one date: then
    only each run's date is ranked, and the ranks repeated over the runs.
    """
    if isinstance(column.dtype, np.dtype) and column.dtype.kind == "M":
        dates = column.to_numpy()
    else:
        dates = pd.to_datetime(column).to_numpy(dtype="datetime64[ns]")
    n = len(dates)
    as_int = dates.view(np.int64)
    run_start = np.flatnonzero(as_int[1:] != as_int[:-1]) + 1 if n else None
    if run_start is not None and len(run_start) < n // 16:
        run_start = np.concatenate(([0], run_start))
        first_rows: np.ndarray | None = run_start
        run_codes, uniques = pd.factorize(as_int[run_start], sort=True)
    else:
        first_rows = None
        run_codes, uniques = pd.factorize(as_int, sort=True)
    uniques = uniques.view(dates.dtype)
    if len(uniques) and np.isnat(uniques[0]):  # NaT sorts first
        where = np.flatnonzero(run_codes == 0)[0]
        row = int(where if first_rows is None else first_rows[where])
        raise SPCInputError(f"spc: missing date in row {row} of column {name!r}")
    codes = run_codes.astype(smallest_int(len(uniques)))
    if first_rows is not None:
        codes = np.repeat(codes, np.diff(np.append(first_rows, n)))
    return codes, uniques


def sorted_frame(
    data: pd.DataFrame, value_col: str, date_col: str, facets: tuple[str, ...]
) -> Frame:
    """Sort by facet then date (skipped when already sorted) and reject duplicate dates.

    Facet codes and the date rank pack into one integer key, so sorting is one bucket pass
    when keys are dense (every facet has most dates) and checking sortedness is one compare.
    """
    n = len(data)
    date_code, date_uniques = _date_codes(data[date_col], date_col)
    n_dates = max(len(date_uniques), 1)
    columns = [FacetColumn(data[c], c) for c in facets]
    radix = 1
    for col in reversed(columns):
        col.radix = radix
        radix *= col.size
    if radix * n_dates >= 2**62:  # too many distinct facets to pack into one integer key
        return _lexsorted_frame(data, facets, columns, date_code, date_uniques)
    int_type = np.int32 if radix * n_dates < 2**31 else np.int64
    facet_key = _combined_key(columns, n, int_type)  # kept: the frame's per-facet checks
    n_keys, key_value = radix, None
    if radix <= 4 * n + 1024:
        # renumber the facet combinations that occur 0, 1, 2...: a sparse grid of facets
        # (most metrics are not reported by most organisations) then still gives dense keys
        present = np.zeros(radix, dtype=bool)
        present[facet_key] = True
        key_value = np.flatnonzero(present)
        key = (np.cumsum(present, dtype=int_type) - 1)[facet_key]
        n_keys = len(key_value)
        key *= n_dates
    else:
        key = np.multiply(facet_key, n_dates, dtype=int_type)
    key += date_code
    del date_code
    order: np.ndarray | None = None
    position: np.ndarray | None = None
    unique = True  # facet x date keys proven distinct (no duplicate dates)
    dense = n_keys * n_dates == n
    if n > 1 and not bool(np.all(key[1:] > key[:-1])):
        if dense and _is_permutation(key):
            position = key  # every facet has every date: a row's key is its sorted place
        else:
            order, key, unique = _order_of_keys(key, n_keys * n_dates)
    # ``key`` is now sorted (or is each row's place): facets are runs of ``key // n_dates``
    if unique and dense:  # every facet has every date
        facet_start = np.arange(0, n, n_dates)
        facet_key_of = np.arange(n_keys)
        date_code = np.tile(np.arange(n_dates, dtype=smallest_int(n_dates)), n_keys)
    else:
        sorted_facet = key // n_dates
        change = np.ones(n, dtype=bool)
        np.not_equal(sorted_facet[1:], sorted_facet[:-1], out=change[1:])
        facet_start = np.flatnonzero(change)
        facet_key_of = sorted_facet[facet_start]
        date_code = (key - sorted_facet * n_dates).astype(smallest_int(n_dates))
    del key
    combined = facet_key_of if key_value is None else key_value[facet_key_of]
    codes_of = [(combined // col.radix) % col.size for col in columns]
    frame = Frame(
        data,
        order,
        facets,
        columns,
        facet_key,
        radix,
        combined,
        facet_start,
        codes_of,
        date_code,
        date_uniques,
        position,
    )
    if not unique:
        _check_no_duplicates(frame)
    return frame


def _combined_key(columns: list[FacetColumn], n: int, int_type: type) -> np.ndarray:
    """Each row's facet codes packed into one integer (the last column's radix is 1)."""
    key: np.ndarray | None = None
    for col in columns:
        if key is None:
            key = np.multiply(col.codes, col.radix, dtype=int_type)
        elif col.radix == 1:
            key += col.codes
        else:
            key += np.multiply(col.codes, col.radix, dtype=int_type)
    return np.zeros(n, dtype=int_type) if key is None else key


def _is_permutation(key: np.ndarray) -> bool:
    """Whether ``key`` holds each of 0..n-1 once (it lies in that range: n keys, each a
    facet x date below ``n_keys * n_dates == n``)."""
    seen = np.zeros(len(key), dtype=bool)
    seen[key] = True
    return bool(seen.all())


def _lexsorted_frame(
    data: pd.DataFrame,
    facets: tuple[str, ...],
    columns: list[FacetColumn],
    date_code: np.ndarray,
    date_uniques: np.ndarray,
) -> Frame:
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
    frame = Frame(
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


def _check_no_duplicates(frame: Frame) -> None:
    """A facet may hold each date once: R would silently chart both points."""
    date_code = frame.date_code
    dup = np.flatnonzero(~frame.facet_change[1:] & (date_code[1:] == date_code[:-1]))
    if len(dup):
        row = int(dup[0]) + 1
        day = frame.day(row)
        facet = frame.describe_facet(row)
        raise SPCInputError(f"spc: duplicate date {day} in facet {facet}", facet=facet, date=day)


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
