"""Real organisations' board pages in a real browser, on NHS England's files as downloaded.

The live app reads the session's folder of published files (A&E, DM01, AmbSYS, RTT and
the ODS trust list). In headless Chromium: University Hospitals Birmingham (RRK) and London
Ambulance Service (RRU) are named as people write them; every chart the browser drew keeps
its limits and its value axis within what the measure can be (read from the chart's own
data and computed layout, not from the figure the server sent); RRK's twelve-hour waits are
compared with its peers as rates, with the peer group named. The same run saves the
screenshots of RRK's overview and UEC page and RRU's UEC page (1440 px wide, whole page)
under ``test-artifacts/``, and into ``docs/screenshots/`` when
``IMPACT_UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from impact.board.league import LEAGUE_LABEL
from impact.spc.natural_range import natural_range
from impact.store import open_store
from tests.browser.conftest import (
    ARTIFACTS,
    README_SCREENSHOTS,
    UPDATE_SCREENSHOTS,
    main_text,
    new_page,
    open_app,
    open_chart_sections,
    wait_for_app,
)
from tests.browser.live_app import running_app

pytestmark = pytest.mark.browser

RRK_NAME = "University Hospitals Birmingham NHS Foundation Trust"
LIMIT_TRACES = ("Upper process limit", "Lower process limit")
SHOT_VIEWPORT = {"width": 1440, "height": 900}
#: Screenshots are saved as 64-colour PNGs: charts and text on white lose nothing visible.
SHOT_COLOURS = 64
#: The tallest whole-page shot taken (a UEC page with six measures is about 14,000 px).
MAX_HEIGHT = 16_000
#: The height of the page's content, inside Streamlit's own scrolling container.
_CONTENT_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"]')].map(e => e.scrollHeight),
    window.innerHeight)"""

#: Every Plotly chart the page drew, as the browser holds it: each trace's name and data,
#: the value axis's computed range and the chart's title.
_CHARTS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  title: (gd._fullLayout.title && gd._fullLayout.title.text) || '',
  yrange: gd._fullLayout.yaxis.range.map(Number),
  ytype: gd._fullLayout.yaxis.type,
  xtitle: (gd._fullLayout.xaxis.title && gd._fullLayout.xaxis.title.text) || '',
  traces: gd.data.map(t => ({
    name: t.name || '',
    x: Array.from(t.x || []),
    y: Array.from(t.y || []),
  })),
}))
"""


@pytest.fixture(scope="module")
def published_app(published_boards, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app served on the published folder, starting on the session's warm cache."""
    log_path = tmp_path_factory.mktemp("published-log") / "streamlit.log"
    with running_app(published_boards.data, published_boards.cache, log_path) as url:
        yield url


@pytest.fixture(scope="module")
def units(published_boards) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each metric's name (a chart's title) → its unit, from the catalogue the app reads."""
    metrics = open_store(published_boards.data, published_boards.cache).query("board_metrics")
    return dict(zip(metrics["metric_name"], metrics["unit"], strict=True))


@pytest.fixture()
def wide_page(browser):  # type: ignore[no-untyped-def]
    page = new_page(browser)
    page.set_viewport_size(SHOT_VIEWPORT)
    yield page
    page.context.close()


def _open(page, url: str, view: str, **params: str) -> list[dict]:  # type: ignore[no-untyped-def]
    open_app(page, url, view, **params)
    open_chart_sections(page)
    page.locator(".js-plotly-plot").first.wait_for()
    return page.evaluate(_CHARTS)


def _spc_charts(charts: list[dict]) -> dict[str, dict]:
    return {c["title"]: c for c in charts if {t["name"] for t in c["traces"]} & set(LIMIT_TRACES)}


def _assert_within_natural_range(chart: dict, unit: str) -> None:
    low, high = natural_range(unit)
    bottom, top = chart["yrange"]
    assert low is None or bottom >= low, (chart["title"], chart["yrange"])
    assert high is None or top <= high, (chart["title"], chart["yrange"])
    for trace in chart["traces"]:
        if trace["name"] in LIMIT_TRACES:
            ys = [float(y) for y in trace["y"] if y is not None]
            assert ys and (low is None or min(ys) >= low), (chart["title"], trace["name"])
            assert high is None or max(ys) <= high, (chart["title"], trace["name"])


def _assert_charts(charts: list[dict], units: dict[str, str], names: list[str]) -> None:
    drawn = _spc_charts(charts)
    missing = [n for n in names if n not in drawn]
    assert not missing, f"no SPC chart for {missing}; drawn: {list(drawn)}"
    for title, chart in drawn.items():
        _assert_within_natural_range(chart, units[title])


def _shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """The whole page at 1440 px wide, as a modest few-colour PNG (into docs/ when asked).

    Streamlit scrolls inside its own container, so the viewport is stretched to the
    content's height for the shot (a UEC page runs past the shared helper's 12,000 px).
    """
    height = page.evaluate(_CONTENT_HEIGHT)
    page.set_viewport_size({"width": SHOT_VIEWPORT["width"], "height": min(height, MAX_HEIGHT)})
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        wait_for_app(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(SHOT_VIEWPORT)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=SHOT_COLOURS)
    small.save(path, optimize=True)
    if UPDATE_SCREENSHOTS:
        README_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, README_SCREENSHOTS / path.name)
    return path


def test_rrk_overview_names_the_trust_as_written(wide_page, published_app):  # type: ignore[no-untyped-def]
    open_app(wide_page, published_app, "", org="RRK")
    text = main_text(wide_page)
    assert f"{RRK_NAME} (RRK)" in text
    assert RRK_NAME.upper() not in text and "NHS ENGLAND MIDLANDS" not in text
    _shot(wide_page, "rrk-overview")


def test_rrk_uec_charts_stay_in_range_and_peers_are_rates(wide_page, published_app, units):  # type: ignore[no-untyped-def]
    charts = _open(wide_page, published_app, "uec", org="RRK", peers="region")
    _assert_charts(
        charts,
        units,
        ["A&E 4-hour performance (all types)", "Waits over 12 hours from decision to admit"],
    )
    # The axis is clipped at zero, not pinned there: attendances range around their data.
    attendances = _spc_charts(charts)["A&E attendances (all types)"]
    assert attendances["yrange"][0] > 10_000
    peers = next(c for c in charts if "Peers: latest Waits over 12 hours" in c["title"])
    assert "other trusts with a type 1 A&E department in NHS England Midlands" in peers["title"]
    assert "as a rate per 1,000 attendances" in peers["title"]
    assert peers["xtitle"] == "per 1,000 attendances"
    names = peers["traces"][0]["y"]
    assert f"{RRK_NAME} (selected)" in names and len(names) > 2
    assert not any(name.isupper() for name in names)
    rates = [float(x) for x in peers["traces"][0]["x"]]
    assert all(0 <= rate <= 1000 for rate in rates)  # per 1,000 attendances, not raw counts
    _shot(wide_page, "rrk-uec")


def test_rrk_elective_charts_diagnostics_and_rtt_in_range(wide_page, published_app, units):  # type: ignore[no-untyped-def]
    charts = _open(wide_page, published_app, "elective", org="RRK")
    _assert_charts(
        charts,
        units,
        [
            "Diagnostic waits of 6 weeks or more",
            "Referral to treatment within 18 weeks",
            "Waits over 52 weeks (referral to treatment)",
        ],
    )
    # The 52-week waits' computed lower limit is negative; the browser draws it at zero.
    waits = _spc_charts(charts)["Waits over 52 weeks (referral to treatment)"]
    lower = next(t for t in waits["traces"] if t["name"] == "Lower process limit")
    assert {float(y) for y in lower["y"] if y is not None} == {0.0}


def test_rru_uec_charts_ambulance_response_times(wide_page, published_app, units):  # type: ignore[no-untyped-def]
    charts = _open(wide_page, published_app, "uec", org="RRU")
    text = main_text(wide_page)
    assert "London Ambulance Service NHS Trust (RRU)" in text
    _assert_charts(
        charts,
        units,
        [
            "Category 1 ambulance mean response time",
            "Category 2 ambulance mean response time",
            "Category 2 ambulance 90th centile response time",
        ],
    )
    assert "No other ambulance trusts in " in text
    _shot(wide_page, "rru-uec")


def test_rrk_is_placed_on_the_funnel_of_its_regions_type_1_trusts(wide_page, published_app):  # type: ignore[no-untyped-def]
    open_app(wide_page, published_app, "uec", org="RRK", peers="region")
    open_chart_sections(wide_page, "A&E 4-hour performance (all types)")
    text = main_text(wide_page)
    assert "Are we an outlier among the " in text
    charts = wide_page.evaluate(_CHARTS)
    funnel = next(c for c in charts if c["title"].startswith("Funnel plot: A&E 4-hour"))
    names = {t["name"] for t in funnel["traces"]}
    assert {"95% limits", "99.8% limits"} <= names
    chart = wide_page.locator(".js-plotly-plot").filter(has_text="Funnel plot: A&E 4-hour")
    assert chart.first.locator("text", has_text="(selected)").count() >= 1


def test_rrks_league_page_says_whose_ranking_it_is(wide_page, published_app):  # type: ignore[no-untyped-def]
    open_app(wide_page, published_app, "league", org="RRK", peers="region")
    assert wide_page.get_by_role("heading", level=1, name="Where do we stand?").count() == 1
    text = main_text(wide_page)
    assert LEAGUE_LABEL in text
    assert "Urgent & emergency care: where do we stand?" in text
    assert RRK_NAME.upper() not in text
