"""The input table, sorted by facet and date, as the rules see it.

Every org x metric is charted at once, so the input is turned once into integer codes: each
facet column becomes codes whose order is the sort order of its values, and the sorted table
remembers where each facet starts. Everything downstream (parameters, segments, rules) works
on these codes and boundaries, never on text. Sorting itself is in :mod:`impact.spc.sort`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from impact.spc.errors import SPCInputError


class FacetColumn:
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
        if len(self.codes) and self.codes.min() < 0:
            row = int(np.flatnonzero(self.codes < 0)[0])
            raise SPCInputError(f"spc: missing value in facet column {name!r} (row {row})")
        self.size = max(len(self.values), 1)
        self.radix = 1  # what a code is multiplied by in the combined facet key


class Frame:
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
        columns: list[FacetColumn],
        facet_key: np.ndarray | None,
        n_keys: int,
        facet_key_of: np.ndarray | None,
        facet_start: np.ndarray,
        codes_of: list[np.ndarray],
        date_code: np.ndarray,
        date_uniques: np.ndarray,
        position: np.ndarray | None = None,
    ) -> None:
        self.data = data
        #: the input rows in sorted order, or each input row's sorted place (``position``,
        #: when that is cheaper to know); neither: the input is already sorted
        self._order = order
        self.position = position
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
            self.facet_codes[name] = codes.astype(smallest_int(len(self.facet_uniques[name])))

    @property
    def moved(self) -> bool:
        """Whether sorting moved any row."""
        return self._order is not None or self.position is not None

    @property
    def order(self) -> np.ndarray | None:
        """The input rows in sorted order (None: already sorted)."""
        if self._order is None and self.position is not None:
            order = np.empty(self.n, dtype=self.position.dtype)
            order[self.position] = np.arange(self.n, dtype=self.position.dtype)
            self._order = order
        return self._order

    @property
    def every_facet_every_date(self) -> bool:
        """Every facet has each distinct date once, so the sorted dates repeat them all."""
        return len(self.facet_start) * len(self.date_uniques) == self.n

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
        """Per-row ``values`` of the input in sorted order."""
        if self._order is None and self.position is not None:
            out = np.empty(len(values), dtype=values.dtype)
            out[self.position] = values
            return out
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
        """Each numbered facet's values, one tuple per facet."""
        per_col = [self.facet_uniques[c][self.facet_codes[c][facet_numbers]] for c in self.facets]
        return list(zip(*per_col, strict=True)) if per_col else [()] * len(facet_numbers)

    def facet_keys(self) -> list[Any]:
        """Each facet's key as a mapping would name it: the value, or a tuple of values."""
        keys = self.facet_values(np.arange(len(self.facet_start)))
        return [k[0] for k in keys] if len(self.facets) == 1 else keys

    def day(self, row: int) -> str:
        """The date of sorted ``row`` as ISO text, for a message: ``2025-04-01``."""
        return pd.Timestamp(self.date_uniques_ns[self.date_code[row]]).date().isoformat()

    def describe_facet(self, row: int) -> str:
        """The facet of sorted ``row`` in words for an error message: ``org='RXX'``."""
        if not self.facets:
            return "the series"
        number = int(np.searchsorted(self.facet_start, row, side="right")) - 1
        values = self.facet_values(np.array([number]))[0]
        return ", ".join(f"{c}={v!r}" for c, v in zip(self.facets, values, strict=True))

    def output_columns(self, date_col: str, value_col: str) -> tuple[dict[str, Any], np.ndarray]:
        """Facet columns (categorical: the same values), date and value; and the values as
        float64 for the rules."""
        cols: dict[str, Any] = {
            c: categorical(np.repeat(self.facet_codes[c], self.facet_length), self.facet_uniques[c])
            for c in self.facets
        }
        dates = self.data[date_col]
        if self.moved and dates.dtype == self.date_uniques.dtype:
            if self.every_facet_every_date:
                cols[date_col] = np.tile(self.date_uniques, len(self.facet_start))
            else:
                cols[date_col] = self.date_uniques[self.date_code]
        else:
            cols[date_col] = self.column(date_col)
        values = self.data[value_col]
        if self.moved and values.dtype == np.float64:
            y = self.take(values.to_numpy())
            cols[value_col] = y
        else:
            cols[value_col] = self.column(value_col)
            y = pd.to_numeric(cols[value_col]).to_numpy(dtype=float, na_value=np.nan)
        return cols, y


def categorical(codes: np.ndarray, labels: Sequence[Any]) -> pd.Categorical:
    """A categorical from codes known to be valid (checking millions of them costs a pass)."""
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(labels), validate=False)


def check_arguments(
    data: pd.DataFrame,
    value_col: str,
    date_col: str,
    facets: tuple[str, ...],
    optional: Sequence[str | None],
    reserved: Sequence[str],
) -> None:
    """The input is a frame holding every named column, none named like an output column."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError("spc: data must be a pandas DataFrame")
    needed = [value_col, date_col, *facets, *(c for c in optional if c is not None)]
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise KeyError(f"spc: columns not in data: {missing}")
    clash = [c for c in (value_col, date_col, *facets) if c in reserved]
    if clash:
        raise ValueError(f"spc: input columns {clash} would clash with output columns")


def smallest_int(limit: int) -> type[np.signedinteger[Any]]:
    """The smallest signed integer type holding 0..limit."""
    for kind in (np.int8, np.int16, np.int32):
        if limit <= np.iinfo(kind).max:
            return kind
    return np.int64
