"""The overview's first screen in Chromium: the summary matrix above the fold, names that open.

Screenshots of the first screen (overview and meeting mode's summary step) at 1440 × 900
and 1920 × 1080 go to ``test-artifacts/`` for the change note.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import assert_rendered, open_app, screenshot, wait_for_app

pytestmark = pytest.mark.browser

ORG = "XRA05"
SCREENS = ({"width": 1440, "height": 900}, {"width": 1920, "height": 1080})


def test_the_matrix_is_above_the_fold_and_its_names_open_the_detail(page, app_url):  # type: ignore[no-untyped-def]
    page.set_viewport_size(SCREENS[0])
    open_app(page, app_url, org=ORG)
    matrix = page.locator("table.ipr-matrix")
    box = matrix.bounding_box()
    assert box and box["y"] + box["height"] <= SCREENS[0]["height"], box
    counts = [
        int(c) for c in matrix.locator("td").evaluate_all("cs => cs.map(c => c.dataset.count)")
    ]
    names = matrix.locator("a[data-metric]")
    assert sum(counts) == names.count() > 0
    assert page.get_by_role(
        "heading", name="Questions the board may wish to ask"
    ).first.is_visible()
    link = names.first
    metric = link.get_attribute("data-metric")
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url("**/metric-detail?**")
    wait_for_app(page)
    assert_rendered(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["metric"] == [metric] and query["org"] == [ORG]
    assert name in page.get_by_test_id("stMain").inner_text()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s['width']}x{s['height']}")
def test_first_screen_screenshots(page, app_url, page_paths, screen):  # type: ignore[no-untyped-def]
    page.set_viewport_size(screen)
    size = f"{screen['width']}x{screen['height']}"
    open_app(page, app_url, org=ORG)
    assert page.locator("table.ipr-matrix").is_visible()
    screenshot(page, f"first-screen-overview-{size}", whole=False)
    open_app(page, app_url, page_paths["Meeting mode"], org=ORG, meeting="1")
    assert page.locator("table.ipr-matrix").is_visible()
    screenshot(page, f"first-screen-meeting-{size}", whole=False)
