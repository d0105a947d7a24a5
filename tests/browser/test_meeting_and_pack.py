"""Meeting mode and the board pack, as a chair and a board secretary use them in a browser.

Meeting mode is stepped through with the Previous/Next buttons and with the arrow keys,
and the step is kept in the URL. Both board-pack formats are downloaded from the overview
exactly as a secretary would, and the files are opened: the HTML is self-contained and
names the organisation; the PDF is a real multi-page PDF with the organisation on every
page.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import assert_rendered, main_text, open_app, rerun_after, screenshot

pytestmark = pytest.mark.browser

MEETING = "Meeting mode"
ORG = ("XRA05", "Demo Moorland Royal Infirmary NHS Foundation Trust")
#: The summary, then the recovery priorities, in the order meeting mode steps through them.
STEPS = (
    ("summary", "Summary"),
    ("elective", "Elective care"),
    ("uec", "Urgent & emergency care"),
    ("primary_care", "Primary care"),
)
ARROWS = re.compile("[←→⟵⟶]")
#: A request to anything but the app itself would break "opens offline".
EXTERNAL_REF = re.compile(
    r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", re.I
)


def on_screen(page, step: int) -> None:  # type: ignore[no-untyped-def]
    """The page shows step ``step`` (0-based) and the URL says so."""
    key, title = STEPS[step]
    assert page.get_by_role("heading", level=1).first.inner_text().strip() == title
    assert f"step {step + 1} of {len(STEPS)}" in main_text(page)
    assert parse_qs(urlparse(page.url).query).get("step") == [key]


def test_meeting_mode_steps_through_the_priorities(page, app_url, page_paths):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[MEETING], org=ORG[0], meeting="1")
    assert not page.get_by_test_id("stSidebar").is_visible(), "meeting mode hides the sidebar"
    on_screen(page, 0)
    previous = page.get_by_role("button", name="Previous step")
    following = page.get_by_role("button", name="Next step")
    assert previous.is_disabled() and following.is_enabled()
    # One arrow per button: Streamlit draws the shortcut key, so the words carry none.
    for button in (previous, following):
        words = button.locator("p").first.inner_text()
        assert not ARROWS.search(words), f"arrow characters in the label {words!r}"
    assert "arrow keys" in main_text(page), "the keyboard shortcuts are explained on screen"
    assert ORG[1] in main_text(page)
    screenshot(page, "meeting-mode", whole=False)

    rerun_after(page, following.click)
    assert_rendered(page)
    on_screen(page, 1)

    # The keyboard: arrow keys (the buttons' shortcuts), then Tab to a button and Enter.
    page.locator("body").focus()
    rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    on_screen(page, 2)
    rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
    on_screen(page, 3)
    assert following.is_disabled()
    rerun_after(page, lambda: page.keyboard.press("ArrowLeft"))
    on_screen(page, 2)
    previous.focus()
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    on_screen(page, 1)
    assert_rendered(page)

    # The step is in the URL, so the same link reopens the same priority.
    open_app(page, app_url, page_paths[MEETING], org=ORG[0], meeting="1", step="uec")
    on_screen(page, 2)


def test_board_pack_downloads_as_html_and_pdf(page, app_url):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    open_app(page, app_url, org=ORG[0])
    html_box = page.get_by_role("button", name="Download board pack (HTML)").bounding_box()
    pdf_box = page.get_by_role("button", name="Download board pack (PDF)").bounding_box()
    assert html_box and pdf_box
    assert abs(html_box["y"] - pdf_box["y"]) < 4, "the two pack buttons share a row"
    gap = pdf_box["x"] - (html_box["x"] + html_box["width"])
    assert 0 <= gap < 40, f"the PDF button sits {gap:.0f} px from the HTML one"
    with page.expect_download() as html_info:
        page.get_by_role("button", name="Download board pack (HTML)").click()
    html_file = html_info.value
    assert html_file.suggested_filename.startswith(f"board-pack-{ORG[0]}-")
    assert html_file.suggested_filename.endswith(".html")
    html = html_file.path().read_text(encoding="utf-8")
    assert ORG[1] in html
    for _, title in STEPS[1:]:
        assert title in html.replace("&amp;", "&"), f"{title} missing from the pack"
    assert "How to read these charts" in html
    external = EXTERNAL_REF.search(html)
    assert not external, f"the pack loads something from outside: {external.group(0)}"

    with page.expect_download(timeout=120_000) as pdf_info:
        page.get_by_role("button", name="Download board pack (PDF)").click()
    pdf_file = pdf_info.value
    assert pdf_file.suggested_filename == html_file.suggested_filename[:-4] + "pdf"
    data = pdf_file.path().read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4, f"only {len(reader.pages)} pages"
    texts = [p.extract_text() or "" for p in reader.pages]
    missing = [i + 1 for i, t in enumerate(texts) if ORG[1] not in t.replace("\n", " ")]
    assert not missing, f"pages without the organisation's name: {missing}"
    assert_rendered(page)
