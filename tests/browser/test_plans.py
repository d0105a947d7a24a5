"""Plans in a real browser: the plan line in the SPC chart's legend, its hover over a
planned month, the plan sentence under the answer and the plan columns of the summary."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import main_text, open_app, screenshot, table_rows

pytestmark = pytest.mark.browser

TRUST = "XRA05"  # re-planned A&E in July 2026
#: "Behind plan: 69.8% in September against a planned 70.7%." under the answer.
PLAN_SENTENCE = re.compile(r"(Behind|Ahead of|On) plan: \d+\.\d% in September")


def test_the_metric_detail_chart_draws_the_plan_line_with_its_legend_and_hover(  # type: ignore[no-untyped-def]
    page, app_url, page_paths
):
    open_app(page, app_url, page_paths["Metric detail"], org=TRUST, metric="ae_4hr_all")
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    # SVG text has no innerText: read each legend entry's text content.
    legend = chart.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert "Plan" in legend and "Target" in legend, legend
    # The plan trace is drawn: a path of the plan's colour with square markers.
    assert chart.locator('.scatterlayer .trace path.js-line[style*="rgb(0, 127, 59)"]').count()
    text = main_text(page)
    assert "Plan: 2026/27 operating plan, submitted 14 Jul 2026" in text, text[:2000]
    assert PLAN_SENTENCE.search(text), text[:2000]
    screenshot(page, "metric-detail-plan-line", whole=False)


def test_the_overview_summary_shows_plan_and_variance(page, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url, org=TRUST)
    page.get_by_role("heading", name="Summary table", exact=True).wait_for()
    summary = page.get_by_test_id("stDataFrame").last
    rows = {row["metric"]: row for row in table_rows(page, summary)}
    ae = rows["A&E 4-hour performance (all types)"]
    assert ae["plan"].endswith("%") and ae["plan_variance"].endswith(" points"), ae
    assert rows["Cancer 62-day referral to treatment"]["plan"] == "—"  # no plan for it
