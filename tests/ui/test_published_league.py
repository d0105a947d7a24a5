"""The funnel plot and the league page for a real trust in NHS England's A&E files.

Skipped where the shared reference data is absent, failing under CI (``shared_path``).
"""

from __future__ import annotations

import json

from impact.board import build_board
from impact.board.funnel import funnel_position
from impact.board.league import LEAGUE_LABEL, league_table
from impact.board.peers import compare_with_peers
from impact.orgs import OrgTree
from impact.store import open_store
from impact.ui.pages.priority import charts_key
from tests.ui.apps import dashboard, markdown_and_html
from tests.ui.test_published_data_app import published  # noqa: F401 (the shared fixture)

ORG = "RRK"


def _state(at):
    f = at.session_state["_filters_state"]
    store = open_store()
    return store, OrgTree.from_frame(store.query("board_org_tree")), f


def test_rrk_is_placed_on_the_funnel_of_the_acute_trusts_of_its_region(published):  # noqa: F811
    at = dashboard(timeout=120, org=ORG, peers="region")
    at.session_state[charts_key("ae_4hr_all")] = True  # its charts section open
    at.switch_page("views/uec.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    store, tree, f = _state(at)
    board = build_board(store.query, ORG, f.period_from, f.period_to)
    answer = board.answer("ae_4hr_all")
    peers = compare_with_peers(
        store.query,
        tree,
        org_code=ORG,
        metric_id="ae_4hr_all",
        scope="region",
        period_to=f.last_day,
    )
    position = funnel_position(store.query, peers, answer.metric)
    assert position.applies and len(position.rows) > 10
    assert position.sentence.startswith(
        f"Are we an outlier among the {len(position.rows)} trusts with a type 1 A&E department "
        "in NHS England Midlands?"
    )
    assert position.sentence in markdown_and_html(at)
    # The funnel's own value is RRK's published four-hour figure for that month.
    assert round(position.chosen["value"], 1) == round(answer.latest_value, 1)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = [c["layout"]["title"]["text"] for c in charts]
    assert any(t.startswith("Funnel plot: A&E 4-hour performance (all types)") for t in titles)


def test_the_league_page_ranks_rrk_among_the_acute_trusts_of_its_region(published):  # noqa: F811
    at = dashboard(timeout=120, org=ORG, peers="region")
    at.switch_page("views/league.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    assert LEAGUE_LABEL in [i.value for i in at.info]
    store, tree, f = _state(at)
    board = build_board(store.query, ORG, f.period_from, f.period_to)
    league = league_table(
        store.query, tree, board.answers, org_code=ORG, scope="region", period_to=f.last_day
    )
    row = league.row("ae_4hr_all")
    assert row.rank is not None and row.of > 10
    table = next(
        d.value
        for d in at.dataframe
        if "A&E 4-hour performance (all types)" in set(d.value["Measure"])
    )
    shown = table.set_index("Measure").loc["A&E 4-hour performance (all types)"]
    assert shown["Rank"] == f"{row.rank} of {row.of}"
    assert f"**{league.overall('uec')}**" in markdown_and_html(at)


def test_in_england_rrk_is_on_the_funnel_of_every_acute_trust(published):  # noqa: F811
    at = dashboard(timeout=120, org=ORG, peers="england")
    at.session_state[charts_key("ae_4hr_all")] = True  # its charts section open
    at.switch_page("views/uec.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    store, tree, f = _state(at)
    board = build_board(store.query, ORG, f.period_from, f.period_to)
    peers = compare_with_peers(
        store.query,
        tree,
        org_code=ORG,
        metric_id="ae_4hr_all",
        scope="england",
        period_to=f.last_day,
    )
    position = funnel_position(store.query, peers, board.answer("ae_4hr_all").metric)
    # Every acute trust in England reporting that month (about 120 in 2024/25).
    assert 100 < len(position.rows) < 140
    assert position.sentence.startswith(
        f"Are we an outlier among the {len(position.rows)} trusts with a type 1 A&E department "
        "in England? "
    )
    assert position.sentence in markdown_and_html(at)
    assert "in England, as a rate per 1,000 attendances." in markdown_and_html(at)
