"""``spc_summary()``: one row per facet x rebase group, as NHSRplotthedots' ``summary()``.

The counts of each point type, the group's limits, the type of its last point and, for each
facet's last group only, the assurance type: the assurance describes the process as it is
now. The icons are drawn from these by :mod:`impact.spc.icons` (names from
:func:`~impact.spc.variation.variation_icon_name` and
:func:`~impact.spc.assurance.assurance_icon_name`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from impact.spc.assurance import ASSURANCE_TYPES, assurance_codes
from impact.spc.point_type import CONCERN, DIRECTIONS, IMPROVEMENT, POINT_TYPES

SUMMARY_COLUMNS: tuple[str, ...] = (
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
)


def spc_summary(points: pd.DataFrame, *, facet_cols: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per facet x rebase group of :func:`~impact.spc.spc` output.

    Columns: the facet columns and :data:`SUMMARY_COLUMNS`. ``variation_type`` is the type
    of the group's last point; ``assurance_type`` belongs to the facet's last group only
    (missing on earlier groups). ``points`` must be in the order :func:`~impact.spc.spc`
    returns (sorted by facet and date); facet columns default to those it recorded in
    ``points.attrs``.
    """
    opts = points.attrs.get("spc", {})
    facets = tuple(facet_cols) if facet_cols is not None else tuple(opts.get("facet_cols", ()))
    n = len(points)
    if n == 0:
        return pd.DataFrame(columns=[*facets, *SUMMARY_COLUMNS])
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
    point_code = label_codes(points["point_type"], POINT_TYPES)
    flag = points["special_cause_flag"].to_numpy(dtype=bool)
    # the last group of a facet is followed by a new facet (or the end of the table)
    is_last = np.append(facet_change[start[1:]], True)

    summary = points.iloc[start][list(facets)].reset_index(drop=True)
    summary["rebase_group"] = rg[start]
    summary["n"] = length
    for name in ("mean", "lpl", "upl"):
        summary[name] = points[name].to_numpy(dtype=float, na_value=np.nan)[start]
    summary["common_cause"] = length - np.add.reduceat(flag.astype(np.int64), start)
    for code, name in (
        (IMPROVEMENT, "special_cause_improvement"),
        (CONCERN, "special_cause_concern"),
    ):
        summary[name] = np.add.reduceat((point_code == code).astype(np.int64), start)
    summary["variation_type"] = pd.Categorical.from_codes(point_code[last], POINT_TYPES)

    direction = label_codes(points["improvement_direction"], tuple(DIRECTIONS))[last]
    target, lpl, upl = (
        points[name].to_numpy(dtype=float, na_value=np.nan)[last]
        for name in ("target", "lpl", "upl")
    )
    mode = opts.get("target_mode", "value")
    assurance = np.where(is_last, assurance_codes(target, lpl, upl, direction, mode), -1)
    summary["assurance_type"] = pd.Categorical.from_codes(assurance, ASSURANCE_TYPES)
    return summary


def label_codes(column: pd.Series, labels: tuple[str, ...]) -> np.ndarray:
    """Positions of a label column's values in ``labels`` (-1 for anything else), fast for
    the categorical columns :func:`spc` returns."""
    wanted = pd.Index(labels)
    if isinstance(column.dtype, pd.CategoricalDtype):
        position = wanted.get_indexer(column.cat.categories)
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, position[codes], -1)
    return wanted.get_indexer(column.astype(object).where(column.notna(), None))
