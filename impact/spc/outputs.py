"""The per-point results both rule sets fill, and how they become R's columns.

Each rule set's runner (:mod:`~impact.spc.run_plotthedots`, :mod:`~impact.spc.run_mdc`)
fills one :class:`PointArrays` of plain numpy arrays; :meth:`PointArrays.columns` turns them
into NHSRplotthedots' columns with pandas' nullable types, so missing (``<NA>``) and "not a
number" (``NaN``) stay apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pandas.arrays import BooleanArray, FloatingArray

from impact.spc.frame import categorical
from impact.spc.point_type import (
    COMMON,
    DIRECTION_LABEL_CODE,
    DIRECTION_LABELS,
    POINT_TYPES,
    SPECIAL_CAUSE_TYPES,
    point_type_codes,
)
from impact.spc.segments import Segments

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
#: The centre line and the 3- and 2-sigma lines.
LIMITS = ("mean", "lpl", "upl", "nlpl", "nupl")
#: The Making Data Count rule set's per-rule columns: the side each rule fired on.
RULE_COLUMNS = ("astronomical", "shift", "trend", "two_in_three")


class PointArrays:
    """Every per-point output as numpy arrays, filled by a rule set's runner."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.fix_y = np.empty(n)
        self.fix_y_missing = np.empty(n, dtype=bool)
        self.limits = {name: np.empty(n) for name in LIMITS}
        self.outside = np.empty(n, dtype=bool)
        self.close = np.empty(n, dtype=bool)
        self.not_comparable = np.empty(n, dtype=bool)
        self.rtm = np.empty(n)
        self.y_missing = np.empty(n, dtype=bool)
        self.type_code = np.empty(n, dtype=np.int8)
        #: per rule, +1 / -1 / 0: the side it fired on (Making Data Count rule set only)
        self.rule_sides: dict[str, np.ndarray] = {}

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
                for name in LIMITS
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
            **self.rule_sides,
        }
