"""Making Data Count statistical process control: pure numpy/pandas, no Streamlit.

The package's public names. Each step lives in a file of its own, in the order the engine
runs them:

- ``frame.py`` and ``sort.py``: the input checked, coded and sorted by facet and date;
- ``parameters.py``: direction, target and rebase dates as per-row arrays;
- ``segments.py``: the facet x rebase-group runs each limit belongs to;
- ``limits.py``: mean, moving range, screening, the fixed baseline, the 12-point minimum;
- ``rules.py``: each special-cause rule, stated once, and their precedence;
- ``point_type.py``: a rule's side read through the improvement direction;
- ``points.py``: :func:`spc`, wiring the steps together;
- ``summary.py``: :func:`spc_summary`;
- ``assurance.py`` and ``variation.py``: the two MDC icons' rules and all their wording;
- ``icons.py``: the icons drawn as SVG; ``describe.py``: the answer in plain English;
- ``errors.py``: :class:`SPCInputError`, the one error bad input raises.
"""

from impact.spc.assurance import (
    ASSURANCE,
    ASSURANCE_LABELS,
    ASSURANCE_SHORT,
    ASSURANCE_TYPES,
    ASSURANCE_WORDS,
    NO_TARGET,
    assurance_icon_name,
    assurance_type,
)
from impact.spc.errors import SPCInputError
from impact.spc.limits import (
    LIMIT,
    LIMIT_CLOSE,
    MIN_POINTS_FOR_LIMITS,
    MR_SCREEN,
    SHORT_GROUP_MESSAGE,
    SHORT_GROUP_THRESHOLD,
    ShortGroupWarning,
)
from impact.spc.point_type import DIRECTIONS, POINT_TYPES
from impact.spc.points import R_COLUMNS, spc
from impact.spc.rules import SPECIAL_CAUSE_TYPES
from impact.spc.summary import spc_summary
from impact.spc.variation import (
    NO_VARIATION_SHORT,
    VARIATION,
    VARIATION_ICONS,
    VARIATION_LABELS,
    VARIATION_SHORT,
    variation_icon_name,
)

__all__ = [
    "ASSURANCE",
    "ASSURANCE_LABELS",
    "ASSURANCE_SHORT",
    "ASSURANCE_TYPES",
    "ASSURANCE_WORDS",
    "DIRECTIONS",
    "LIMIT",
    "LIMIT_CLOSE",
    "MIN_POINTS_FOR_LIMITS",
    "MR_SCREEN",
    "NO_TARGET",
    "NO_VARIATION_SHORT",
    "POINT_TYPES",
    "R_COLUMNS",
    "SHORT_GROUP_MESSAGE",
    "SHORT_GROUP_THRESHOLD",
    "SPECIAL_CAUSE_TYPES",
    "VARIATION",
    "VARIATION_ICONS",
    "VARIATION_LABELS",
    "VARIATION_SHORT",
    "SPCInputError",
    "ShortGroupWarning",
    "assurance_icon_name",
    "assurance_type",
    "spc",
    "spc_summary",
    "variation_icon_name",
]
