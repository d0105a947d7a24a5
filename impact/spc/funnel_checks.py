"""Bad input for a funnel plot: every rule that rejects a peer table, stated once.

PowerBI-Funnels (and ``controlchartspy.funnel``, which runs it) *drops* a bad row with a
warning and charts the rest, and *sums* rows that share a group name. A board reading "are
we an outlier?" must not get an answer computed silently without one of its peers, or with
two trusts merged, so here every such case is a ``ValueError`` naming the organisations:

============================  ===========================================  ==============
case                          PowerBI-Funnels                              here
============================  ===========================================  ==============
group missing                 row dropped ("Group missing")                ValueError
duplicate group               rows summed into one group                   ValueError
numerator missing / not a     row dropped ("Numerator missing")            ValueError
number / infinite             (infinite: the Python wrapper raises)
numerator negative            row dropped ("Numerator negative")           ValueError
denominator missing, zero,    row dropped ("Denominator is zero", ...)     ValueError
negative or infinite          (infinite: the Python wrapper raises)
numerator > denominator (PR)  row dropped ("Denominator < numerator")      ValueError
fewer than 2 groups           charted (one group: z = 0, limits around it) ValueError
all numerators zero (RC)      error ("All numerators are zero, ...")       ValueError
============================  ===========================================  ==============
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

CHARTS: tuple[str, ...] = ("PR", "SR", "RC")
OVERDISPERSION: tuple[str, ...] = ("no", "yes", "auto")
#: At most this many organisations are named in one message.
_NAMED = 5


def _names(groups: Sequence[Any], mask: np.ndarray) -> str:
    picked = [str(g) for g in np.asarray(groups, dtype=object)[mask]]
    shown = ", ".join(picked[:_NAMED])
    more = len(picked) - _NAMED
    return shown + (f" and {more} more" if more > 0 else "")


def check_options(chart: str, overdispersion: str) -> None:
    """Reject an unknown chart type or overdispersion setting, listing the choices."""
    if chart not in CHARTS:
        raise ValueError(f"funnel: chart must be one of {', '.join(CHARTS)}; got {chart!r}.")
    if overdispersion not in OVERDISPERSION:
        raise ValueError(
            f"funnel: overdispersion must be one of {', '.join(OVERDISPERSION)}; "
            f"got {overdispersion!r}."
        )


def _numbers(frame: pd.DataFrame, col: str, groups: np.ndarray, what: str) -> np.ndarray:
    values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"funnel: the {what} is missing or not a number for {_names(groups, bad)}."
        )
    return values


def checked_input(
    frame: pd.DataFrame, group_col: str, numerator_col: str, denominator_col: str, chart: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The groups, numerators and denominators of a valid peer table (one row per group).

    Raises ``ValueError`` naming the organisations for every case in the module's table.
    """
    missing = [c for c in (group_col, numerator_col, denominator_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"funnel: column(s) {', '.join(missing)} not in the table.")
    groups = frame[group_col].to_numpy(dtype=object)
    absent = pd.isna(frame[group_col]).to_numpy()
    if absent.any():
        rows = ", ".join(str(i + 1) for i in np.flatnonzero(absent)[:_NAMED])
        raise ValueError(f"funnel: row(s) {rows} have no organisation in {group_col!r}.")
    repeated = frame[group_col].duplicated(keep=False).to_numpy()
    if repeated.any():
        raise ValueError(
            f"funnel: give one row per organisation; repeated: "
            f"{_names(groups, repeated & ~frame[group_col].duplicated().to_numpy())}."
        )
    if len(groups) < 2:
        raise ValueError(
            f"funnel: a funnel plot compares at least 2 organisations; got {len(groups)}."
        )
    numerators = _numbers(frame, numerator_col, groups, "numerator")
    denominators = _numbers(frame, denominator_col, groups, "denominator")
    if (numerators < 0).any():
        raise ValueError(f"funnel: negative numerator for {_names(groups, numerators < 0)}.")
    if (denominators <= 0).any():
        raise ValueError(
            f"funnel: the denominator must be above zero; it is not for "
            f"{_names(groups, denominators <= 0)}."
        )
    if chart == "PR" and (numerators > denominators).any():
        raise ValueError(
            f"funnel: a proportion's numerator cannot exceed its denominator, as it does for "
            f"{_names(groups, numerators > denominators)}."
        )
    if chart == "RC" and not (numerators > 0).any():
        raise ValueError("funnel: every numerator is zero, so a ratio of counts has no limits.")
    return groups, numerators, denominators
