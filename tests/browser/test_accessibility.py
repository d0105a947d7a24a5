"""Accessibility in the real browser: axe-core on every page, labelled icons, visible pages.

axe-core comes inside ``axe-playwright-python`` (nothing is downloaded at test time). A
board paper's reader may use a screen reader or a keyboard, and a meeting-room screen is
read from across the room, so serious and critical findings fail the test. Each page's
screenshot is saved under ``test-artifacts/`` from the same visit, and the overview's
doubles as the README screenshot when ``IMPACT_UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    README_SCREENSHOTS,
    UPDATE_SCREENSHOTS,
    main_text,
    open_app,
    screenshot,
)

pytestmark = pytest.mark.browser

#: Every page in the navigation (visible title), with the trust or ICB it is checked for:
#: primary care is reported by ICBs and primary care networks, the rest by trusts.
PAGES = {
    "Board overview": "XRA05",
    "Elective care": "XRA05",
    "Urgent & emergency care": "XRA05",
    "Primary care": "XQA",
    "Metric detail": "XRA05",
    "Improvement activity": "XRA03",
    "NHS IMPACT capability": "XRA03",
    "Meeting mode": "XRA05",
    "Board question log": "XRA05",
    "Data": "XRA05",
}
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Serious and critical axe-core violations on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """Each violation with the elements and axe's own explanation, for the failure message."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " | ")
            lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def test_the_navigation_lists_every_page(page_paths):  # type: ignore[no-untyped-def]
    missing = [title for title in PAGES if title not in page_paths]
    assert not missing, f"not in the navigation: {missing}; navigation has {list(page_paths)}"


@pytest.mark.parametrize("title", list(PAGES))
def test_page_has_no_serious_accessibility_violations(page, app_url, page_paths, title):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[title], org=PAGES[title])
    assert page.get_by_role("heading", level=1).count() >= 1, f"{title} has no page heading"
    violations = axe_violations(page)
    if title == "Board overview":
        # The README shows the first screenful a board member sees.
        readme = README_SCREENSHOTS / "overview.png" if UPDATE_SCREENSHOTS else None
        screenshot(page, "overview-first-screen", to=readme, whole=False)
    shot = screenshot(page, f"page-{slug(title)}")
    assert not violations, f"{title} (screenshot {shot}):\n{describe(violations)}"


def test_icons_carry_their_meaning_in_words(page, app_url):  # type: ignore[no-untyped-def]
    """An SPC icon is never the only carrier of meaning: each has a caption beside it."""
    open_app(page, app_url, org=PAGES["Board overview"])
    figures = page.locator(".icon-pair figure")
    count = figures.count()
    assert count >= 6, f"expected a variation and an assurance icon per metric, saw {count}"
    kinds = {"Variation": 0, "Assurance": 0}
    for i in range(count):
        figure = figures.nth(i)
        caption = figure.locator("figcaption").inner_text().strip()
        kind, _, words = caption.partition(":")
        assert kind in kinds and len(words.strip()) > 3, f"icon without words: {caption!r}"
        kinds[kind] += 1
        for image in figure.locator("img").all():
            # Decorative (the caption says it) or described: never an unlabelled image.
            assert image.get_attribute("alt") is not None
    assert kinds["Variation"] == kinds["Assurance"], kinds
    assert "Variation:" in main_text(page) and "Assurance:" in main_text(page)
