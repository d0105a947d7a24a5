"""How long the board waits, measured in the system Chromium on the demo data.

Prints: the cold first load of the overview, the warm switch to each page (median and max
over a few rounds), a trust change (in the organisation picker, and by opening another
trust's link), a period change on the overview, and the board pack PDF. Each browser
figure is the time from the navigation or click to the app reporting
``data-test-script-state="notRunning"`` with no skeleton placeholder left (the browser
tests' own wait), so it is what a board member sees. Beside each, in brackets, is the
server's own time for the script runs it caused, read from the server log
(``IMPACT_TIMING=1``, :mod:`impact.ui.timing`). The machine's load average is printed
first and last, since other work on the machine changes every figure.

    python -m bench.browser [--rounds 3] [--no-pack]
    python -m bench.browser --pack-only [--rounds 3]
    python -m bench.browser --national [--rounds 3]
    python -m bench.browser --cold-only [--rounds 3]

``--national`` measures the overview instead on the national benchmark set (the synthetic
folder of ``bench/store_bench.py``, 4.66 million observation rows) with the demo extracts
beside it: the first load, and the warm overview of one demo trust and of one benchmark
trust (each switched away from and back to, ``--rounds`` times). ``--pack-only`` prints
just the board pack PDF, ``--rounds`` times (no app started), for a median on a busy machine.

The app is started as deployed, ``python -m impact serve`` (:mod:`impact.warm`), and the
cold first load is the first browser visit once it has warmed; the time from starting the
server process to warmed is printed beside it. The server is told to warm the trust the
benchmark opens (``IMPACT_WARM_ORGS``), as a trust's own deployment would be.
``--cold-only`` prints just the start-up and the first visit, ``--rounds`` times,
alternating three ways of starting on a fresh cache folder each time: the plain
``streamlit run dashboard.py`` (which runs no app code until the first visit),
``impact serve`` visited once warmed, and ``impact serve`` visited as soon as its health
check answers (so the visit meets the warm-up half way); beside each
first visit, the next board member's (another fresh browser context), the warm reference.

Figures depend on the machine and its load: print them, never assert them.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from impact import PROJECT_ROOT, warm
from impact.pack.pdf import QUIET_FLAGS, find_chromium
from impact.ui import timing
from tests.browser.conftest import _QUIET, _RUN_COUNTER, VIEWPORT
from tests.browser.live_app import copy_demo, running_app

ORG, OTHER_ORG = "XRA05", "XRA07"
#: A trust of the national benchmark set (bench/store_bench.py).
NATIONAL_TRUST = "T001"


def load_average() -> str:
    """``load average 1.52 / 1.20 / 0.80`` (1, 5 and 15 minutes), or why it is unknown."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f}"


class ServerLog:
    """The server's timing lines, read as they are written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen = 0

    def new_times(self) -> list[float]:
        """The server time of every script run logged since the last call."""
        text = self.path.read_text(encoding="utf-8", errors="replace")
        times = [seconds for _, seconds in timing.read_times(text)]
        fresh, self._seen = times[self._seen :], len(times)
        return fresh


def org_name(code: str) -> str:
    with (PROJECT_ROOT / "data" / "demo" / "organisations.csv").open(encoding="utf-8") as fh:
        return next(row["org_name"] for row in csv.DictReader(fh) if row["org_code"] == code)


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


def _server(times: list[float]) -> str:
    """``[server 0.08 s in 1 run]``: the server's share of one browser figure."""
    runs = "run" if len(times) == 1 else "runs"
    return f"[server {sum(times):.2f} s in {len(times)} {runs}]"


def _open_overview(browser, url: str):  # type: ignore[no-untyped-def]
    """(context, page, seconds) for the overview opened in a fresh browser context."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_RUN_COUNTER)
    page = context.new_page()
    page.set_default_timeout(120_000)
    start = time.perf_counter()
    page.goto(f"{url}/?org={ORG}")
    _idle(page)
    return context, page, time.perf_counter() - start


def _first_visit(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from opening the overview in a fresh browser context until it is drawn."""
    context, _page, elapsed = _open_overview(browser, url)
    context.close()
    return elapsed


def measure(url: str, rounds: int, log: ServerLog, started_to_warm: float) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
        )
        print(f"server start to warmed (impact serve): {started_to_warm:.2f} s")
        log.new_times()  # the warm-up's own run is not the visitor's
        _context, page, cold = _open_overview(browser, url)
        print(f"cold first load (overview, once warmed): {cold:.2f} s {_server(log.new_times())}")

        titles = list(_nav_links(page))
        nav = page.get_by_test_id("stSidebarNav")
        switches: dict[str, list[float]] = {t: [] for t in titles}
        servers: dict[str, list[float]] = {t: [] for t in titles}
        for _ in range(rounds + 1):  # the first round warms each page's caches
            for title in titles:
                link = nav.get_by_role("link", name=title, exact=True)
                switches[title].append(_timed(page, link.click))
                servers[title].append(sum(log.new_times()))
        print("warm page switch (median / max over rounds, first round left out):")
        for title, times in switches.items():
            warm, server = times[1:], servers[title][1:]
            print(
                f"  {title:32s} {statistics.median(warm):6.2f} s / {max(warm):6.2f} s"
                f"   [server median {statistics.median(server):.3f} s / max {max(server):.3f} s]"
            )

        nav.get_by_role("link", name=titles[0], exact=True).click()
        _idle(page)
        log.new_times()
        _trust_changes(page, log)
        for org, label in ((OTHER_ORG, "trust link"), (ORG, "trust link back")):
            start = time.perf_counter()
            page.goto(f"{url}/?org={org}")
            _idle(page)
            elapsed = time.perf_counter() - start
            print(f"{label} (new URL, new session): {elapsed:.2f} s {_server(log.new_times())}")
        box = page.get_by_role("combobox", name="From month", exact=True)
        box.click()
        option = page.get_by_role("option").nth(3)
        elapsed = _timed(page, option.click)
        print(f"period change (From month): {elapsed:.2f} s {_server(log.new_times())}")
        browser.close()


def _trust_changes(page, log: ServerLog) -> None:  # type: ignore[no-untyped-def]
    """Change trust in the sidebar's picker (same session), there and back, twice.

    The first visit to a trust computes its board; the second is served from the cache.
    """
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox").nth(2)
    for visit in ("first visit", "again"):
        for org in (OTHER_ORG, ORG):
            picker.click()
            option = page.get_by_role("option", name=org_name(org), exact=True)
            elapsed = _timed(page, option.click)
            server = _server(log.new_times())
            print(f"trust change in the picker to {org} ({visit}): {elapsed:.2f} s {server}")


#: The ways ``--cold-only`` starts the app: (label, launcher, wait for the warm-up).
COLD_WAYS = (
    ("streamlit run (cold)", "streamlit", False),
    ("impact serve, visited once warmed", "serve", True),
    ("impact serve, visited at first health", "serve", False),
)


def measure_cold(rounds: int) -> None:
    """Start-up and first visit, each way of starting in turn, ``rounds`` times."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label, *_ in COLD_WAYS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
        )
        for round_no in range(1, rounds + 1):
            for label, launcher, wait_warm in COLD_WAYS:
                with tempfile.TemporaryDirectory() as tmp:
                    root = Path(tmp)
                    data = copy_demo(root / "data")
                    (root / "cache").mkdir()
                    log_path = root / "streamlit.log"
                    env = {timing.ENV: "1", warm.ORGS_ENV: ORG}
                    start = time.perf_counter()
                    with running_app(
                        data,
                        root / "cache",
                        log_path,
                        extra_env=env,
                        launcher=launcher,
                        wait_warm=wait_warm,
                    ) as url:
                        up = time.perf_counter() - start
                        log = ServerLog(log_path)
                        if wait_warm:
                            log.new_times()  # the warm-up's own run is not the visitor's
                        visit = _first_visit(browser, url)
                        server = sum(log.new_times())
                        second = _first_visit(browser, url)  # the next board member
                        second_server = sum(log.new_times())
                    results[label].append((up, visit, second))
                    ready = "warmed" if wait_warm else "healthy"
                    print(
                        f"round {round_no} {label:38s} start to {ready} {up:5.2f} s,"
                        f" first visit {visit:5.2f} s [server {server:.2f} s],"
                        f" next visitor {second:5.2f} s [server {second_server:.2f} s]"
                        f"  ({load_average()})"
                    )
        browser.close()
    print("median over rounds (start to ready / first visit / next visitor):")
    for label, rows in results.items():
        ups, visits, seconds = ([r[i] for r in rows] for i in range(3))
        print(
            f"  {label:38s} {statistics.median(ups):5.2f} s / {statistics.median(visits):5.2f} s"
            f" / {statistics.median(seconds):5.2f} s"
        )


def measure_national(url: str, rounds: int, log: ServerLog) -> None:
    """The overview of one trust on the national set: first load, then warm switches to it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(QUIET_FLAGS)
        )
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(_RUN_COUNTER)
        page = context.new_page()
        page.set_default_timeout(600_000)
        for org in (ORG, NATIONAL_TRUST):
            start = time.perf_counter()
            page.goto(f"{url}/?org={org}")
            _idle(page)
            first = time.perf_counter() - start
            label = f"national set, {org} overview"
            print(f"{label}, first load: {first:.2f} s {_server(log.new_times())}")
            nav = page.get_by_test_id("stSidebarNav")
            titles = list(_nav_links(page))
            away = nav.get_by_role("link", name=titles[-1], exact=True)  # the Data page
            back = nav.get_by_role("link", name=titles[0], exact=True)
            times, servers = [], []
            for _ in range(rounds):
                _timed(page, away.click)
                log.new_times()
                times.append(_timed(page, back.click))
                servers.append(sum(log.new_times()))
            print(
                f"{label}, warm switch: median {statistics.median(times):.2f} s"
                f" / max {max(times):.2f} s   [server median {statistics.median(servers):.3f} s]"
            )
        browser.close()


def build_national(data: Path) -> None:
    from bench.store_bench import SCALES, build_dataset

    start = time.perf_counter()
    counts = build_dataset(data, SCALES["national"])
    print(
        f"national set written: {counts['rows']:,} rows in {counts['files']} files, "
        f"{time.perf_counter() - start:.0f} s"
    )


def measure_pack(data: Path) -> None:
    """The board pack of one trust as the overview's download builds it: content, then PDF."""
    from datetime import datetime

    from impact import pack
    from impact.board import build_board
    from impact.calendar import month_starts
    from impact.filters import default_period
    from impact.pack import pdf
    from impact.store import open_store

    store = open_store(data)
    store.refresh()
    months = month_starts(store.query("board_org_months", org_code=ORG)["month"])
    period_from, period_to = default_period(months)

    def timed(step: Callable[[], object]) -> tuple[object, float]:
        start = time.perf_counter()
        return step(), time.perf_counter() - start

    # As the overview's download does: the page's board is already built (and cached).
    board = build_board(store.query, ORG, period_from, period_to)
    content, assembled = timed(
        lambda: pack.assemble_pack(
            store.query,
            ORG,
            period_from,
            period_to,
            files=store.files(),
            board=board,
            now=datetime.now(),
        )
    )
    html, rendered = timed(lambda: pack.render_html(content))  # type: ignore[arg-type]
    # The printed copy (charts as static SVG) is made inside html_to_pdf; timed on its own
    # here, outside the total, to show how little of the print it is.
    _, copied = timed(lambda: pdf.print_copy(html))  # type: ignore[arg-type]
    _, printed = timed(lambda: pdf.html_to_pdf(html))  # type: ignore[arg-type]
    total = assembled + rendered + printed
    print(
        f"board pack PDF ({ORG}): {total:.2f} s (content {assembled:.2f} s, "
        f"HTML {rendered:.2f} s, Chromium print {printed:.2f} s, of which the "
        f"printed copy {copied:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-pack", action="store_true", help="leave out the board pack PDF")
    parser.add_argument(
        "--national", action="store_true", help="the overview on the national benchmark set"
    )
    parser.add_argument(
        "--pack-only", action="store_true", help="only the board pack PDF, --rounds times"
    )
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="only start-up and first visit, cold and warmed, alternately, --rounds times",
    )
    args = parser.parse_args()
    print(f"before: {load_average()}")
    if args.pack_only:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "cache").mkdir()
            os.environ["IMPACT_CACHE_DIR"] = str(root / "cache")
            data = copy_demo(root / "data")
            for _ in range(args.rounds):
                measure_pack(data)
                print(f"  ({load_average()})")
        return
    if args.cold_only:
        measure_cold(args.rounds)
        print(f"after: {load_average()}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        if args.national:
            build_national(data)
        copy_demo(data, prefix="demo_" if args.national else "")
        (root / "cache").mkdir()
        log_path = root / "streamlit.log"
        env = {timing.ENV: "1", warm.ORGS_ENV: ORG}
        start = time.perf_counter()
        with running_app(data, root / "cache", log_path, extra_env=env) as url:
            started_to_warm = time.perf_counter() - start
            if args.national:
                print(f"server start to warmed (impact serve): {started_to_warm:.2f} s")
                log = ServerLog(log_path)
                log.new_times()
                measure_national(url, args.rounds, log)
            else:
                measure(url, args.rounds, ServerLog(log_path), started_to_warm)
        if not args.no_pack and not args.national:
            os.environ["IMPACT_CACHE_DIR"] = str(root / "cache")
            measure_pack(data)
    print(f"after: {load_average()}")


if __name__ == "__main__":
    main()
