"""The PDF pack printed by real headless Chromium, and the HTML pack opened offline in it."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from impact import pack
from impact.pack import pdf
from impact.store import open_store, reset_stores
from tests.pack.conftest import copy_demo

ORG = "XRA03"
ORG_NAME = "Demo Northfield Hospitals NHS Foundation Trust"


def _chromium() -> str:
    try:
        return pdf.find_chromium()
    except pdf.ChromiumNotFound as missing:
        pytest.skip(f"no Chromium to print with: {missing}")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("pdf")
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


def test_pdf_is_a4_landscape_with_header_footer_on_every_page(html: str) -> None:
    from pypdf import PdfReader

    chromium = _chromium()
    data = pdf.html_to_pdf(html, chromium=chromium)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages
    total = len(pages)
    # cover, overview, IPR, three priorities, two summaries, questions, guide, sources
    assert total >= 11
    box = pages[0].mediabox
    width_mm, height_mm = float(box.width) / 72 * 25.4, float(box.height) / 72 * 25.4
    assert abs(width_mm - 297) < 2 and abs(height_mm - 210) < 2
    texts = [" ".join(p.extract_text().split()) for p in pages]
    for number, text in enumerate(texts, start=1):
        assert ORG_NAME in text, number
        assert "Apr 2024 to Mar 2026" in text, number
        assert "Data as at" in text, number
        assert f"Page {number} of {total}" in text, number
    # a page break before every priority: each begins a page of its own
    header = f"{ORG_NAME} ({ORG}) · Apr 2024 to Mar 2026"
    starts: dict[str, int] = {}
    # the priority sections follow the overview and the summary table, whose own
    # priority headings may also happen to open a page
    after_summary = max(
        n for n, t in enumerate(texts, 1) if "Integrated performance summary Latest value" in t
    )
    for number, text in enumerate(texts, start=1):
        if number <= after_summary:
            continue
        body = text.replace(header, "").replace(f"Page {number} of {total}", "")
        body = re.sub(r"Data as at \w+ \d{4}", "", body).replace("Board pack", "").strip()
        for title in ("Elective care", "Urgent & emergency care", "Primary care"):
            if title not in starts and body.startswith(title):
                starts[title] = number
    assert list(starts) == ["Elective care", "Urgent & emergency care", "Primary care"], starts
    assert list(starts.values()) == sorted(starts.values())
    assert "How to read these charts" in " ".join(texts)


def test_html_pack_opens_offline_with_interactive_charts(html: str, tmp_path: Path) -> None:
    chromium = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "board-pack.html"
    page_file.write_text(html, encoding="utf-8")
    requested: list[str] = []
    alerts: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "document.querySelectorAll('.plotly-graph-div .main-svg').length > 0"
            )
            drawn = page.evaluate(
                "Array.from(document.querySelectorAll('.plotly-graph-div'))"
                ".filter(d => d.querySelector('.main-svg')).length"
            )
            charts = page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
        finally:
            browser.close()
    assert charts > 0 and drawn == charts
    assert alerts == []  # no script from any text ran
    assert [u for u in requested if not u.startswith(("file:", "data:", "blob:"))] == []
