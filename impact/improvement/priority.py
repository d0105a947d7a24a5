"""How a project's priority reads to a board: the recovery priorities, plus capability work."""

from __future__ import annotations

import pandas as pd

from impact.priorities import PRIORITY_TITLES

#: A project's priority as a board reads it: the board priorities, plus work on improvement
#: capability itself.
PRIORITY_WORDS: dict[str, str] = {**PRIORITY_TITLES, "improvement": "Improvement capability"}


def priority_words(priority: pd.Series) -> pd.Series:
    """Priorities in words; an unknown key is shown as it is rather than dropped."""
    return priority.map(PRIORITY_WORDS).fillna(priority)
