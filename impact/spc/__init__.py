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

# Peer comparison (funnel plots) and the target-date outlook.
from impact.spc.funnel_plot import (  # noqa: E402
    FUNNEL_COLUMNS,
    LINE_COLUMNS,
    OUTLIER_CLASSES,
    funnel,
    funnel_lines,
    plotting_denominators,
)
from impact.spc.funnel_words import funnel_sentence  # noqa: E402
from impact.spc.outlook import Outlook, chance_words, needed_per_month, target_outlook  # noqa: E402
from impact.spc.outlook_words import outlook_sentence  # noqa: E402

__all__ += [
    "FUNNEL_COLUMNS",
    "LINE_COLUMNS",
    "OUTLIER_CLASSES",
    "Outlook",
    "chance_words",
    "funnel",
    "funnel_lines",
    "funnel_sentence",
    "needed_per_month",
    "outlook_sentence",
    "plotting_denominators",
    "target_outlook",
]
