"""What the entry point hands to the page it runs: hierarchy, filters and URL notes.

``dashboard.py`` builds this once per run (after drawing the sidebar filters) and the
page reads it, so a page never parses the URL or walks the hierarchy itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from impact.filters import FilterState
from impact.orgs import OrgTree

_KEY = "_board_context"


@dataclass(frozen=True)
class BoardContext:
    tree: OrgTree
    months: list[date]
    metric_ids: list[str]
    filters: FilterState
    notes: list[str]

    @property
    def org_name(self) -> str:
        return self.tree.name(self.filters.org_code) if self.filters.org_code else ""


def set_context(context: BoardContext) -> None:
    st.session_state[_KEY] = context


def get_context() -> BoardContext:
    """The context of this run; a page opened on its own (tests) gets a clear error."""
    try:
        return st.session_state[_KEY]
    except KeyError as exc:
        raise RuntimeError("Board pages are run through dashboard.py, which sets filters") from exc
