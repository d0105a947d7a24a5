"""The dashboard under load: many board members at once while an analyst drops in a file.

Starts the app on a copy of the demo data, then opens ``--sessions`` browser sessions (each
its own Chromium context, so its own Streamlit session; they open one after another over
the first ``--ramp`` seconds) that for ``--seconds`` switch pages
and change trust in the organisation picker, as board members would. Halfway through, an
analyst drops a new extract (one observation for a month after every other) into the
data folder; the next interaction of every session opens the board overview, whose "data
as at" line must then name that month.

Prints: the p50 and p95 of the page switch and of the trust change as seen in the browser,
the server's time per script run (``IMPACT_TIMING=1``, :mod:`impact.ui.timing`), how many
pages showed an exception, how many tracebacks the server log holds (both must be 0), how
many actions timed out, and how many sessions saw the new file after their next
interaction. The machine's load average is printed before and after.

    python -m bench.load [--sessions 20] [--seconds 120] [--seed 1] [--ramp 10]

Figures depend on the machine and its load: print them, never assert them.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.browser import load_average
from impact import PROJECT_ROOT
from impact.pack.pdf import QUIET_FLAGS, find_chromium
from impact.ui import timing
from tests.browser.conftest import _QUIET, _RUN_COUNTER, VIEWPORT
from tests.browser.live_app import running_app

#: The trusts of one ICB in the demo data: the picker's third level offers each of them.
TRUSTS = ("XRA05", "XRA06", "XRA07")
START_ORG = "XRA05"
#: The dropped extract: one observation a month after the demo's last, so the "data as at"
#: line of every board page changes when the file is seen.
NEW_FILE = "late-extract.csv"
NEW_ROWS = (
    "metric_id,org_code,period_start,value,numerator,denominator\n"
    "rtt_18wk_pct,XRA05,2026-10-01,61.5,,\n"
)
NEW_MONTH_WORDS = "latest period October 2026"
ACTION_TIMEOUT_MS = 180_000
#: Pages that show the "data as at" line, by their navigation titles.
STAMPED_PAGES = ("Board overview", "Elective care")


@dataclass
class Results:
    """What every session measured, pooled."""

    first_loads: list[float] = field(default_factory=list)
    page_switches: list[float] = field(default_factory=list)
    trust_changes: list[float] = field(default_factory=list)
    exceptions: int = 0
    timeouts: int = 0
    saw_new_file: list[bool] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def org_names() -> dict[str, str]:
    import csv

    with (PROJECT_ROOT / "data" / "demo" / "organisations.csv").open(encoding="utf-8") as fh:
        return {row["org_code"]: row["org_name"] for row in csv.DictReader(fh)}


async def _idle(page) -> None:  # type: ignore[no-untyped-def]
    await page.evaluate("() => { window.__impactQuiet = 0; }")
    await page.wait_for_function(_QUIET, polling=100, timeout=ACTION_TIMEOUT_MS)


async def _timed(page, action) -> float:  # type: ignore[no-untyped-def]
    """Seconds from ``action`` until the rerun it started has finished drawing."""
    before = await page.evaluate("() => window.__impactRuns || 0")
    start = time.perf_counter()
    await action()
    await page.wait_for_function(
        "n => (window.__impactRuns || 0) > n", arg=before, polling=100, timeout=ACTION_TIMEOUT_MS
    )
    await _idle(page)
    return time.perf_counter() - start


async def _exceptions(page) -> int:  # type: ignore[no-untyped-def]
    return await page.get_by_test_id("stException").count()


class Session:
    """One board member: a browser context of its own, switching pages and trusts."""

    def __init__(self, number: int, context, url: str, results: Results, seed: int) -> None:  # type: ignore[no-untyped-def]
        self.number = number
        self.context = context
        self.url = url
        self.results = results
        self.rng = random.Random(seed * 1000 + number)
        self.names = org_names()
        self.checked_new_file = False

    async def run(self, deadline: float, dropped: asyncio.Event, delay: float) -> None:
        await asyncio.sleep(delay)  # board members arrive over the first seconds, not at once
        page = await self.context.new_page()
        page.set_default_timeout(ACTION_TIMEOUT_MS)
        start = time.perf_counter()
        try:
            await page.goto(f"{self.url}/?org={START_ORG}")
            await _idle(page)
        except Exception as error:  # noqa: BLE001 - a first load that never ends is a figure
            self._failed("first load", error)
            await page.close()
            return
        self.results.first_loads.append(time.perf_counter() - start)
        nav = page.get_by_test_id("stSidebarNav")
        links = await nav.get_by_role("link").all_inner_texts()
        titles = [text.splitlines()[-1].strip() for text in links]
        while time.perf_counter() < deadline:
            try:
                if dropped.is_set() and not self.checked_new_file:
                    await self._check_new_file(page, nav, titles)
                elif self.rng.random() < 0.75:
                    title = self.rng.choice(titles)
                    link = nav.get_by_role("link", name=title, exact=True)
                    self.results.page_switches.append(await _timed(page, link.click))
                else:
                    await self._change_trust(page)
                self.results.exceptions += await _exceptions(page)
            except Exception as error:  # noqa: BLE001 - a timeout or a closed page is a figure
                self._failed("an action", error)
                try:
                    await page.goto(f"{self.url}/?org={START_ORG}")
                    await _idle(page)
                except Exception as again:  # noqa: BLE001
                    self._failed("reopening the app", again)
                    break
        if dropped.is_set() and not self.checked_new_file:
            try:
                await self._check_new_file(page, nav, titles)
            except Exception as error:  # noqa: BLE001
                self._failed("the check for the new file", error)
        await page.close()

    def _failed(self, what: str, error: Exception) -> None:
        self.results.timeouts += 1
        self.results.failures.append(f"session {self.number}, {what}: {type(error).__name__}")

    async def _change_trust(self, page) -> None:  # type: ignore[no-untyped-def]
        """Pick another trust of the same ICB in the sidebar's organisation picker."""
        picker = page.get_by_test_id("stSidebar").get_by_role("combobox").nth(2)
        current = await picker.input_value() if await picker.count() else ""
        choices = [code for code in TRUSTS if self.names[code] != current]
        code = self.rng.choice(choices)
        await picker.click()
        option = page.get_by_role("option", name=self.names[code], exact=True)
        self.results.trust_changes.append(await _timed(page, option.click))

    async def _check_new_file(self, page, nav, titles: list[str]) -> None:  # type: ignore[no-untyped-def]
        """The first interaction after the drop opens a board page: it must name the new month.

        The overview, or the elective page when the overview is already on screen (every
        board page shows the "data as at" line).
        """
        on_overview = urlparse(page.url).path.strip("/") == ""
        title = STAMPED_PAGES[1] if on_overview else STAMPED_PAGES[0]
        link = nav.get_by_role("link", name=title, exact=True)
        self.results.page_switches.append(await _timed(page, link.click))
        text = await page.get_by_test_id("stMain").inner_text()
        self.results.saw_new_file.append(NEW_MONTH_WORDS in text)
        self.checked_new_file = True


async def _drop_new_file(data: Path, when: float, dropped: asyncio.Event) -> None:
    await asyncio.sleep(max(0.0, when - time.perf_counter()))
    staged = data / f".{NEW_FILE}.part"
    staged.write_text(NEW_ROWS, encoding="utf-8")
    staged.rename(data / NEW_FILE)  # whole, at once, as an analyst's copy would land
    dropped.set()
    print(f"  new extract dropped at {time.strftime('%H:%M:%S')} ({load_average()})")


async def drive(
    url: str, data: Path, sessions: int, seconds: float, seed: int, ramp: float
) -> Results:
    from playwright.async_api import async_playwright

    results = Results()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
        )
        contexts = []
        for _ in range(sessions):
            context = await browser.new_context(viewport=VIEWPORT)
            await context.add_init_script(_RUN_COUNTER)
            contexts.append(context)
        start = time.perf_counter()
        deadline = start + seconds
        dropped = asyncio.Event()
        workers = [
            Session(i, context, url, results, seed).run(deadline, dropped, i * ramp / sessions)
            for i, context in enumerate(contexts)
        ]
        await asyncio.gather(_drop_new_file(data, start + seconds / 2, dropped), *workers)
        await browser.close()
    return results


def _percentiles(values: list[float]) -> str:
    if not values:
        return "none measured"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.2f} s, p95 {p95:.2f} s (n={len(ordered)})"


def report(results: Results, log_text: str, sessions: int, seconds: float) -> None:
    reruns = [s for _, s in timing.read_times(log_text)]
    tracebacks = log_text.count("Traceback (most recent call last)")
    seen = sum(results.saw_new_file)
    print(f"{sessions} sessions for {seconds:.0f} s")
    print(f"  first load:        {_percentiles(results.first_loads)}")
    print(f"  page switch:       {_percentiles(results.page_switches)}")
    print(f"  trust change:      {_percentiles(results.trust_changes)}")
    print(f"  server per rerun:  {_percentiles(reruns)}")
    print(f"  pages showing an exception: {results.exceptions}")
    print(f"  tracebacks in the server log: {tracebacks}")
    if tracebacks:
        first = log_text.index("Traceback (most recent call last)")
        print("    the first:\n      " + "\n      ".join(log_text[first:].splitlines()[:25]))
    waited = ACTION_TIMEOUT_MS // 1000
    print(f"  actions that timed out (after {waited} s) or failed: {results.timeouts}")
    for failure in results.failures[:10]:
        print(f"    {failure}")
    loaded = len(results.first_loads)
    print(f"  sessions whose first load finished: {loaded} of {sessions}")
    print(
        f"  sessions that saw the new file after their next interaction: {seen} of "
        f"{len(results.saw_new_file)} that interacted after the drop"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds over which the sessions open"
    )
    args = parser.parse_args()
    print(f"before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        data.mkdir()
        for extract in sorted((PROJECT_ROOT / "data" / "demo").glob("*.csv")):
            shutil.copy2(extract, data / extract.name)
        (root / "cache").mkdir()
        log_path = root / "streamlit.log"
        env = {timing.ENV: "1"}
        with running_app(data, root / "cache", log_path, extra_env=env) as url:
            results = asyncio.run(
                drive(url, data, args.sessions, args.seconds, args.seed, args.ramp)
            )
        report(
            results,
            log_path.read_text(encoding="utf-8", errors="replace"),
            args.sessions,
            args.seconds,
        )
    print(f"after: {load_average()}")


if __name__ == "__main__":
    main()
