"""The priority pages in AppTest: every metric's chart, peers and downloads; filters survive."""

from __future__ import annotations

from html import escape

import pytest

from impact.board import build_board
from impact.board.question_ranking import TOP_PER_PRIORITY, ranked_questions
from impact.store import open_store
from tests.ui.apps import dashboard, markdown_and_html, ranked_lists

pytestmark = pytest.mark.usefixtures("demo_env")


@pytest.mark.parametrize(
    ("page", "title", "org"),
    [
        ("views/elective.py", "Elective care", "XRA05"),
        ("views/uec.py", "Urgent & emergency care", "XRA05"),
        ("views/primary_care.py", "Primary care", "XQA"),
    ],
)
def test_priority_pages(page, title, org):
    at = dashboard(org=org, **{"from": "2024-01"})
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [title]
    assert at.query_params["org"] in (org, [org])  # filters survive the page switch
    assert at.sidebar.selectbox(key="f_from").value.isoformat() == "2024-01-01"
    headers = [h.value for h in at.header]
    assert headers and all(h.endswith("?") for h in headers if h != "Filters")
    downloads = at.get("download_button")
    assert len(downloads) >= len(headers) - 1
    assert any(s.value.startswith("Peer comparison") for s in at.subheader)


def test_comparing_adds_the_icb_and_region_figures_and_their_download():
    at = dashboard(org="XRA05", compare="1")
    at.switch_page("views/uec.py").run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [d.proto.label for d in at.get("download_button")]
    assert any(label.startswith("Download the ICB and region comparison") for label in labels)
    assert any(label.startswith("Download the peer comparison") for label in labels)


def test_a_priority_page_asks_its_three_most_material_questions_and_keeps_the_rest():
    at = dashboard(org="XRA05")
    at.switch_page("views/elective.py").run()
    assert not at.exception, [e.value for e in at.exception]
    f = at.session_state["_filters_state"]
    ranked = ranked_questions(
        build_board(open_store().query, "XRA05", f.period_from, f.period_to), "elective"
    )
    assert len(ranked) > TOP_PER_PRIORITY
    expect = [(r.rank, r.metric_id, escape(r.question)) for r in ranked]
    assert ranked_lists(at) == [expect[:TOP_PER_PRIORITY], expect[TOP_PER_PRIORITY:]]
    drawn = markdown_and_html(at)
    for r in ranked:  # each names its metric and says why it is asked
        assert f"<strong>{escape(r.metric_name)}</strong>: " in drawn
        assert escape(r.reason) in drawn
    [more] = at.expander
    assert more.label == f"More questions ({len(ranked) - TOP_PER_PRIORITY})"
    assert [s.value for s in at.subheader].count("Questions the board may wish to ask") == 1
