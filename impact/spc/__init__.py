"""Making Data Count statistical process control: pure numpy/pandas, no Streamlit.

The package's public names; each step lives in a file of its own (see
``docs/architecture.md``).
"""

from impact.spc.engine import (
    ASSURANCE_TYPES,
    DIRECTIONS,
    LIMIT,
    LIMIT_CLOSE,
    MIN_FIX_AFTER_N_POINTS,
    MR_SCREEN,
    POINT_TYPES,
    R_COLUMNS,
    SHORT_GROUP_MESSAGE,
    SHORT_GROUP_THRESHOLD,
    SPECIAL_CAUSE_TYPES,
    VARIATION_ICONS,
    ShortGroupWarning,
    assurance_icon_name,
    assurance_type,
    spc,
    spc_summary,
    variation_icon_name,
)

__all__ = [
    "ASSURANCE_TYPES",
    "DIRECTIONS",
    "LIMIT",
    "LIMIT_CLOSE",
    "MIN_FIX_AFTER_N_POINTS",
    "MR_SCREEN",
    "POINT_TYPES",
    "R_COLUMNS",
    "SHORT_GROUP_MESSAGE",
    "SHORT_GROUP_THRESHOLD",
    "SPECIAL_CAUSE_TYPES",
    "VARIATION_ICONS",
    "ShortGroupWarning",
    "assurance_icon_name",
    "assurance_type",
    "spc",
    "spc_summary",
    "variation_icon_name",
]

# Automatic recalculation of limits (the Stable Shift Algorithm).
from impact.spc.recalculation import auto_limits  # noqa: E402

__all__ += ["auto_limits"]
