"""A plan beside a real trust's published A&E figures, in a real browser: the plan line in
the metric detail chart's legend and the plan sentence, from the A&E files as downloaded,
the ODS trust list and one plans extract. Skipped where the shared reference data is
absent, failing under CI."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import main_text, open_app
from tests.browser.live_app import running_app
from tests.ui.test_published_plans import PLANNED, TRUST, write_plan_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def plan_app(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    folder = write_plan_folder(tmp_path_factory.mktemp("published-plan-browser"))
    cache = tmp_path_factory.mktemp("published-plan-cache")
    log_path = tmp_path_factory.mktemp("published-plan-log") / "streamlit.log"
    with running_app(folder, cache, log_path) as url:
        yield url


def test_a_real_trusts_chart_draws_its_plan_line_and_sentence(page, plan_app):  # type: ignore[no-untyped-def]
    open_app(page, plan_app, "metric-detail", org=TRUST, metric="ae_4hr_all")
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    legend = chart.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert "Plan" in legend and "Target" in legend, legend
    plan_y = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        const t = gd.data.find(t => t.name === 'Plan');
        return t ? Array.from(t.y).filter(v => v !== null) : null; }"""
    )
    assert plan_y and set(plan_y) == {PLANNED}, plan_y
    text = main_text(page)
    assert "Plan: 2024/25 operating plan" in text, text[:2000]
    assert f"planned {PLANNED:.1f}%" in text, text[:2000]
