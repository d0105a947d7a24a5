"""Every board page on the demo data, through Streamlit's app test harness.

Checks what a board member reads (titles, numbers, questions, icon labels) rather than
only that nothing raised, and that the URL filters survive page switches and bad values.
"""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact import charts, palette
from impact.board import build_board
from impact.spc import SPECIAL_CAUSE_TYPES
from impact.store import open_store
from impact.ui.components.numbers import numbers_display, numbers_frame
from impact.units import format_value

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
TIMEOUT = 30


@pytest.fixture(scope="module", autouse=True)
def _demo_env(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_DATA_DIR", str(DEMO))
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def _expected(at: AppTest, org: str, metric: str = "ae_4hr_all"):
    """The answer the shared code path gives for the period the app is showing."""
    f = at.session_state["_filters_state"]
    return build_board(open_store().query, org, f.period_from, f.period_to).answer(metric)


def test_overview_shows_questions_answers_icons_and_stamp():
    at = _app(org="XRA05")
    assert [t.value for t in at.title] == ["Board overview"]
    headers = [h.value for h in at.header]
    assert headers[:3] == ["Elective care", "Urgent & emergency care", "Primary care"]
    subheaders = [s.value for s in at.subheader]
    assert "Are patients being seen within four hours in A&E?" in subheaders
    assert subheaders.count("Questions the board may wish to ask") == 3
    text = _texts(at)
    assert "Data as at:" in text
    expected = _expected(at, "XRA05")
    assert expected.answer in text
    assert expected.variation_label in text and expected.assurance_label in text  # words
    assert f"**{expected.latest_text}**" in text
    assert expected.questions and all(q in text for q in expected.questions)
    table = at.dataframe[0].value.set_index("metric_id")
    assert table.loc["ae_4hr_all", "latest"] == expected.latest_text
    assert table.loc["ae_4hr_all", "assurance"] == expected.assurance_label
    assert table["open"].str.startswith("metric-detail?org=XRA05").all()


def test_changing_the_organisation_changes_the_numbers():
    at = _app(org="XRA03")
    before = _expected(at, "XRA03")
    after = _expected(at, "XRA07")
    assert before.latest_text != after.latest_text
    assert f"**{before.latest_text}**" in _texts(at)
    at.sidebar.selectbox(key="f_level2").set_value("XQB").run()
    at.sidebar.selectbox(key="f_level3").set_value("XRA07").run()
    assert not at.exception
    assert at.query_params["org"] in ("XRA07", ["XRA07"])
    text = _texts(at)
    assert f"**{after.latest_text}**" in text
    ipr = at.dataframe[0].value.set_index("metric_id")
    assert ipr.loc["ae_4hr_all", "latest"] == after.latest_text


@pytest.mark.parametrize(
    ("page", "title", "org"),
    [
        ("views/elective.py", "Elective care", "XRA05"),
        ("views/uec.py", "Urgent & emergency care", "XRA05"),
        ("views/primary_care.py", "Primary care", "XQA"),
    ],
)
def test_priority_pages(page, title, org):
    at = _app(org=org, **{"from": "2024-01"})
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


def test_metric_detail_from_a_link():
    at = _app(org="XRA05", metric="rtt_18wk_pct", compare="1")
    at.switch_page("views/metric_detail.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Metric detail"]
    headers = [h.value for h in at.header]
    assert "Are more patients on the waiting list waiting less than 18 weeks?" in headers
    subheaders = [s.value for s in at.subheader]
    for section in ("The numbers", "Target history", "Events", "Improvement projects"):
        assert any(s.startswith(section) for s in subheaders)
    # The table shows the numbers as the board reads them (the CSV keeps full precision).
    numbers = at.dataframe[0].value
    expected = _expected(at, "XRA05", "rtt_18wk_pct")
    assert numbers["Value"].iloc[-1] == format_value(expected.latest_value, "percent")
    assert {"Mean", "Lower process limit", "Upper process limit", "Point type"} <= set(
        numbers.columns
    )
    assert set(numbers["Point type"]) <= set(palette.POINT_TYPE_LABELS.values())
    shown = numbers.drop(columns="Period").astype(str)
    assert not shown.isin(["None", "nan", "NaN"]).any().any(), "missing numbers show blank"
    assert not shown.apply(lambda c: c.str.contains("_")).any().any(), "no raw codes shown"
    for column in ("Mean", "Lower process limit", "Upper process limit"):
        assert numbers[column].str.fullmatch(r"-?[\d,]+(\.\d)?%").all(), column


def test_numbers_table_rounds_and_names_but_the_csv_keeps_full_precision():
    f_from, f_to = date(2023, 10, 1), date(2026, 9, 1)
    board = build_board(open_store().query, "XRA05", f_from, f_to)
    answer = board.answer("rtt_18wk_pct")
    shown = numbers_display(answer)
    raw = numbers_frame(answer)
    assert len(shown) == len(raw) == len(answer.points)
    # The download: every SPC column at full precision, the codes, and their words.
    assert raw["mean"].tolist() == answer.points["mean"].tolist()
    assert {"metric_id", "org_code", "point_type", "point_type_label", "lpl", "upl"} <= set(raw)
    assert raw["point_type_label"].tolist() == [
        palette.POINT_TYPE_LABELS[c] for c in answer.points["point_type"]
    ]
    unrounded = [m for m in raw["mean"] if round(m, 1) != m]
    assert unrounded, "the demo's mean is not a round number, so rounding is visible"
    assert shown["Mean"].iloc[0] == format_value(raw["mean"].iloc[0], "percent")
    assert shown["Limits group"].iloc[0] == "1"


def test_numbers_table_leaves_missing_numbers_blank():
    points = pd.DataFrame(
        {
            "period_start": [date(2025, 1, 1), date(2025, 2, 1)],
            "value": [1234.0, None],
            "numerator": [None, 5.0],
            "mean": [1200.25, 1200.25],
            "point_type": ["special_cause_concern", "common_cause"],
            "special_cause_type": ["Below LCL", "Common Cause"],
        }
    )
    answer = SimpleNamespace(points=points, metric=SimpleNamespace(unit="count"))
    shown = numbers_display(answer)
    assert shown["Value"].tolist() == ["1,234", ""]
    assert shown["Numerator"].tolist() == ["", "5"]
    assert shown["Mean"].tolist() == ["1,200", "1,200"]
    assert shown["Point type"].tolist() == ["Special cause – concern", "Common cause"]
    assert shown["Rule"].tolist() == ["Below the lower process limit", "No rule: common cause"]


def test_every_spc_rule_has_words():
    assert set(SPECIAL_CAUSE_TYPES) == set(charts.RULE_WORDS)


def test_malformed_url_falls_back_with_a_note():
    at = _app(org="<script>", **{"from": "2025-99", "to": "soon"}, priority="all-of-it")
    notes = [i.value for i in at.info]
    assert any("organisation code" in n for n in notes)
    assert any("not a month" in n for n in notes)
    assert any("priority" in n for n in notes)
    assert [t.value for t in at.title] == ["Board overview"]
    assert at.query_params["org"] in ("XRA02", ["XRA02"])  # the first trust by name
