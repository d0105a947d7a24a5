"""A server started with ``python -m impact serve`` has the first visit's work done already.

Read from Streamlit's own cache counters (``/_stcore/metrics``: how many times each cached
function of :mod:`impact.ui.data` had to compute), so the tests say whether the first
browser visit found the board, the queries and the figures in the cache, not how fast it
was. A visitor who arrives while warming is still under way must get the same board, with
the extracts read once and the board built once.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from impact import warm
from tests.browser.conftest import assert_rendered, new_page, open_app
from tests.browser.live_app import copy_demo, running_app

pytestmark = pytest.mark.browser

ORG = "XRA05"
_MISSES = re.compile(
    r'^cache_compute_duration_seconds_count\{cache="(?P<cache>impact\.[^"]+)"'
    r'[^}]*trigger="miss"\} (?P<count>[0-9.]+)$',
    re.M,
)


def misses(url: str) -> dict[str, int]:
    """How many times each of the app's cached functions has computed, per function."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode("utf-8")
    return {m["cache"]: int(float(m["count"])) for m in _MISSES.finditer(text)}


def _data(root: Path) -> Path:
    return copy_demo(root / "data")


def _server(tmp_path: Path, **options: object):  # type: ignore[no-untyped-def]
    return running_app(
        _data(tmp_path),
        tmp_path / "cache",
        tmp_path / "server.log",
        extra_env={warm.ORGS_ENV: ORG},
        **options,  # type: ignore[arg-type]
    )


def test_the_first_visit_after_start_up_computes_nothing(browser, tmp_path):  # type: ignore[no-untyped-def]
    with _server(tmp_path) as url:
        warmed = misses(url)
        # The warm-up did the work: the extracts read once, the trust's board built.
        assert warmed["impact.ui.data._store"] == 1
        assert warmed["impact.ui.data._cached_board"] == 1
        assert warmed["impact.ui.data._cached_query"] > 0
        assert "impact-warm warmed" in (tmp_path / "server.log").read_text(encoding="utf-8")

        page = new_page(browser)
        open_app(page, url, org=ORG)
        assert page.get_by_role("heading", name="Board overview").first.is_visible()
        page.context.close()
        # ... so the board member's first visit found every result in the cache.
        assert misses(url) == warmed


def test_a_visit_during_warm_up_gets_the_board_built_once(browser, tmp_path):  # type: ignore[no-untyped-def]
    with _server(tmp_path, wait_warm=False) as url:
        page = new_page(browser)
        open_app(page, url, org=ORG)  # as soon as the server answers: warming is under way
        assert_rendered(page)
        assert page.get_by_role("heading", name="Board overview").first.is_visible()
        page.context.close()
        counts = misses(url)
        assert counts["impact.ui.data._store"] == 1
        assert counts["impact.ui.data._cached_board"] == 1
