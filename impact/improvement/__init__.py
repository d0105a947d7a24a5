"""Improvement activity: the portfolio, its PDSA learning, and whether the outcomes are moving.

NHS IMPACT asks a board to connect improvement effort with the outcomes it aims to move.
This package answers three board questions from the ``projects``, ``pdsa_cycles`` and
``observations`` extracts, without Streamlit so every rule is testable, one step a file:

* *What improvement work is under way?* – :mod:`~impact.improvement.portfolio`;
* *Is it working?* – :mod:`~impact.improvement.effect` for one project's outcome measure,
  :mod:`~impact.improvement.answers` for the whole portfolio;
* *Is our effort aimed at our biggest gaps?* – :mod:`~impact.improvement.alignment`;
* the page's content from the store – :mod:`~impact.improvement.view`;
* a project's priority in words – :mod:`~impact.improvement.priority`.

The names below are the package's public face: pages, the board pack and tests import
them from ``impact.improvement``.
"""

from impact.improvement.alignment import (
    ASSURANCE_LABELS,
    alignment_display,
    alignment_questions,
    alignment_table,
    assurance_label,
)
from impact.improvement.answers import (
    effect_counts,
    start_marker,
    working_summary,
)
from impact.improvement.effect import (
    EFFECT_HEADLINES,
    MIN_POINTS_EACH_SIDE,
    classify_after,
    default_spc,
    first_period_after,
    is_it_working,
    no_metric_answer,
)
from impact.improvement.portfolio import (
    duration_months,
    pdsa_summary,
    portfolio_breakdowns,
    portfolio_counts,
    portfolio_table,
    portfolio_totals,
    project_list,
)
from impact.improvement.view import (
    ImprovementView,
    assurance_from_board,
    build_improvement,
    scope_codes,
)

__all__ = [
    "ASSURANCE_LABELS",
    "EFFECT_HEADLINES",
    "MIN_POINTS_EACH_SIDE",
    "ImprovementView",
    "alignment_display",
    "alignment_questions",
    "alignment_table",
    "assurance_from_board",
    "assurance_label",
    "build_improvement",
    "classify_after",
    "default_spc",
    "duration_months",
    "effect_counts",
    "first_period_after",
    "is_it_working",
    "no_metric_answer",
    "pdsa_summary",
    "portfolio_breakdowns",
    "portfolio_counts",
    "portfolio_table",
    "portfolio_totals",
    "project_list",
    "scope_codes",
    "start_marker",
    "working_summary",
]
