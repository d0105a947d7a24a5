"""Per-facet parameters: improvement direction, target and rebase dates.

Each takes one value for every facet, a mapping keyed by facet (the facet value for one facet
column, a tuple for several) or a per-row column, and is turned into one array over the
sorted rows, so the rules never look a parameter up per series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from impact.spc.errors import SPCInputError
from impact.spc.frame import Frame
from impact.spc.point_type import DIRECTIONS


def per_facet(frame: Frame, given: Any, name: str) -> list[Any]:
    """One value per facet from a single value or a mapping keyed by facet (missing = None)."""
    n_facets = len(frame.facet_start)
    if not isinstance(given, Mapping):
        return [given] * n_facets
    if not frame.facets:
        raise SPCInputError(f"spc: {name} is a mapping but there are no facet columns")
    return [given.get(k) for k in frame.facet_keys()]


def facet_constant(frame: Frame, col: str, what: str) -> tuple[np.ndarray, np.ndarray]:
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
    of_facet = frame.per_facet_constant(codes)
    if of_facet is None:
        row = frame.first_change_within_facet(codes)
        raise SPCInputError(f"spc: the {what} changes within facet {frame.describe_facet(row)}")
    return of_facet, values


def direction_codes(
    direction: list[Any] | tuple[np.ndarray, np.ndarray], frame: Frame
) -> np.ndarray:
    """Each facet's direction sign (+1, -1, 0) from a value per facet or per-facet codes."""
    if isinstance(direction, tuple):
        of_facet, values = direction
        signs = np.array([DIRECTIONS.get(v, 9) if isinstance(v, str) else 9 for v in values])
        codes = signs.astype(np.int8)[of_facet]
        bad = np.flatnonzero(codes == 9)
        given = values[of_facet[bad[0]]] if len(bad) else None
    else:
        codes = np.array([DIRECTIONS.get(d, 9) if isinstance(d, str) else 9 for d in direction])
        codes = codes.astype(np.int8)
        bad = np.flatnonzero(codes == 9)
        given = direction[bad[0]] if len(bad) else None
    if len(bad):
        raise SPCInputError(
            f"spc: improvement direction {given!r} for facet "
            f"{frame.describe_facet(int(frame.facet_start[bad[0]]))} is not one of "
            f"{sorted(DIRECTIONS)}"
        )
    return codes


def _to_dates(value: Any) -> np.ndarray:
    """One date or a list of them as ``datetime64[ns]``."""
    if value is None:
        return np.array([], dtype="datetime64[ns]")
    if isinstance(value, str) or not isinstance(
        value, Sequence | np.ndarray | pd.Index | pd.Series
    ):
        value = [value]
    return pd.to_datetime(list(value)).to_numpy(dtype="datetime64[ns]")


def rebase_flags(frame: Frame, rebase: Any, rebase_col: str | None) -> np.ndarray | None:
    """True on each point that starts a new rebase group (matching dates exactly, as R does);
    None when there is no rebase at all."""
    if rebase_col is not None:
        return frame.column(rebase_col).fillna(False).to_numpy(dtype=bool)
    if rebase is None:
        return None
    if not isinstance(rebase, Mapping):
        hit = np.isin(frame.date_uniques_ns, _to_dates(rebase))
        return hit[frame.date_code] if hit.any() else None
    given = per_facet(frame, rebase, "rebase")
    facet_ids: list[int] = []
    days: list[np.ndarray] = []
    for fid, value in enumerate(given):
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


def target_mode(target: Any, target_col: str | None) -> str:
    """How the target was given, which decides the assurance of a facet without one."""
    if target_col is not None:
        return "column"
    if target is None:
        return "none"
    return "mapping" if isinstance(target, Mapping) else "value"


def target_rows(frame: Frame, target: Any, target_col: str | None) -> np.ndarray | None:
    """The target in force at each sorted row (NaN: none); None when no target at all."""
    if target_col is not None:
        target_values = pd.to_numeric(frame.column(target_col))
        return target_values.to_numpy(dtype=float, na_value=np.nan)
    if target is None:
        return None
    values = np.array(
        [np.nan if t is None else float(t) for t in per_facet(frame, target, "target")]
    )
    return np.repeat(values, frame.facet_length)
