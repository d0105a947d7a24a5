"""Nothing leaves the building: no page makes the browser call a host other than the app's.

Many NHS networks block outside font and icon servers, and every such request tells a
third party that someone opened the board's dashboard. Every request of every page (and
of its sidebar, icons, fonts and charts) is recorded, outside ones are refused before they
leave the machine, and the test fails naming them. The page's own resource links (the
favicon above all, which a headless browser may not fetch) are checked too.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import new_page, open_app

pytestmark = pytest.mark.browser

#: Every URL a page names in its head and body: icons, style sheets, scripts, images.
_RESOURCE_LINKS = """
() => [...document.querySelectorAll('link[href], script[src], img[src], iframe[src]')]
  .map(e => e.href || e.src)
"""


def _own(url: str, app_host: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.netloc == app_host


def _guard(seen: list[str], app_host: str):  # type: ignore[no-untyped-def]
    """A route handler recording each request, letting only the app's own through."""

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        seen.append(route.request.url)
        if _own(route.request.url, app_host):
            route.continue_()
        else:
            route.abort()  # recorded, never sent

    return handle


def test_every_page_calls_only_the_app_itself(browser, app_url: str, page_paths) -> None:
    app_host = urlparse(app_url).netloc
    outside: dict[str, set[str]] = {}
    requests_seen = 0
    for title, path in [("(start)", ""), *page_paths.items()]:
        page = new_page(browser)
        seen: list[str] = []

        page.context.route("**/*", _guard(seen, app_host))
        page.context.on("websocket", lambda ws, seen=seen: seen.append(ws.url))
        try:
            open_app(page, app_url, path)
            page.wait_for_load_state("networkidle")
            seen += page.evaluate(_RESOURCE_LINKS)
        finally:
            page.context.close()
        requests_seen += len(seen)
        bad = {url for url in seen if not _own(url.replace("ws://", "http://", 1), app_host)}
        if bad:
            outside[title] = bad
    assert requests_seen > 10 * (len(page_paths) + 1)  # the recorder saw the app load
    assert outside == {}, f"requests to hosts other than {app_host}: {outside}"


def test_the_page_icon_is_the_app_s_own_file(page, app_url: str) -> None:
    open_app(page, app_url)
    icons = page.evaluate(
        "() => [...document.querySelectorAll('link[rel~=icon]')].map(e => e.href)"
    )
    assert icons, "the page names no icon"
    app_host = urlparse(app_url).netloc
    assert all(urlparse(u).netloc == app_host for u in icons), icons
    response = page.request.get(icons[0])
    assert response.ok and response.headers["content-type"].startswith("image/png")
