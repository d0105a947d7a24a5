"""The league page, the funnel plot and the outlook in AppTest, on the demo data."""

from __future__ import annotations

import json
from datetime import date

import pytest

from impact.board import build_board
from impact.board.funnel import funnel_position
from impact.board.league import LEAGUE_LABEL, league_table
from impact.board.outlook import target_outlooks
from impact.board.peers import compare_with_peers
from impact.orgs import OrgTree
from impact.store import open_store
from impact.ui.pages.priority import charts_key
from tests.ui.apps import dashboard, markdown_and_html

pytestmark = pytest.mark.usefixtures("demo_env")
ORG = "XRA05"


def _expected(at):
    f = at.session_state["_filters_state"]
    store = open_store()
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    board = build_board(store.query, ORG, f.period_from, f.period_to)
    return store, tree, board, f


def test_the_league_page_ranks_each_metric_among_like_peers_and_says_whose_ranking_it_is():
    at = dashboard(timeout=120, org=ORG)
    at.switch_page("views/league.py").run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Where do we stand?"]
    assert LEAGUE_LABEL in [i.value for i in at.info]
    store, tree, board, f = _expected(at)
    league = league_table(
        store.query, tree, board.answers, org_code=ORG, scope="parent", period_to=f.last_day
    )
    texts = markdown_and_html(at)
    assert f"**{league.overall('uec')}**" in texts
    assert f"**{league.overall('elective')}**" in texts
    shown = {h.value for h in at.header}
    assert {
        "Elective care: where do we stand?",
        "Urgent & emergency care: where do we stand?",
    } <= shown
    tables = [d.value for d in at.dataframe]
    uec = next(t for t in tables if "A&E 4-hour performance (all types)" in set(t["Measure"]))
    row = league.row("ae_4hr_all")
    shown_row = uec.set_index("Measure").loc["A&E 4-hour performance (all types)"]
    assert shown_row["Rank"] == f"{row.rank} of {row.of}" and row.of > 1
    assert shown_row["Since the previous quarter"] == row.change_text()
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the urgent & emergency care ranking (CSV)" in labels


def test_the_uec_page_shows_the_funnel_beside_the_peers_and_the_outlook():
    at = dashboard(timeout=120, org=ORG, **{"from": "2024-01", "to": "2025-12"})
    for metric_id in ("ae_4hr_all", "ae_attendances"):  # each metric's charts section open
        at.session_state[charts_key(metric_id)] = True
    at.switch_page("views/uec.py").run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    store, tree, board, f = _expected(at)
    answer = board.answer("ae_4hr_all")
    peers = compare_with_peers(
        store.query,
        tree,
        org_code=ORG,
        metric_id="ae_4hr_all",
        scope="parent",
        period_to=f.last_day,
    )
    position = funnel_position(store.query, peers, answer.metric)
    assert position.applies and position.sentence.startswith("Are we an outlier among the ")
    texts = markdown_and_html(at)
    assert position.sentence in texts
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    funnel = next(
        c
        for c in charts
        if c["layout"]["title"]["text"].startswith(
            "Funnel plot: A&E 4-hour performance (all types)"
        )
    )
    chosen = next(t for t in funnel["data"] if t["name"] == "Selected organisation")
    mine = position.chosen
    assert chosen["y"] == [pytest.approx(mine["value"])]
    assert chosen["x"] == [pytest.approx(mine["denominator"])]
    # A measure with no denominator gets no funnel, and says so.
    assert "A funnel plot does not apply to A&E attendances (all types)" in texts
    # The dated 78% target (March 2026) has its outlook on a line of its own.
    (outlook,) = target_outlooks(answer)
    assert outlook.target_period == date(2026, 3, 1)
    assert f"**Outlook:** {outlook.sentence}" in texts
    assert outlook.sentence.startswith("Will we reach 78% by March 2026? ")
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the funnel plot figures for A&E 4-hour performance (all types) (CSV)" in labels


def test_the_metric_detail_page_shows_the_outlook_and_its_method():
    at = dashboard(
        timeout=120, org=ORG, metric="ae_4hr_all", **{"from": "2024-01", "to": "2025-12"}
    )
    at.switch_page("views/metric_detail.py").run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    _, _, board, _ = _expected(at)
    (outlook,) = target_outlooks(board.answer("ae_4hr_all"))
    assert f"**Outlook:** {outlook.sentence}" in markdown_and_html(at)
    assert any("docs/outlook.md" in c.value for c in at.caption)


def test_the_overview_cards_carry_the_outlook_on_a_line_of_their_own():
    at = dashboard(timeout=120, org=ORG, **{"from": "2024-01", "to": "2025-12"})
    _, _, board, _ = _expected(at)
    (outlook,) = target_outlooks(board.answer("ae_4hr_all"))
    assert f"**Outlook:** {outlook.sentence}" in [m.value for m in at.markdown]
