"""The dashboard under load: many board members at once while an analyst drops in a file.

Starts the app on a copy of the demo data and opens ``--sessions`` sessions (they open one
after another over the first ``--ramp`` seconds) that for ``--seconds`` do what board
members do, with a think time of ``--think-min`` to ``--think-max`` seconds between
actions. Halfway through, an analyst drops a new extract (one observation for a month after
every other) into the data folder; the next interaction of every session opens a board
page, whose "data as at" line must then name that month.

Two kinds of session, and so two modes:

- **Default (``--browsers 1``): the server under 20 members, as in a meeting.** Each
  member's browser runs on their own device and only the server is shared, so ``N - 1``
  sessions are protocol clients (:mod:`bench.streamlit_client`) that speak Streamlit's own
  websocket protocol and draw nothing: they switch pages (75 % of actions) and open
  another trust by its link ``?org=…`` (a fresh page load, so a new session), and rerun the
  live pick-up fragment when its timer is due, as a browser would. Their figure is the
  time from the rerun request to ``script_finished``: the server's answer plus the
  loopback, with no drawing. The last session to open is one real Chromium tab, as a
  member would see it: its page switch and its trust change in the sidebar's
  organisation picker, from the click to the page drawn and idle, are the headline
  figures. The Chromium tab shares the machine's cores with the server, which a member's
  own device would not.
- **``--browsers N`` (N = ``--sessions``): every session a real Chromium tab** on the
  server's machine (the mode this script had first). It measures the server *and* N
  browsers drawing pages on the same cores; on a small machine the browsers are most of
  the load, so its figures are the machine's, not the server's.

Any mix works: ``--browsers B`` makes the last B sessions Chromium tabs, the rest protocol
clients (``--browsers 0`` leaves only protocol clients).

Prints, for each kind of session: the p50 and p95 of the first load, of the page switch and
of the trust change (picker in the browser, link for the protocol clients), how many pages
showed an exception, how many actions timed out or failed, and how many sessions saw the
new file after their next interaction (the protocol clients check the "data as at" text
they received). For the server: its time per script run (``IMPACT_TIMING=1``,
:mod:`impact.ui.timing`) and how many tracebacks its log holds (both counts must be 0).
The machine's load average is printed before, at the drop, at its highest during the run
and after.

    python -m bench.load [--sessions 20] [--browsers 1] [--seconds 120] [--seed 1]
                         [--ramp 10] [--think-min 2] [--think-max 6]

``--browsers 20 --think-min 0 --think-max 0`` repeats the first all-browser runs (no think
time). Figures depend on the machine and its load: print them, never assert them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.browser import load_average
from bench.streamlit_client import Page, StreamlitSession
from impact import PROJECT_ROOT
from impact.pack.pdf import QUIET_FLAGS, find_chromium
from impact.ui import timing
from tests.browser.conftest import _QUIET, _RUN_COUNTER, VIEWPORT
from tests.browser.live_app import copy_demo, running_app

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
    #: Protocol clients only: the live pick-up fragment's timed reruns.
    fragment_runs: list[float] = field(default_factory=list)
    sessions: int = 0


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

    def __init__(  # type: ignore[no-untyped-def]
        self,
        number: int,
        context,
        url: str,
        results: Results,
        seed: int,
        think: tuple[float, float],
    ) -> None:
        self.number = number
        self.think = think
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
            await asyncio.sleep(self.rng.uniform(*self.think))
            if time.perf_counter() >= deadline:
                break
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


class ProtocolSession:
    """One board member whose browser is elsewhere: the websocket protocol, nothing drawn."""

    def __init__(
        self, number: int, url: str, results: Results, seed: int, think: tuple[float, float]
    ) -> None:
        self.number = number
        self.client = StreamlitSession(url, timeout=ACTION_TIMEOUT_MS / 1000)
        self.results = results
        self.think = think
        self.rng = random.Random(seed * 1000 + number)
        self.checked_new_file = False
        self.org = START_ORG
        self.fragment_due: dict[str, float] = {}

    async def run(self, deadline: float, dropped: asyncio.Event, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            first = await self._open("", START_ORG)
        except Exception as error:  # noqa: BLE001 - a first load that never ends is a figure
            self._failed("first load", error)
            await self.client.close()
            return
        self.results.first_loads.append(first)
        while time.perf_counter() < deadline:
            await self._think(deadline)
            if time.perf_counter() >= deadline:
                break
            try:
                if dropped.is_set() and not self.checked_new_file:
                    await self._check_new_file()
                elif self.rng.random() < 0.75:
                    others = [p for p in self.client.pages if p != self.client.current_page]
                    result = await self.client.switch_page(self.rng.choice(others))
                    self._count(result)
                    self.results.page_switches.append(result.seconds)
                else:
                    code = self.rng.choice([c for c in TRUSTS if c != self.org])
                    page = self.client.current_page
                    self.results.trust_changes.append(
                        await self._open(page.url_path if page else "", code)
                    )
            except Exception as error:  # noqa: BLE001 - a timeout or a dropped socket is a figure
                self._failed("an action", error)
                try:
                    await self._open("", START_ORG)
                except Exception as again:  # noqa: BLE001
                    self._failed("reopening the app", again)
                    break
        if dropped.is_set() and not self.checked_new_file:
            try:
                await self._check_new_file()
            except Exception as error:  # noqa: BLE001
                self._failed("the check for the new file", error)
        await self.client.close()

    async def _open(self, path: str, code: str) -> float:
        result = await self.client.open(path, f"org={code}")
        self._count(result)
        self.org = code
        now = time.perf_counter()
        self.fragment_due = {f: now + every for f, every in self.client.auto_reruns.items()}
        return result.seconds

    async def _think(self, deadline: float) -> None:
        """Wait the think time; rerun the live pick-up fragment whenever its timer is due."""
        until = min(deadline, time.perf_counter() + self.rng.uniform(*self.think))
        while (now := time.perf_counter()) < until:
            due = min(self.fragment_due.items(), key=lambda kv: kv[1], default=None)
            if due is None or due[1] > until:
                await asyncio.sleep(until - now)
                return
            await asyncio.sleep(max(0.0, due[1] - now))
            result = await self.client.rerun_fragment(due[0])
            self._count(result)
            self.results.fragment_runs.append(result.seconds)
            self.fragment_due[due[0]] = time.perf_counter() + self.client.auto_reruns[due[0]]

    def _count(self, result) -> None:  # type: ignore[no-untyped-def]
        self.results.exceptions += len(result.exceptions)
        if result.page_not_found:
            self.results.failures.append(f"client {self.number}: page not found")

    def _failed(self, what: str, error: Exception) -> None:
        self.results.timeouts += 1
        self.results.failures.append(f"client {self.number}, {what}: {type(error).__name__}")

    async def _check_new_file(self) -> None:
        """The first action after the drop opens a board page: its text must name the month."""
        current = self.client.current_page
        on_overview = current is not None and current.is_default
        title = STAMPED_PAGES[1] if on_overview else STAMPED_PAGES[0]
        page: Page = next(p for p in self.client.pages if p.title == title)
        result = await self.client.switch_page(page)
        self._count(result)
        self.results.page_switches.append(result.seconds)
        self.results.saw_new_file.append(NEW_MONTH_WORDS in result.text)
        self.checked_new_file = True


async def _watch_load(peak: list[float], stop: asyncio.Event) -> None:
    """Keep the highest one-minute load average seen while the sessions run."""
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], os.getloadavg()[0])
        except OSError:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=5)


async def _drop_new_file(data: Path, when: float, dropped: asyncio.Event) -> None:
    await asyncio.sleep(max(0.0, when - time.perf_counter()))
    staged = data / f".{NEW_FILE}.part"
    staged.write_text(NEW_ROWS, encoding="utf-8")
    staged.rename(data / NEW_FILE)  # whole, at once, as an analyst's copy would land
    dropped.set()
    print(f"  new extract dropped at {time.strftime('%H:%M:%S')} ({load_average()})")


async def drive(
    url: str,
    data: Path,
    sessions: int,
    browsers: int,
    seconds: float,
    seed: int,
    ramp: float,
    think: tuple[float, float],
) -> tuple[Results, Results, float]:
    """Run the sessions; the browsers' and the protocol clients' results, and the peak load."""
    from playwright.async_api import async_playwright

    in_browser, by_protocol = Results(sessions=browsers), Results(sessions=sessions - browsers)
    peak = [0.0]
    async with async_playwright() as pw:
        browser = None
        contexts = []
        if browsers:
            browser = await pw.chromium.launch(
                executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
            )
            for _ in range(browsers):
                context = await browser.new_context(viewport=VIEWPORT)
                await context.add_init_script(_RUN_COUNTER)
                contexts.append(context)
        start = time.perf_counter()
        deadline = start + seconds
        dropped, stop = asyncio.Event(), asyncio.Event()
        # The protocol clients open first, the browsers last: a browser's figures are then
        # taken with every other member already on.
        workers = [
            ProtocolSession(i, url, by_protocol, seed, think).run(
                deadline, dropped, i * ramp / sessions
            )
            for i in range(sessions - browsers)
        ]
        workers += [
            Session(i, contexts[k], url, in_browser, seed, think).run(
                deadline, dropped, i * ramp / sessions
            )
            for k, i in enumerate(range(sessions - browsers, sessions))
        ]
        watcher = asyncio.create_task(_watch_load(peak, stop))
        await asyncio.gather(_drop_new_file(data, start + seconds / 2, dropped), *workers)
        stop.set()
        await watcher
        if browser is not None:
            await browser.close()
    return in_browser, by_protocol, peak[0]


def _percentiles(values: list[float]) -> str:
    if not values:
        return "none measured"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.2f} s, p95 {p95:.2f} s (n={len(ordered)})"


def _session_report(title: str, results: Results, trust_change: str) -> None:
    if not results.sessions:
        return
    seen = sum(results.saw_new_file)
    print(f"  {title} ({results.sessions}):")
    print(f"    first load:        {_percentiles(results.first_loads)}")
    print(f"    page switch:       {_percentiles(results.page_switches)}")
    print(f"    {trust_change:<19}{_percentiles(results.trust_changes)}")
    if results.fragment_runs:
        print(f"    live check rerun:  {_percentiles(results.fragment_runs)}")
    print(f"    pages showing an exception: {results.exceptions}")
    waited = ACTION_TIMEOUT_MS // 1000
    print(f"    actions that timed out (after {waited} s) or failed: {results.timeouts}")
    for failure in results.failures[:10]:
        print(f"      {failure}")
    print(f"    first load finished: {len(results.first_loads)} of {results.sessions}")
    print(
        f"    saw the new file after their next interaction: {seen} of "
        f"{len(results.saw_new_file)} that interacted after the drop"
    )


def report(
    in_browser: Results, by_protocol: Results, log_text: str, seconds: float, peak: float
) -> None:
    reruns = [s for _, s in timing.read_times(log_text)]
    tracebacks = log_text.count("Traceback (most recent call last)")
    total = in_browser.sessions + by_protocol.sessions
    print(
        f"{total} sessions ({in_browser.sessions} in Chromium, {by_protocol.sessions} by "
        f"protocol) for {seconds:.0f} s; highest 1-minute load average {peak:.2f}"
    )
    _session_report("Chromium, as seen on screen", in_browser, "trust change:")
    _session_report("protocol clients, request to script_finished", by_protocol, "trust by link:")
    print(f"  server per rerun:  {_percentiles(reruns)}")
    print(f"  tracebacks in the server log: {tracebacks}")
    if tracebacks:
        first = log_text.index("Traceback (most recent call last)")
        print("    the first:\n      " + "\n      ".join(log_text[first:].splitlines()[:25]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="board members in all")
    parser.add_argument(
        "--browsers",
        type=int,
        default=1,
        help="how many of them are real Chromium tabs (the rest speak the protocol)",
    )
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds over which the sessions open"
    )
    parser.add_argument("--think-min", type=float, default=2.0, help="seconds between actions")
    parser.add_argument("--think-max", type=float, default=6.0)
    args = parser.parse_args()
    sessions = max(args.sessions, args.browsers)
    think = (args.think_min, max(args.think_min, args.think_max))
    print(f"before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = copy_demo(root / "data")
        (root / "cache").mkdir()
        log_path = root / "streamlit.log"
        env = {timing.ENV: "1"}
        with running_app(data, root / "cache", log_path, extra_env=env) as url:
            in_browser, by_protocol, peak = asyncio.run(
                drive(url, data, sessions, args.browsers, args.seconds, args.seed, args.ramp, think)
            )
        report(
            in_browser,
            by_protocol,
            log_path.read_text(encoding="utf-8", errors="replace"),
            args.seconds,
            peak,
        )
    print(f"after: {load_average()}")


if __name__ == "__main__":
    main()
