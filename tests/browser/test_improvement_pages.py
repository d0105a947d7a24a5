"""Improvement activity and NHS IMPACT capability in the real browser, with screenshots.

Checks that each page renders for a trust with projects and assessments, answers its
board questions under visible headings, and follows the organisation filter in the URL.
The expected project titles are read from the demo extracts the server was given.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.browser.conftest import main_text, open_app, screenshot

pytestmark = pytest.mark.browser

IMPROVEMENT = "Improvement activity"
CAPABILITY = "NHS IMPACT capability"


def project_titles(data_dir: Path, org_code: str) -> set[str]:
    with (data_dir / "projects.csv").open(newline="", encoding="utf-8") as handle:
        return {row["title"] for row in csv.DictReader(handle) if row["org_code"] == org_code}


def assert_headings(page, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        found = page.get_by_role("heading", name=name, exact=True)
        assert found.count() >= 1, f"no heading {name!r} on {page.url}"


@pytest.mark.parametrize("org_code", ["XRA03", "XRA05"])
def test_improvement_page_shows_that_organisations_projects(
    page, app_url, page_paths, data_copy, org_code
):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[IMPROVEMENT], org=org_code)
    assert_headings(
        page,
        IMPROVEMENT,
        "What improvement work is under way?",
        "Is it working?",
        "Is our effort aimed at our biggest gaps?",
    )
    text = main_text(page)
    assert f"({org_code})" in text
    titles = project_titles(data_copy, org_code)
    assert titles, f"the demo data has no projects for {org_code}"
    picker = page.get_by_role("combobox", name="Project to look at", exact=True)
    shown = picker.input_value()
    assert any(shown.startswith(t) for t in titles), f"{shown!r} is not one of {titles}"
    others = project_titles(data_copy, "XRA05" if org_code == "XRA03" else "XRA03")
    assert not any(shown.startswith(t) for t in others - titles)
    screenshot(page, f"improvement-{org_code}")


def test_capability_page_shows_components_and_capacity(page, app_url, page_paths):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[CAPABILITY], org="XRA03")
    assert_headings(
        page,
        CAPABILITY,
        "Where do we stand on the five NHS IMPACT components?",
        "Are we building improvement capability and capacity?",
        "Questions the board may wish to ask",
    )
    text = main_text(page)
    assert "(XRA03)" in text and "Latest self-assessment:" in text
    screenshot(page, "capability-XRA03")
