"""The priority pages in AppTest: every metric's chart, peers and downloads; filters survive."""

from __future__ import annotations

import json
from html import escape

import pytest

from impact.board import build_board
from impact.board.question_ranking import TOP_PER_PRIORITY, ranked_questions
from impact.store import open_store
from impact.ui.pages.priority import charts_key, charts_label
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


def _chart_titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def test_only_open_chart_sections_draw_their_charts_and_every_download_stays():
    at = dashboard(org="XRA05")
    at.switch_page("views/elective.py").run()
    f = at.session_state["_filters_state"]
    board = build_board(open_store().query, "XRA05", f.period_from, f.period_to)
    first, second = board.by_priority("elective")[:2]
    labels = [e.label for e in at.expander if e.label.startswith("Charts for ")]
    assert labels[:2] == [charts_label(first), charts_label(second)]
    titles = _chart_titles(at)
    assert titles and titles[0] == first.metric.metric_name  # the first metric's SPC chart
    assert second.metric.metric_name not in " ".join(titles)  # and none of the second's
    numbers = [
        d.proto.label
        for d in at.get("download_button")
        if d.proto.label.startswith("Download the numbers behind")
    ]
    assert len(numbers) == len(labels) == len(board.by_priority("elective"))
    at.session_state[charts_key(second.metric.metric_id)] = True  # open the second section
    at.run()
    assert not at.exception
    opened = _chart_titles(at)
    assert len(opened) > len(titles) and second.metric.metric_name in opened


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
    # Each metric's charts have a section of their own; one section holds the other questions.
    [more] = [e for e in at.expander if e.label.startswith("More questions")]
    assert more.label == f"More questions ({len(ranked) - TOP_PER_PRIORITY})"
    assert [s.value for s in at.subheader].count("Questions the board may wish to ask") == 1
