"""How long the board waits, measured in the system Chromium on the demo data.

Prints: the cold first load of the overview, the warm switch to each page (median and max
over a few rounds), a trust change and a period change on the overview. Each figure is the
time from the navigation or click to the app reporting ``data-test-script-state=
"notRunning"`` with no skeleton placeholder left (the browser tests' own wait), so it is
what a board member sees, including the server's rerun. Streamlit logs no rerun times, so
the rerun's server share is not separated out here.

    python -m bench.browser [--rounds 3]

Figures depend on the machine and its load: print them, never assert them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from impact import PROJECT_ROOT
from impact.pack.pdf import QUIET_FLAGS, find_chromium
from tests.browser.conftest import _QUIET, _RUN_COUNTER, VIEWPORT
from tests.browser.live_app import running_app

ORG, OTHER_ORG = "XRA05", "XRA07"


def _idle(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("() => { window.__impactQuiet = 0; }")
    page.wait_for_function(_QUIET, polling=50, timeout=120_000)


def _timed(page, action) -> float:  # type: ignore[no-untyped-def]
    """Seconds from ``action`` until the rerun it started has finished."""
    before = page.evaluate("() => window.__impactRuns || 0")
    start = time.perf_counter()
    action()
    page.wait_for_function("n => (window.__impactRuns || 0) > n", arg=before, polling=50)
    _idle(page)
    return time.perf_counter() - start


def _nav_links(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    nav = page.get_by_test_id("stSidebarNav")
    links = nav.get_by_role("link")
    return {
        links.nth(i).inner_text().splitlines()[-1].strip(): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }


def measure(url: str, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
        )
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(_RUN_COUNTER)
        page = context.new_page()
        page.set_default_timeout(120_000)
        start = time.perf_counter()
        page.goto(f"{url}/?org={ORG}")
        _idle(page)
        print(f"cold first load (overview): {time.perf_counter() - start:.2f} s")

        titles = list(_nav_links(page))
        nav = page.get_by_test_id("stSidebarNav")
        switches: dict[str, list[float]] = {t: [] for t in titles}
        for _ in range(rounds + 1):  # the first round warms each page's caches
            for title in titles:
                link = nav.get_by_role("link", name=title, exact=True)
                switches[title].append(_timed(page, link.click))
        print("warm page switch (median / max over rounds, first round left out):")
        for title, times in switches.items():
            warm = times[1:]
            print(f"  {title:32s} {statistics.median(warm):6.2f} s / {max(warm):6.2f} s")

        nav.get_by_role("link", name=titles[0], exact=True).click()
        _idle(page)
        for org, label in ((OTHER_ORG, "trust change"), (ORG, "trust change back")):
            start = time.perf_counter()
            page.goto(f"{url}/?org={org}")
            _idle(page)
            elapsed = time.perf_counter() - start
            print(f"{label} (new URL, new session): {elapsed:.2f} s")
        box = page.get_by_role("combobox", name="From month", exact=True)
        box.click()
        option = page.get_by_role("option").nth(3)
        print(f"period change (From month): {_timed(page, option.click):.2f} s")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        data.mkdir()
        for extract in sorted((PROJECT_ROOT / "data" / "demo").glob("*.csv")):
            shutil.copy2(extract, data / extract.name)
        (root / "cache").mkdir()
        with running_app(data, root / "cache", root / "streamlit.log") as url:
            measure(url, args.rounds)


if __name__ == "__main__":
    main()
