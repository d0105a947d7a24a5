"""NHS IMPACT capability: the self-assessment and the improvement capacity behind it.

NHS IMPACT describes five components of an organisation that improves continuously. A
board sees where it stands on each (the latest self-assessment and its change), how that
compares with its peers, whether the capability it is building (staff trained, coaches)
is growing as a share of its workforce, and the questions these raise. Pure pandas, no
Streamlit, one step a file:

* :mod:`~impact.capability.components` – the five components in NHS England's words;
* :mod:`~impact.capability.assessment` – latest scores, history, peers, the lowest streak;
* :mod:`~impact.capability.capacity` – capacity as shares of headcount, and its SPC;
* :mod:`~impact.capability.questions` – the questions for the board;
* :mod:`~impact.capability.tables` – the page's tables, in words;
* :mod:`~impact.capability.view` – the page's content, from the store.
"""

from impact.capability.assessment import (
    assessment_history,
    change_words,
    latest_scores,
    lowest_streak,
    peer_comparison,
)
from impact.capability.capacity import (
    CAPACITY_MEASURES,
    MIN_SPC_POINTS,
    capacity_over_time,
    capacity_spc,
)
from impact.capability.questions import capability_questions
from impact.capability.tables import (
    capacity_table,
    month_or_dash,
    peer_scope_words,
    peer_scores_table,
    score_or_dash,
    self_assessment_table,
)
from impact.capability.view import CapabilityView, build_capability

__all__ = [
    "CAPACITY_MEASURES",
    "MIN_SPC_POINTS",
    "CapabilityView",
    "assessment_history",
    "build_capability",
    "capability_questions",
    "capacity_over_time",
    "capacity_spc",
    "capacity_table",
    "change_words",
    "latest_scores",
    "lowest_streak",
    "month_or_dash",
    "peer_comparison",
    "peer_scope_words",
    "peer_scores_table",
    "score_or_dash",
    "self_assessment_table",
]
