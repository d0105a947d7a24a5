"""The copy of the pack Chromium prints: the same document, its charts static SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from impact import pack
from impact.charts.static_svg import figure_svg
from impact.pack import pdf
from impact.store import open_store, reset_stores
from tests.pack.conftest import HOSTILE_NAME, copy_demo, tags

ORG = "XRA03"
#: Plotly's drag layer: drawn over every chart that answers a pointer, never on a static one.
DRAG_LAYERS = "document.querySelectorAll('.plotly-graph-div .nsewdrag').length"
#: Static charts laid out at a size a reader can see (a full column wide, a chart high).
STATIC_DRAWN = (
    "Array.from(document.querySelectorAll('.static-chart svg'))"
    ".filter(s => s.getBoundingClientRect().width > 600"
    " && s.getBoundingClientRect().height > 200).length"
)
CHARTS_DRAWN = (
    "Array.from(document.querySelectorAll('.plotly-graph-div'))"
    ".filter(d => d.querySelector('.main-svg')).length"
)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("print-copy")
    data = copy_demo(root / "data")
    reset_stores()
    store = open_store(data, root / "cache")
    content = pack.assemble_pack(
        store.query,
        ORG,
        date(2024, 4, 1),
        date(2026, 3, 1),
        files=store.files(),
        now=datetime(2026, 11, 2, 9, 30),
    )
    yield pack.render_html(content)
    reset_stores()


def _charts(html: str) -> list[str]:
    return re.findall(r'<div id="([^"]+)" class="plotly-graph-div"', html)


def _static(printed: str) -> list[str]:
    return re.findall(r'<div id="([^"]+)" class="static-chart"><svg ', printed)


def test_print_copy_draws_every_chart_as_svg_and_holds_no_script(html: str) -> None:
    printed = pdf.print_copy(html)
    charts = _charts(html)
    assert len(charts) > 20  # the SPC and funnel charts of three priorities
    assert _static(printed) == charts  # each chart, in its place, by its own id
    assert "<script" not in printed.lower() and "Plotly" not in printed
    assert pdf.STATIC_CHARTS not in printed


def test_print_copy_changes_nothing_but_the_charts(html: str) -> None:
    printed = pdf.print_copy(html)
    outside = re.sub(r'<div id="[^"]+" class="static-chart"><svg .*?</svg></div>', "", printed)
    assert outside == pdf._SCRIPT.sub("", pdf._CHART.sub("", html))


def test_each_printed_chart_is_the_figure_the_download_draws(html: str) -> None:
    printed = pdf.print_copy(html)
    svgs = dict(
        re.findall(r'<div id="([^"]+)" class="static-chart">(<svg .*?</svg>)</div>', printed)
    )
    for match in pdf._CHART.finditer(html):
        figure = pdf.chart_figure(match["script"], match["id"])
        assert svgs[match["id"]] == figure_svg(figure, width=pdf.PRINT_CHART_WIDTH, key=match["id"])
        texts = set(ET.fromstring(svgs[match["id"]]).itertext())
        layout = figure["layout"]
        assert layout["title"]["text"] in texts
        for trace in figure["data"]:
            if trace.get("showlegend", True):
                assert trace["name"] in texts, (match["id"], trace["name"])
        for note in layout.get("annotations", []):
            assert note["text"] in texts


def test_a_chart_the_svg_cannot_draw_falls_back_to_static_plotly() -> None:
    bar = pio.to_html(go.Figure(go.Bar(x=[1, 2], y=[3, 4])), include_plotlyjs=False)
    printed = pdf.print_copy(bar)
    assert printed == pdf.plotly_static_copy(bar)
    assert pdf.STATIC_CHARTS in printed and "Plotly.newPlot" in printed


def test_a_chart_in_an_unexpected_form_falls_back_rather_than_printing_blank() -> None:
    page = (
        "<html><head><script>var Plotly;</script></head><body>"
        '<div id="c" class="plotly-graph-div"></div><p>Hi</p>'
        "<script>Plotly.react('c', [], {})</script></body></html>"
    )
    assert pdf.print_copy(page) == pdf.plotly_static_copy(page)


def test_the_fallback_adds_only_the_static_chart_setting_after_body() -> None:
    html = '<html><head><script>var Plotly;</script></head><body class="x"><p>Hi</p></body></html>'
    printed = pdf.plotly_static_copy(html)
    assert printed == html.replace('<body class="x">', '<body class="x">' + pdf.STATIC_CHARTS)
    assert pdf.plotly_static_copy("<p>No body tag</p>") == "<p>No body tag</p>"


def test_print_copy_of_a_document_without_charts_only_loses_its_scripts() -> None:
    assert pdf.print_copy("<p>No body tag</p>") == "<p>No body tag</p>"
    page = "<html><head><script>var x;</script></head><body><p>Hi</p></body></html>"
    assert pdf.print_copy(page) == "<html><head></head><body><p>Hi</p></body></html>"


def _open(chromium: str, page_file: Path) -> tuple[int, int, int, int]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            charts = page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
            static = page.evaluate(STATIC_DRAWN)
            return charts, page.evaluate(CHARTS_DRAWN), page.evaluate(DRAG_LAYERS), static
        finally:
            browser.close()


def test_printed_copy_shows_every_chart_as_svg_and_the_download_stays_interactive(
    html: str, tmp_path: Path
) -> None:
    try:
        chromium = pdf.find_chromium()
    except pdf.ChromiumNotFound as missing:
        pytest.skip(f"no Chromium: {missing}")
    download, printed = tmp_path / "pack.html", tmp_path / "print.html"
    download.write_text(html, encoding="utf-8")
    printed.write_text(pdf.print_copy(html), encoding="utf-8")
    charts, drawn, drag, static = _open(chromium, download)
    assert charts > 0 and drawn == charts and drag >= charts  # interactive: one per chart
    assert static == 0
    in_download = charts
    charts, drawn, drag, static = _open(chromium, printed)
    assert charts == 0 and drag == 0  # no plotly chart at all
    assert static == in_download  # every chart laid out at a visible size


def test_hostile_text_in_the_printed_charts_stays_text(built) -> None:
    _, html, _ = built
    printed = pdf.print_copy(html)
    assert _static(printed) == _charts(html)
    parsed = tags(printed)
    assert not [t for t, _ in parsed if t == "script"]
    assert not [a for _, attrs in parsed for a in attrs if a.startswith("on")]
    labels = [
        "".join(ET.fromstring(svg).itertext())
        for svg in re.findall(r'class="static-chart">(<svg .*?</svg>)</div>', printed)
    ]
    assert any(f"{HOSTILE_NAME} (selected)" in text for text in labels)  # the funnel's label
