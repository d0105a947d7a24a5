"""Plans on the pages (AppTest, demo data): the plan line on the SPC chart, the plan
sentence under the answer, the plan columns of the IPR summary and the Data page's note."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from impact.board.plans import plan_caption, variance_text
from impact.ui.pages.priority import charts_key
from tests.ui.apps import dashboard, expected_answer, markdown_and_html, page_texts

pytestmark = pytest.mark.usefixtures("demo_env")

TRUST = "XRA05"  # re-planned A&E in July 2026
DATA_PAGE = str(PROJECT_ROOT / "views" / "data.py")


def _array(value: object) -> list:
    """A plotly JSON array: a plain list, or numbers typed and base64-encoded (``bdata``)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)  # type: ignore[call-overload]


def test_the_uec_page_draws_the_plan_line_and_says_the_plan_sentence():
    at = dashboard(timeout=120, org=TRUST)
    at.session_state[charts_key("ae_4hr_all")] = True  # its charts section open
    at.switch_page("views/uec.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    expected = expected_answer(at, TRUST)
    assert expected.plan_name == "2026/27 operating plan" and expected.plan_text
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    chart = next(c for c in charts if "A&E 4-hour performance (all types)" in str(c["layout"]))
    [plan] = [t for t in chart["data"] if t.get("name") == "Plan"]
    planned = expected.points.dropna(subset=["plan"])
    ys = [y for y in _array(plan["y"]) if y is not None]
    assert ys == pytest.approx(planned["plan"].tolist())
    assert [x[:10] for x in _array(plan["x"]) if x is not None] == [
        d.isoformat() for d in pd.to_datetime(planned["period_start"]).dt.date
    ]
    assert ys[-1] == expected.plan
    # Both plan years are drawn, broken where 2026/27 starts, each named in the hover.
    assert set(planned["plan_name"]) == {"2025/26 operating plan", "2026/27 operating plan"}
    assert None in _array(plan["y"])
    target = next(t for t in chart["data"] if t.get("name") == "Target")
    assert plan["line"]["dash"] != target["line"]["dash"]
    text = markdown_and_html(at)
    assert expected.plan_text in text and expected.plan_text not in expected.answer
    assert f"Plan: {plan_caption(expected)}" in page_texts(at)
    assert "submitted 14 Jul 2026" in plan_caption(expected)


def test_the_overview_summary_has_plan_and_variance_columns():
    at = dashboard(org=TRUST)
    expected = expected_answer(at, TRUST)
    table = at.dataframe[0].value.set_index("metric_id")
    assert table.loc["ae_4hr_all", "plan"] == expected.plan_value_text
    assert table.loc["ae_4hr_all", "plan_variance"] == variance_text(
        expected.plan_variance, "percent"
    )
    assert table.loc["ae_4hr_all", "plan_name"] == "2026/27 operating plan"
    unplanned = expected_answer(at, TRUST, "cwt_62d")
    assert unplanned.plan is None and table.loc["cwt_62d", "plan"] == "—"


def test_the_data_page_says_which_plan_is_used():
    at = dashboard()
    at.switch_page("views/data.py").run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert "Plans used" in [s.value for s in at.subheader]
    text = markdown_and_html(at)
    assert (
        "**2026/27 operating plan** (10 organisation(s); each metric's latest submission wins)"
        in text
    )
    assert "the version submitted 14 Jul 2026 is used for 1 trajectory(ies)" in text
    assert "the version submitted 26 Mar 2026 was replaced by a later one for 1" in text


def test_the_metric_detail_shows_how_the_relative_rtt_target_was_set():
    at = dashboard(timeout=120, org="XRA07", to="2026-03", metric="rtt_18wk_pct")
    at.switch_page("views/metric_detail.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    expected = expected_answer(at, "XRA07", "rtt_18wk_pct")
    rule = expected.target_rule_text
    assert rule.startswith("5 points above March 2025's ") and rule.endswith(expected.target_text)
    assert f"Target {expected.target_text}: {rule}" in [c.value for c in at.caption]
    history = next(d.value for d in at.dataframe if "How it is set" in d.value.columns)
    assert rule in history["How it is set"].tolist()


def test_the_data_page_names_bad_plans_and_relative_targets_by_file_line_and_column(
    demo_copy,
) -> None:
    header = "metric_id,org_code,period_start,planned_value,plan_name,submitted\n"
    (demo_copy / "local plans.csv").write_text(
        header
        + "ae_4hr_all,XRA01,2026-09-01,80,Local plan,2026-03-01\n"
        + "ae_4hr_al,XRA01,2026-09-01,80,Local plan,2026-03-01\n"
        + "ae_4hr_all,XRA99,2026-09-01,80,Local plan,2026-03-01\n"
        + "ae_4hr_all,XRA01,2026-09-01,81,Local plan,2026-03-01\n",
        encoding="utf-8",
    )
    (demo_copy / "relative targets.csv").write_text(
        "metric_id,org_code,target_value,effective_from,effective_to,source,target_rule,"
        "baseline_period,improvement,floor\n"
        "cwt_62d,,,2026-04-01,,local,improve_on_baseline,2020-03-01,5,\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(DATA_PAGE, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    found = pd.concat(
        [d.value for d in at.dataframe if {"Line", "Column", "Reason"} <= set(d.value.columns)],
        ignore_index=True,
    )
    by_line = {(r.Line, r.Column): r.Reason for r in found.itertuples()}
    assert by_line[("5", "metric_id, org_code, period_start, plan_name, submitted")].startswith(
        "duplicate key"
    )
    assert "did you mean `ae_4hr_all`?" in by_line[("3", "metric_id")]
    assert "`XRA99`" in by_line[("4", "org_code")]
    rule = by_line[("2", "baseline_period")]
    assert "March 2020" in rule and "have none for that month" in rule
    # The rest is unaffected: the demo's own plans are still the ones used.
    assert "the version submitted 14 Jul 2026 is used for 1 trajectory(ies)" in (
        markdown_and_html(at)
    )
