"""The load test's protocol client against a live app: it must receive what a browser would.

If the client sent the wrong page hash, query string or page name, or stopped waiting
before ``script_finished``, the load figures would time the wrong work; so two sessions at
once open the overview of two trusts, switch page, and see a dropped extract's new month.
"""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from bench import load
from bench.streamlit_client import StreamlitSession
from impact import PROJECT_ROOT
from impact.ui import timing
from tests.browser.live_app import copy_demo, running_app

pytestmark = pytest.mark.slow


def _board_question(metric_id: str) -> str:
    path = PROJECT_ROOT / "impact" / "catalogue" / "metrics.csv"
    with path.open(encoding="utf-8") as fh:
        return next(r["board_question"] for r in csv.DictReader(fh) if r["metric_id"] == metric_id)


@pytest.fixture()
def live(tmp_path: Path):  # type: ignore[no-untyped-def]
    data = copy_demo(tmp_path / "data")
    (tmp_path / "cache").mkdir()
    log = tmp_path / "streamlit.log"
    with running_app(data, tmp_path / "cache", log, extra_env={timing.ENV: "1"}) as url:
        yield url, data, log


def test_two_sessions_receive_the_pages_and_the_new_month(live) -> None:  # type: ignore[no-untyped-def]
    url, data, log = live
    names = load.org_names()
    question = _board_question("rtt_18wk_pct")

    async def member(code: str) -> dict[str, object]:
        async with StreamlitSession(url, timeout=120) as client:
            first = await client.open("", f"org={code}")
            titles = [p.title for p in client.pages]
            on_first = client.current_page
            elective = next(p for p in client.pages if p.title == "Elective care")
            switched = await client.switch_page(elective)
            on_elective = client.current_page
            query_after_switch = client.query_string
            return {
                "first": first,
                "titles": titles,
                "on_first": on_first,
                "switched": switched,
                "on_elective": on_elective,
                "query": query_after_switch,
                "fragments": dict(client.auto_reruns),
            }

    async def both() -> list[dict[str, object]]:
        return list(await asyncio.gather(member("XRA05"), member("XRA07")))

    for code, seen in zip(("XRA05", "XRA07"), asyncio.run(both()), strict=True):
        first = seen["first"]
        assert first.status == "FINISHED_SUCCESSFULLY"
        assert first.exceptions == []
        assert question in first.text  # the overview's card for the metric, as its question
        assert names[code] in first.text  # the trust of the link, not the other session's
        assert "Data as at:" in first.text
        assert load.NEW_MONTH_WORDS not in first.text
        assert seen["on_first"].is_default and seen["on_first"].title == "Board overview"
        assert "Elective care" in seen["titles"] and "Data" in seen["titles"]
        assert seen["fragments"], "the live pick-up fragment's timer was not received"
        switched = seen["switched"]
        assert switched.exceptions == []
        assert seen["on_elective"].title == "Elective care"
        assert "Elective care" in switched.text and names[code] in switched.text
        assert f"org={code}" in seen["query"]  # the trust survives the switch, as in a browser

    async def around_a_drop() -> tuple[list[object], list[object], list[object]]:
        async with StreamlitSession(url, timeout=120) as one, StreamlitSession(url) as two:
            clients = (one, two)
            before = await asyncio.gather(
                one.open("elective", "org=XRA05"), two.open("elective", "org=XRA07")
            )
            pages = [c.current_page for c in clients]
            _drop(data)
            after = await asyncio.gather(
                *(c.switch_page(next(p for p in c.pages if p.is_default)) for c in clients)
            )
            return list(before), pages, list(after)

    before, pages, after = asyncio.run(around_a_drop())
    for run, page in zip(before, pages, strict=True):
        assert page.title == "Elective care"  # the page named by the URL path
        assert "Data as at:" in run.text and load.NEW_MONTH_WORDS not in run.text
    for run in after:
        assert run.exceptions == []
        assert load.NEW_MONTH_WORDS in run.text
    assert "Traceback (most recent call last)" not in log.read_text(encoding="utf-8")


def _drop(data: Path) -> None:
    staged = data / f".{load.NEW_FILE}.part"
    staged.write_text(load.NEW_ROWS, encoding="utf-8")
    staged.rename(data / load.NEW_FILE)


def test_the_load_harness_sees_the_drop_in_every_protocol_session(live) -> None:  # type: ignore[no-untyped-def]
    """Two protocol clients for a few seconds, the file dropped halfway: both see it."""
    url, data, _ = live
    in_browser, by_protocol, _peak = asyncio.run(
        load.drive(url, data, 2, 0, 6.0, seed=1, ramp=0.5, think=(0.2, 0.5))
    )
    assert in_browser.sessions == 0 and by_protocol.sessions == 2
    assert len(by_protocol.first_loads) == 2
    assert by_protocol.failures == [] and by_protocol.timeouts == 0
    assert by_protocol.exceptions == 0
    assert by_protocol.saw_new_file == [True, True]
