"""Each point's type: which rule fired, read through the improvement direction.

A rule fires on a side (above or below the mean, rising or falling); the improvement
direction says whether that side is better (improvement), worse (concern) or neither
(neutral, high or low). Stated once here as a table indexed by direction and rule code.
"""

from __future__ import annotations

import numpy as np

from impact.spc.rules import SPECIAL_CAUSE_TYPES, TYPE_SIDE

#: ``point_type`` labels (NHSRplotthedots' words); codes index into it.
POINT_TYPES: tuple[str, ...] = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
COMMON_CAUSE, IMPROVEMENT, CONCERN, NEUTRAL_HIGH, NEUTRAL_LOW = 0, 1, 2, 3, 4
#: Improvement direction words and the sign R gives them.
DIRECTIONS: dict[str, int] = {"increase": 1, "decrease": -1, "neutral": 0}
#: ``improvement_direction`` labels in the order of :data:`DIRECTION_LABEL_CODE`.
DIRECTION_LABELS: tuple[str, ...] = ("neutral", "increase", "decrease")
#: ``improvement_direction`` label code for each direction sign + 1.
DIRECTION_LABEL_CODE = np.array([2, 0, 1], dtype=np.int8)

#: ``point_type`` code for each (direction sign + 1) * 9 + ``special_cause_type`` code.
_POINT_CODE = np.array(
    [
        (COMMON_CAUSE if side == 0 else NEUTRAL_HIGH if side > 0 else NEUTRAL_LOW)
        if direction == 0
        else (COMMON_CAUSE if side == 0 else IMPROVEMENT if side * direction > 0 else CONCERN)
        for direction in (-1, 0, 1)
        for side in TYPE_SIDE
    ],
    dtype=np.int8,
)


def point_type_codes(direction_sign: np.ndarray, type_code: np.ndarray) -> np.ndarray:
    """``point_type`` codes from each point's direction sign and ``special_cause_type`` code."""
    return _POINT_CODE[(direction_sign + 1) * len(SPECIAL_CAUSE_TYPES) + type_code]
