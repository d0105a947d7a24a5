"""Each point's type: which rule fired, read through the improvement direction.

A rule fires on a side (above or below the mean, rising or falling); the improvement
direction says whether that side is better (improvement), worse (concern) or neither
(neutral, high or low). Stated once here as a table indexed by direction and rule code.
"""

from __future__ import annotations

import numpy as np

#: ``special_cause_type`` labels, as NHSRplotthedots words them (both rule sets use them);
#: codes index into it.
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
# special_cause_type codes; each "below/decreasing" code is its "above/increasing" code + 1
COMMON, ABOVE_UCL, BELOW_LCL, TREND_UP, TREND_DOWN = 0, 1, 2, 3, 4
TWO3_ABOVE, TWO3_BELOW, RUN_ABOVE, RUN_BELOW = 5, 6, 7, 8
#: +1 for labels naming "Above"/"Increasing", -1 for "Below"/"Decreasing", 0 for common cause.
TYPE_SIDE = np.array([0, 1, -1, 1, -1, 1, -1, 1, -1], dtype=np.int8)

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
    index = direction_sign + 1  # one array worked in place: this runs over every point
    index *= len(SPECIAL_CAUSE_TYPES)
    index += type_code
    return _POINT_CODE[index]
