"""The copy of the pack Chromium prints: the same document, its charts drawn static."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from impact import pack
from impact.pack import pdf
from impact.store import open_store, reset_stores
from tests.pack.conftest import copy_demo

ORG = "XRA03"
#: Plotly's drag layer: drawn over every chart that answers a pointer, never on a static one.
DRAG_LAYERS = "document.querySelectorAll('.plotly-graph-div .nsewdrag').length"
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


def test_print_copy_adds_only_the_static_chart_setting_after_body() -> None:
    html = '<html><head><script>var Plotly;</script></head><body class="x"><p>Hi</p></body></html>'
    printed = pdf.print_copy(html)
    assert printed == html.replace('<body class="x">', '<body class="x">' + pdf.STATIC_CHARTS)


def test_print_copy_of_a_document_without_body_is_unchanged() -> None:
    assert pdf.print_copy("<p>No body tag</p>") == "<p>No body tag</p>"


def test_print_copy_of_the_pack_sets_static_charts_once_after_plotly(html: str) -> None:
    printed = pdf.print_copy(html)
    assert printed.count(pdf.STATIC_CHARTS) == 1
    assert printed.replace(pdf.STATIC_CHARTS, "", 1) == html
    # plotly.js (in the head) is defined before the setting runs, and every chart after it
    assert printed.index("</head>") < printed.index(pdf.STATIC_CHARTS)
    assert printed.index(pdf.STATIC_CHARTS) < printed.index("Plotly.newPlot")


def _open(chromium: str, page_file: Path) -> tuple[int, int, int]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            charts = page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
            return charts, page.evaluate(CHARTS_DRAWN), page.evaluate(DRAG_LAYERS)
        finally:
            browser.close()


def test_printed_copy_draws_every_chart_static_and_the_download_stays_interactive(
    html: str, tmp_path: Path
) -> None:
    try:
        chromium = pdf.find_chromium()
    except pdf.ChromiumNotFound as missing:
        pytest.skip(f"no Chromium: {missing}")
    download, printed = tmp_path / "pack.html", tmp_path / "print.html"
    download.write_text(html, encoding="utf-8")
    printed.write_text(pdf.print_copy(html), encoding="utf-8")
    charts, drawn, drag = _open(chromium, download)
    assert charts > 0 and drawn == charts and drag >= charts  # interactive: one per chart
    charts, drawn, drag = _open(chromium, printed)
    assert charts > 0 and drawn == charts  # drawn by the time the page has loaded
    assert drag == 0
