"""A plan beside a real trust's published A&E figures, in a real browser: the plan line in
the metric detail chart's legend and the plan sentence, from the A&E files as downloaded,
the ODS trust list and one plans extract. Skipped where the shared reference data is
absent, failing under CI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pandas as pd
import pytest

from tests.browser.conftest import main_text, open_app
from tests.browser.live_app import running_app
from tests.conftest import shared_path

pytestmark = pytest.mark.browser

TRUST = "RH5"  # Somerset NHS Foundation Trust
PLANNED = 76.0


@pytest.fixture(scope="module")
def plan_app(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    ae = shared_path("data", "nhs-england", "ae-monthly-2024-25")
    ods = shared_path("data", "ods", "trusts_etr_2026-01.csv")
    folder = tmp_path_factory.mktemp("published-plan-browser")
    shutil.copytree(ae, folder / "ae")
    shutil.copy2(ods, folder / ods.name)
    months = pd.date_range("2024-04-01", "2025-12-01", freq="MS")
    (folder / "operating plan.csv").write_text(
        "metric_id,org_code,period_start,planned_value,plan_name,submitted\n"
        + "".join(
            f"ae_4hr_all,{TRUST},{m:%Y-%m-%d},{PLANNED},2024/25 operating plan,2024-03-28\n"
            for m in months
        ),
        encoding="utf-8",
    )
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
