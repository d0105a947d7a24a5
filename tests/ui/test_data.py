"""The pages' one place for data: cached, and the same as the board package's own answers."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from impact.board.peers import comparison, peer_values
from impact.board.projects import metric_projects
from impact.filters import period_end
from impact.orgs import OrgTree
from impact.store import open_store

ORG, METRIC = "XRA05", "ae_4hr_all"


def _script() -> None:
    import streamlit as st

    from impact.filters import FilterState, default_period
    from impact.ui import data

    months = data.months()
    start, end = default_period(months)
    state = FilterState("XRA05", start, end, peers="region")
    board = data.board("XRA05", start, end)
    answer = board.answer("ae_4hr_all")
    tree = data.org_tree()
    st.session_state["peers"] = data.peers(answer, state, tree)
    st.session_state["compared"] = data.compared(answer, state, tree).frame
    st.session_state["projects"] = data.projects_for("XRA05", "ae_4hr_all")
    st.session_state["names"] = data.metric_names()
    st.session_state["period"] = (start, end)


@pytest.mark.usefixtures("demo_env")
def test_pages_get_the_board_packages_answers():
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    store = open_store()
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    start, end = at.session_state["period"]
    last_day = period_end(end)
    ids = dict(org_code=ORG, metric_id=METRIC)
    peers = peer_values(store.query, tree, scope="region", period_to=last_day, **ids)
    assert at.session_state["peers"].equals(peers) and len(peers) > 2
    compared = comparison(store.query, tree, period_from=start, period_to=last_day, **ids)
    assert at.session_state["compared"].equals(compared.frame) and not compared.frame.empty
    assert at.session_state["projects"].equals(metric_projects(store.query, ORG, METRIC))
    catalogue = store.query("board_metrics")
    assert list(at.session_state["names"]) == catalogue["metric_id"].tolist()
