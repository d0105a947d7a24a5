"""Meeting mode: whether the URL asks for it, and the look it gives every page.

The entry point applies the look before any page runs (so ``?meeting=1`` pasted into the
papers opens straight into it); the meeting page itself (:mod:`impact.ui.pages.meeting`)
draws the toggle and the steps.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

#: URL parameters (also the widgets' keys): the toggle and the priority on screen.
MEETING_KEY = "meeting"
STEP_KEY = "step"
#: Values of ``?meeting=`` that switch meeting mode on (the toggle writes ``true``).
ON_VALUES = ("1", "true", "yes", "on")
#: Hides the sidebar, its toggle and Streamlit's toolbar; enlarges type for a far screen.
MEETING_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="collapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], header[data-testid="stHeader"] {
  display: none !important;
}
.stMainBlockContainer, .block-container { max-width: 100% !important; padding-top: 1rem; }
.stMarkdown p, .stMarkdown li, .stText { font-size: 1.7rem !important; line-height: 1.45; }
h1 { font-size: 3rem !important; }
h2 { font-size: 2.5rem !important; }
h3 { font-size: 2.1rem !important; }
.icon-pair figcaption { font-size: 1.4rem !important; max-width: 22rem !important; }
.icon-pair svg { width: 72px !important; height: 72px !important; }
.stButton button p { font-size: 1.4rem !important; }
.stButton button kbd, .stButton button [data-testid="stButtonShortcut"] { font-size: 1.1rem; }
.stToggle label p, [data-testid="stToggle"] label p,
[data-testid="stCheckbox"] label p { font-size: 1.5rem !important; line-height: 1.4; }
.stToggle label, [data-testid="stCheckbox"] label { align-items: center; }
[data-testid="stMain"] [data-testid="stCheckbox"] label > div:not([data-testid]) {
  transform: scale(1.4); transform-origin: left center; margin-right: 1.4rem;
}
.open-board-questions, .open-board-questions li { font-size: 1.5rem; }
</style>
"""


def meeting_requested(params: Mapping[str, object]) -> bool:
    """Whether the URL asks for meeting mode (``?meeting=1`` or ``?meeting=true``)."""
    raw = params.get(MEETING_KEY)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    return str(raw or "").strip().lower() in ON_VALUES


def apply_meeting_style() -> None:
    """Hide the sidebar and controls and enlarge type (the entry point may call this too)."""
    st.html(MEETING_CSS)
