"""The league page and the funnel plot in a real browser: drawn, read aloud, axe clean."""

from __future__ import annotations

import pytest

from impact.board.league import LEAGUE_LABEL
from tests.browser.conftest import main_text, open_app, open_chart_sections, screenshot
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

ORG = "XRA05"


def test_the_uec_page_draws_the_funnel_with_its_sentence(page, app_url, page_paths):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths["Urgent & emergency care"], org=ORG)
    open_chart_sections(page, "A&E 4-hour performance (all types)", "A&E attendances (all types)")
    text = main_text(page)
    assert "Funnel plot: A&E 4-hour performance (all types)" in text
    assert "Are we an outlier among the " in text
    assert "A funnel plot does not apply to A&E attendances (all types)" in text
    chart = page.locator(".js-plotly-plot").filter(
        has_text="Funnel plot: A&E 4-hour performance (all types)"
    )
    chart.first.scroll_into_view_if_needed()
    assert chart.first.locator("text", has_text="(selected)").count() >= 1
    legend = chart.first.locator(".legendtext").all_text_contents()
    assert "95% limits" in legend and "99.8% limits" in legend
    screenshot(page, "uec-funnel")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_the_league_page_says_whose_ranking_it_is_and_is_axe_clean(page, app_url, page_paths):  # type: ignore[no-untyped-def]
    assert "Where do we stand?" in page_paths
    open_app(page, app_url, page_paths["Where do we stand?"], org=ORG)
    assert page.get_by_role("heading", level=1, name="Where do we stand?").count() == 1
    text = main_text(page)
    assert LEAGUE_LABEL in text
    assert "Urgent & emergency care: where do we stand?" in text
    assert "Overall: across " in text
    screenshot(page, "league")
    violations = axe_violations(page)
    assert not violations, describe(violations)
