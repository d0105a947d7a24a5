"""The target-date outlook of a metric, each dated target on a line of its own.

The sentences are :func:`impact.board.outlook.target_outlooks`'; how the chance is worked
out, its assumptions and limits are in ``docs/outlook.md``.
"""

from __future__ import annotations

import streamlit as st

from impact.board import MetricAnswer
from impact.board.outlook import target_outlooks

OUTLOOK_METHOD = (
    "The chance assumes the current process carries on (or its trend, where a trend signal "
    "shows); it is not a forecast of the work under way. Method and limits: docs/outlook.md."
)


def outlook_lines(answer: MetricAnswer, *, method: bool = False) -> None:
    """``Outlook: Will we reach 78% by March 2026? …`` for each dated target still to come."""
    outlooks = target_outlooks(answer)
    for outlook in outlooks:
        st.markdown(f"**Outlook:** {outlook.sentence}")
    if outlooks and method:
        st.caption(OUTLOOK_METHOD)
