"""The board overview in AppTest: questions, answers, icons, stamp, IPR table, link notes."""

from __future__ import annotations

import pytest

from tests.ui.apps import dashboard, expected_answer, markdown_and_html

pytestmark = pytest.mark.usefixtures("demo_env")


def test_overview_shows_questions_answers_icons_and_stamp():
    at = dashboard(org="XRA05")
    assert [t.value for t in at.title] == ["Board overview"]
    headers = [h.value for h in at.header]
    assert headers[:3] == ["Elective care", "Urgent & emergency care", "Primary care"]
    subheaders = [s.value for s in at.subheader]
    assert "Are patients being seen within four hours in A&E?" in subheaders
    assert subheaders.count("Questions the board may wish to ask") == 3
    text = markdown_and_html(at)
    assert "Data as at:" in text
    expected = expected_answer(at, "XRA05")
    assert expected.answer in text
    assert expected.variation_label in text and expected.assurance_label in text  # words
    assert f"**{expected.latest_text}**" in text
    assert expected.questions and all(q in text for q in expected.questions)
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
