"""Making Data Count statistical process control: pure numpy/pandas, no Streamlit.

The package's public names. Each step lives in a file of its own, in the order the engine
runs them:

- ``frame.py`` and ``sort.py``: the input checked, coded and sorted by facet and date;
- ``parameters.py``: direction, target and rebase dates as per-row arrays;
- ``segments.py``: the facet x rebase-group runs each limit belongs to;
- ``validity.py``: which points a chart can use (the rest are named in a warning);
- ``charts.py``: each chart type's centre line and sigma (i, p, pp, u, up, c, g, t);
- ``limits.py``: NHSRplotthedots' XmR limits, and the 12-point minimum;
- ``rules_mdc.py`` / ``rules_plotthedots.py``: each rule of each rule set, stated once;
- ``run_mdc.py`` / ``run_plotthedots.py``: each rule set's steps, a chunk at a time;
- ``point_type.py``: the rule labels, and a rule's side read through the direction;
- ``outputs.py``: the per-point results as R's columns; ``points.py``: :func:`spc`;
- ``summary.py``: :func:`spc_summary`;
- ``assurance.py`` and ``variation.py``: the two MDC icons' rules and all their wording;
- ``icons.py``: the icons drawn as SVG; ``describe.py``: the answer in plain English;
- ``errors.py``: :class:`SPCInputError` and :class:`SPCInputWarning`;
- ``recalculation.py``, ``stable_shift.py``, ``stable_shift_limits.py``: :func:`auto_limits`,
  autospc's Stable Shift Algorithm (limits recalculated after a sustained, stable shift);
- ``funnel_plot.py``, ``funnel_checks.py``, ``funnel_words.py``: PowerBI-Funnels' peer
  comparison and its sentence; ``distributions.py``: the distributions it needs, without scipy;
- ``outlook.py``, ``outlook_words.py``: the chance a dated target is met, and its sentence.
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
from impact.spc.charts import CHARTS
from impact.spc.errors import SPCInputError, SPCInputWarning
from impact.spc.funnel_plot import (
    FUNNEL_COLUMNS,
    LINE_COLUMNS,
    OUTLIER_CLASSES,
    funnel,
    funnel_lines,
    plotting_denominators,
)
from impact.spc.funnel_words import funnel_sentence
from impact.spc.limits import (
    LIMIT,
    LIMIT_CLOSE,
    MIN_POINTS_FOR_LIMITS,
    MR_SCREEN,
    SHORT_GROUP_MESSAGE,
    SHORT_GROUP_THRESHOLD,
    ShortGroupWarning,
)
from impact.spc.outlook import Outlook, chance_words, needed_per_month, target_outlook
from impact.spc.outlook_words import outlook_sentence
from impact.spc.outputs import R_COLUMNS, RULE_COLUMNS
from impact.spc.point_type import DIRECTIONS, POINT_TYPES, SPECIAL_CAUSE_TYPES
from impact.spc.points import RULE_SETS, spc
from impact.spc.recalculation import auto_limits
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
    "auto_limits",
    "ASSURANCE",
    "ASSURANCE_LABELS",
    "ASSURANCE_SHORT",
    "ASSURANCE_TYPES",
    "ASSURANCE_WORDS",
    "CHARTS",
    "DIRECTIONS",
    "LIMIT",
    "LIMIT_CLOSE",
    "MIN_POINTS_FOR_LIMITS",
    "MR_SCREEN",
    "NO_TARGET",
    "NO_VARIATION_SHORT",
    "POINT_TYPES",
    "RULE_COLUMNS",
    "RULE_SETS",
    "R_COLUMNS",
    "SHORT_GROUP_MESSAGE",
    "SHORT_GROUP_THRESHOLD",
    "SPECIAL_CAUSE_TYPES",
    "VARIATION",
    "VARIATION_ICONS",
    "VARIATION_LABELS",
    "VARIATION_SHORT",
    "SPCInputError",
    "SPCInputWarning",
    "ShortGroupWarning",
    "assurance_icon_name",
    "assurance_type",
    "spc",
    "spc_summary",
    "variation_icon_name",
]
