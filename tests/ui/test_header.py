"""The one page opening: title, what is on view, link notes, the stamp, a stop without orgs."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from impact.filters import FilterState
from impact.orgs import Org, OrgTree
from impact.ui.context import BoardContext
from impact.ui.header import as_at_caption, on_view

TREE = OrgTree([Org("T1", "Ash Trust", "trust", None)])
STATE = FilterState("T1", date(2024, 4, 1), date(2025, 3, 1))
CTX = BoardContext(TREE, [STATE.period_from, STATE.period_to], [], STATE, [])


def test_the_caption_names_the_organisation_and_period():
    assert on_view(CTX) == "Ash Trust (T1) · Apr 2024 to Mar 2025"
    assert as_at_caption(CTX) == "Ash Trust (T1) · as at Mar 2025"


def _header_script(org: str | None, notes: tuple[str, ...]) -> None:
    from datetime import date

    import streamlit as st

    from impact.filters import FilterState
    from impact.orgs import Org, OrgTree
    from impact.ui.context import BoardContext
    from impact.ui.header import page_header

    tree = OrgTree([Org(org, "Ash Trust", "trust", None)] if org else [])
    state = FilterState(org, date(2024, 4, 1), date(2025, 3, 1))
    board = page_header("A page", BoardContext(tree, [], [], state, []), notes=notes)
    st.write(f"board for {board.org_code}")


@pytest.mark.usefixtures("demo_env")
def test_the_header_draws_title_caption_notes_and_stamp_then_returns_the_board():
    at = AppTest.from_function(_header_script, args=("XRA05", ("A note about the link.",)))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["A page"]
    assert [i.value for i in at.info] == ["A note about the link."]
    assert at.caption[0].value == "Ash Trust (XRA05) · Apr 2024 to Mar 2025"
    assert any("Data as at:" in h.proto.body for h in at.get("html"))
    assert at.markdown[-1].value == "board for XRA05"


@pytest.mark.usefixtures("demo_env")
def test_without_an_organisation_the_page_says_so_and_stops():
    at = AppTest.from_function(_header_script, args=(None, ()))
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "There are no organisations in the data yet. Add extracts on the Data page."
    ]
    assert not at.caption and not [m for m in at.markdown if "board for" in m.value]
