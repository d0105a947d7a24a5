"""The board overview in AppTest: matrix, questions, answers, icons, stamp, IPR table, notes."""

from __future__ import annotations

import re
from html import escape

import pytest

from impact.board import build_board
from impact.board.question_ranking import TOP_OVERVIEW, TOP_PER_PRIORITY, ranked_questions
from impact.spc import VARIATION_ICONS
from impact.store import open_store
from tests.ui.apps import dashboard, expected_answer, markdown_and_html, ranked_lists

pytestmark = pytest.mark.usefixtures("demo_env")


def test_overview_shows_questions_answers_icons_and_stamp():
    at = dashboard(org="XRA05")
    assert [t.value for t in at.title] == ["Board overview"]
    headers = [h.value for h in at.header]
    assert headers[:3] == ["Elective care", "Urgent & emergency care", "Primary care"]
    subheaders = [s.value for s in at.subheader]
    assert "Are patients being seen within four hours in A&E?" in subheaders
    assert subheaders.count("Questions the board may wish to ask") == 3  # one per priority
    assert "<h3>Questions the board may wish to ask</h3>" in markdown_and_html(at)  # first
    text = markdown_and_html(at)
    assert "Data as at:" in text
    expected = expected_answer(at, "XRA05")
    assert expected.answer in text
    assert expected.variation_label in text and expected.assurance_label in text  # words
    assert f"**{expected.latest_text}**" in text
    # every question is on the page: among the first few or behind "More questions"
    assert expected.questions and all(escape(q) in text for q in expected.questions)
    table = at.dataframe[0].value.set_index("metric_id")
    assert table.loc["ae_4hr_all", "latest"] == expected.latest_text
    assert table.loc["ae_4hr_all", "assurance"] == expected.assurance_label
    assert table["open"].str.startswith("metric-detail?org=XRA05").all()


def test_changing_the_organisation_changes_the_numbers():
    at = dashboard(org="XRA03")
    before = expected_answer(at, "XRA03")
    after = expected_answer(at, "XRA07")
    assert before.latest_text != after.latest_text
    assert f"**{before.latest_text}**" in markdown_and_html(at)
    at.sidebar.selectbox(key="f_level2").set_value("XQB").run()
    at.sidebar.selectbox(key="f_level3").set_value("XRA07").run()
    assert not at.exception
    assert at.query_params["org"] in ("XRA07", ["XRA07"])
    text = markdown_and_html(at)
    assert f"**{after.latest_text}**" in text
    ipr = at.dataframe[0].value.set_index("metric_id")
    assert ipr.loc["ae_4hr_all", "latest"] == after.latest_text


def test_malformed_url_falls_back_with_a_note():
    at = dashboard(org="<script>", **{"from": "2025-99", "to": "soon"}, priority="all-of-it")
    notes = [i.value for i in at.info]
    assert any("organisation code" in n for n in notes)
    assert any("not a month" in n for n in notes)
    assert any("priority" in n for n in notes)
    assert [t.value for t in at.title] == ["Board overview"]
    assert at.query_params["org"] in ("XRA02", ["XRA02"])  # the first trust by name


_CELL = re.compile(r'<td data-row="(\w+)" data-column="(\w+)" data-count="(\d+)">(.*?)</td>', re.S)


def _matrix_cells(at) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """(row, column) → (the count shown, the metric ids linked) from the drawn matrix."""
    [body] = [h.proto.body for h in at.get("html") if '<table class="ipr-matrix"' in h.proto.body]
    return {
        (row, column): (int(count), re.findall(r'data-metric="(\w+)"', inner))
        for row, column, count, inner in _CELL.findall(body)
    }


def expected_board(at, org: str):
    """The board the shared code path gives for the period the app is showing."""
    f = at.session_state["_filters_state"]
    return build_board(open_store().query, org, f.period_from, f.period_to)


def _expected_cell(answer) -> tuple[str, str]:
    """The cell the icons name, worked out from the icon names themselves."""
    icon = answer.variation_icon
    row = "too_few" if icon is None else icon.rsplit("_", 1)[0] if icon != "common_cause" else icon
    column = {"consistent_pass": "pass", "consistent_fail": "fail", "inconsistent": "inconsistent"}
    return row, column.get(answer.assurance, "no_target")


def test_the_matrix_puts_each_metric_in_the_cell_its_icons_say():
    at = dashboard(org="XRA05")
    cells = _matrix_cells(at)
    assert len(cells) == 5 * 4
    board = expected_board(at, "XRA05")
    assert sum(count for count, _ in cells.values()) == len(board.answers) > 0
    assert all(count == len(ids) for count, ids in cells.values())
    for answer in board.answers:
        assert answer.variation_icon is None or answer.variation_icon in VARIATION_ICONS
        where = [cell for cell, (_, ids) in cells.items() if answer.metric.metric_id in ids]
        assert where == [_expected_cell(answer)], answer.metric.metric_id
    link = re.search(r'href="(metric-detail\?[^"]+)"', markdown_and_html(at)).group(1)
    assert "org=XRA05" in link and "metric=" in link


def test_the_priority_filter_narrows_the_matrix():
    at = dashboard(org="XRA05")
    at.radio(key="f_priority").set_value("uec").run()
    assert not at.exception
    board = expected_board(at, "XRA05")
    shown = sorted(m for _, ids in _matrix_cells(at).values() for m in ids)
    assert shown == sorted(a.metric.metric_id for a in board.by_priority("uec"))


def test_the_summary_csv_names_the_icons():
    at = dashboard(org="XRA05")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the summary (CSV, with icon names)" in labels
    assert "Download the icons (SVG files, zip)" in labels
    board = expected_board(at, "XRA05")
    table = at.dataframe[0].value.set_index("metric_id")
    ae = board.answer("ae_4hr_all")
    assert table.loc["ae_4hr_all", "variation_icon"] == ae.variation_icon
    assert table.loc["ae_4hr_all", "assurance_icon"] == _expected_cell(ae)[1].replace(
        "no_target", ""
    )


def test_the_first_screen_asks_the_five_most_material_questions_and_keeps_the_rest():
    at = dashboard(org="XRA05")
    board = expected_board(at, "XRA05")
    ranked = ranked_questions(board)
    assert len(ranked) > TOP_OVERVIEW  # the demo trust raises more than five
    [first] = [
        h.proto.body
        for h in at.get("html")
        if "<h3>Questions the board may wish to ask</h3>" in h.proto.body
    ]
    lists = ranked_lists(at)
    shown = [(r.rank, r.metric_id, escape(r.question)) for r in ranked[:TOP_OVERVIEW]]
    assert lists[0] == shown
    assert ranked[0].kind == "concern"  # the special cause of concern first
    for r in ranked[:TOP_OVERVIEW]:
        assert escape(r.short_reason) in first  # each says why it is asked
        assert escape(r.question) in first
    # The first "More questions" expander, beside the matrix, holds every other question.
    more = at.expander[0]
    assert more.label == f"More questions ({len(ranked) - TOP_OVERVIEW})"
    [inside] = [h.proto.body for h in more.get("html")]
    rest = [(r.rank, r.metric_id, escape(r.question)) for r in ranked[TOP_OVERVIEW:]]
    assert lists[1] == rest and all(escape(r.reason) in inside for r in ranked[TOP_OVERVIEW:])


def test_each_priority_closes_with_at_most_three_questions_then_more():
    at = dashboard(org="XRA05")
    board = expected_board(at, "XRA05")
    labels = [e.label for e in at.expander]
    for key in ("elective", "uec", "primary_care"):
        ranked = ranked_questions(board, key)
        rest = len(ranked) - TOP_PER_PRIORITY
        if rest > 0:
            assert f"More questions ({rest})" in labels, key
    elective = ranked_questions(board, "elective")
    assert len(elective) > TOP_PER_PRIORITY
    lists = ranked_lists(at)
    top = [(r.rank, r.metric_id, escape(r.question)) for r in elective[:TOP_PER_PRIORITY]]
    assert top in lists  # the elective section lists its three, in rank order
    # Lists opening at rank 1 are shown; the others are the expanders' "more".
    opening = [len(items) for items in lists if items and items[0][0] == 1]
    asking = [key for key in ("elective", "uec", "primary_care") if ranked_questions(board, key)]
    assert opening[0] == TOP_OVERVIEW and len(opening) == 1 + len(asking)  # first screen first
    assert all(n <= TOP_PER_PRIORITY for n in opening[1:])
