"""The pack's outlook line and funnel plot for each metric, as the priority pages show them."""

from __future__ import annotations

from datetime import date

from impact import pack
from impact.board import build_board
from impact.board.funnel import funnel_position
from impact.board.outlook import target_outlooks
from impact.board.peers import compare_with_peers
from impact.orgs import OrgTree
from tests.pack.conftest import ORG


def test_each_metric_has_its_funnel_sentence_and_a_funnel_where_one_applies(built, demo_store):
    content, html, board = built
    entries = {m.metric_id: m for p in content.priorities for m in p.metrics}
    tree = OrgTree.from_frame(demo_store.query("board_org_tree"))
    for metric_id in ("ae_4hr_all", "ae_attendances"):
        peers = compare_with_peers(
            demo_store.query, tree, org_code=ORG, metric_id=metric_id, scope="parent",
            period_to=date(2026, 9, 30),
        )  # fmt: skip
        position = funnel_position(demo_store.query, peers, board.answer(metric_id).metric)
        assert entries[metric_id].funnel_sentence == position.sentence
        assert pack.esc(position.sentence) in html
    assert entries["ae_4hr_all"].funnel_figure is not None
    assert entries["ae_attendances"].funnel_figure is None
    assert 'id="funnel-' in html


def test_a_dated_target_still_to_come_has_its_outlook_in_the_pack(demo_store):
    period = (date(2024, 1, 1), date(2025, 12, 1))
    content = pack.assemble_pack(demo_store.query, ORG, *period)
    html = pack.render_html(content)
    entry = next(m for p in content.priorities for m in p.metrics if m.metric_id == "ae_4hr_all")
    answer = build_board(demo_store.query, ORG, *period).answer("ae_4hr_all")
    expected = [o.sentence for o in target_outlooks(answer)]
    assert list(entry.outlook) == expected and expected[0].startswith(
        "Will we reach 78% by March 2026?"
    )
    assert f"<strong>Outlook:</strong> {pack.esc(expected[0])}" in html
