"""Real-browser fixtures: a live server of the app (as deployed) and headless Debian Chromium.

The server runs once per test session on a free loopback port against a temporary copy of
the demo data (so uploads and the question log never touch the repository), and the
browser is the system Chromium driven by Playwright (never a downloaded browser build).

Tests wait for *states*, not for time: a Streamlit page shows skeleton placeholders until
its first script run ends, and every widget change starts a rerun, so helpers here wait
until the app root reports ``data-test-script-state="notRunning"`` with no skeleton left,
and :func:`rerun_after` waits for the rerun an interaction started to finish (counted by
a small observer injected into every page).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from impact import PROJECT_ROOT
from impact.pack.pdf import QUIET_FLAGS, ChromiumNotFound, find_chromium
from tests.browser.live_app import copy_demo, running_app

#: Screenshots land here; git ignores the folder.
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
#: Where the README's screenshot of the overview lives (rewritten only on request).
README_SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
UPDATE_SCREENSHOTS = os.environ.get("IMPACT_UPDATE_SCREENSHOTS") == "1"
VIEWPORT = {"width": 1600, "height": 1000}

#: Text that means a page did not render fully: Streamlit's own error banners, and the
#: DuckDB error seen when one connection is shared by concurrent sessions.
BROKEN_TEXT = re.compile(r"connection is busy|Traceback \(most recent call last\)", re.I)

#: Counts finished script runs: every change of the app root's script state to
#: ``notRunning`` increments ``window.__impactRuns``. Installed before any page script.
_RUN_COUNTER = """
(() => {
  window.__impactRuns = 0;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const now = r.target.getAttribute('data-test-script-state');
      if (now === 'notRunning' && r.oldValue !== 'notRunning') window.__impactRuns += 1;
    }
  });
  observer.observe(document, {
    subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
})();
"""

#: True once the app has been idle (script not running, no skeleton) on two polls in a row,
#: so a rerun that starts straight after the first run (URL written back) is waited for too.
_QUIET = """
() => {
  const app = document.querySelector('[data-test-script-state]');
  const idle = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"]');
  window.__impactQuiet = idle ? (window.__impactQuiet || 0) + 1 : 0;
  return window.__impactQuiet >= 2;
}
"""


#: Streamlit's table toolbar saves "Download as CSV" through the File System Access API
#: when the browser offers it (a save dialog headless Chromium cannot answer); without it
#: the same button falls back to an ordinary download, which Playwright can catch.
_PLAIN_DOWNLOADS = "delete window.showSaveFilePicker; window.showSaveFilePicker = undefined;"


class PagePaths(dict[str, str]):
    """Navigation title → URL path; asking for a page the navigation lacks fails the test."""

    def __missing__(self, title: str) -> str:
        pytest.fail(f"{title!r} is not in the navigation, which lists {list(self)}")


@pytest.fixture(scope="package")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable data folder holding the demo extracts as an analyst's own files.

    The files sit directly in the folder rather than in a ``demo/`` subfolder: the demo
    folder is only read while no other CSV is present, so an upload test would otherwise
    switch the whole session's server away from the demo organisations.
    """
    return copy_demo(tmp_path_factory.mktemp("browser-data"))


@pytest.fixture(scope="package")
def app_url(data_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app (``python -m impact serve``) on a free loopback port; yield its base URL
    once it has warmed."""
    cache = tmp_path_factory.mktemp("browser-cache")
    log_path = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with running_app(data_copy, cache, log_path) as url:
        yield url


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """Headless system Chromium through Playwright; skipped when Chromium is absent.

    Package-scoped (as are the server fixtures) so Playwright's event loop is closed when
    the browser tests end: a sync Playwright left running would refuse to start again in a
    later test outside this folder (the PDF pack test opens its own).
    """
    try:
        chromium = find_chromium()
    except ChromiumNotFound as missing:
        pytest.skip(f"{missing} (install Debian's chromium package)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True, args=list(QUIET_FLAGS)
        )
        yield browser
        browser.close()


def new_page(browser):  # type: ignore[no-untyped-def]
    """A page in a fresh context: its own cookies, so its own Streamlit session."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.add_init_script(_RUN_COUNTER)
    context.add_init_script(_PLAIN_DOWNLOADS)
    page = context.new_page()
    page.set_default_timeout(45_000)
    return page


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh page in its own context (its own Streamlit session), 1600×1000."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="package")
def page_paths(browser, app_url: str) -> PagePaths:  # type: ignore[no-untyped-def]
    """Each navigation entry's visible title → its URL path, read from the live sidebar.

    Tests open pages by the title a board member sees, so a renamed ``url_path`` does not
    break them, and a page missing from the navigation fails with its title in the message.
    """
    page = new_page(browser)
    try:
        open_app(page, app_url)
        nav = page.get_by_test_id("stSidebarNav")
        more = nav.get_by_role("button", name=re.compile(r"View \d+ more|View more", re.I))
        if more.count():
            more.first.click()
        links = nav.get_by_role("link")
        paths = PagePaths()
        for i in range(links.count()):
            link = links.nth(i)
            href = link.get_attribute("href") or ""
            path = href.split("://", 1)[-1].split("/", 1)[-1] if "://" in href else href
            paths[link.inner_text().splitlines()[-1].strip()] = path.lstrip("/")
        return paths
    finally:
        page.context.close()


def wait_for_app(page) -> None:  # type: ignore[no-untyped-def]
    """Block until the script run finished and no skeleton placeholder remains."""
    page.evaluate("() => { window.__impactQuiet = 0; }")
    page.wait_for_function(_QUIET, polling=100)


def runs(page) -> int:  # type: ignore[no-untyped-def]
    """How many script runs this page has seen finish."""
    return int(page.evaluate("() => window.__impactRuns || 0"))


def rerun_after(page, action: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """Do ``action`` (a widget interaction), then wait for the rerun it caused to finish."""
    before = runs(page)
    action()
    page.wait_for_function("n => (window.__impactRuns || 0) > n", arg=before, polling=100)
    wait_for_app(page)


def assert_rendered(page) -> None:  # type: ignore[no-untyped-def]
    """The page finished without a Streamlit exception banner or a DuckDB 'busy' error."""
    exceptions = page.get_by_test_id("stException")
    if exceptions.count():
        raise AssertionError("the page shows an exception:\n" + exceptions.first.inner_text())
    text = page.get_by_test_id("stMain").inner_text()
    found = BROKEN_TEXT.search(text)
    assert not found, f"the page shows {found.group(0)!r}:\n{text[:2000]}"


def open_app(page, app_url: str, path: str = "", **params: str) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` (with query parameters), wait for the run and check it rendered."""
    query = f"?{urlencode(params)}" if params else ""
    page.goto(f"{app_url}/{path}{query}")
    wait_for_app(page)
    assert_rendered(page)


def choose_option(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``option`` in the select box labelled ``label`` with the mouse; wait the rerun."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    rerun_after(page, lambda: page.get_by_role("option", name=option, exact=True).click())


def table_rows(page, table) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The rows of an ``st.dataframe`` exactly as shown, via its own "Download as CSV".

    The table is drawn on a canvas, so its cells are not in the page's text; the table's
    toolbar exports what it displays, which is what a board member or analyst sees.
    """
    table.scroll_into_view_if_needed()
    table.hover()
    button = table.get_by_role("button", name="Download as CSV")
    with page.expect_download() as info:
        # The toolbar sits over the canvas; a synthetic click avoids pointer hit-testing.
        button.dispatch_event("click")
    text = info.value.path().read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def main_text(page) -> str:  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMain").inner_text()


def screenshot(page, name: str, *, to: Path | None = None, whole: bool = True) -> Path:  # type: ignore[no-untyped-def]
    """Save a screenshot (``test-artifacts/<name>.png`` unless ``to`` is given).

    ``whole`` captures the whole page: Streamlit scrolls inside its own container, so
    Playwright's ``full_page`` alone sees only the viewport, and the viewport is stretched
    to the content's height for the shot instead. Otherwise the first screenful is saved.
    """
    path = to or ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not whole:
        page.screenshot(path=str(path), animations="disabled")
        return path
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
            '[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main')]
            .map(e => e.scrollHeight), window.innerHeight)"""
    )
    size = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 12_000)})
    try:
        wait_for_app(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(size)
    return path


def open_chart_sections(page, *names: str) -> None:  # type: ignore[no-untyped-def]
    """Open the priority page's "Charts for …" sections (only these, or every one), as a
    reader clicks them: each section draws its charts only while open."""
    wanted = names or None
    while True:
        closed = page.locator("[data-testid='stExpander'] details:not([open]) > summary").filter(
            has_text="Charts for "
        )
        targets = [
            s
            for s in closed.all()
            if wanted is None or any(f"Charts for {n}:" in s.inner_text() for n in wanted)
        ]
        if not targets:
            return
        target = targets[0]
        target.scroll_into_view_if_needed()
        rerun_after(page, target.click)
