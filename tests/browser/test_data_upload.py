"""Uploading an extract through the real Data page, as an analyst would.

The browser sends the file through Streamlit's uploader; the page checks it before
anything is written, saves it on request, lists it in the inventory, and the board pages
show its content at the next visit without a restart. A file with a bad date is refused
with the line and column, and nothing reaches the data folder.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    assert_rendered,
    main_text,
    open_app,
    rerun_after,
    screenshot,
    table_rows,
    wait_for_app,
)

pytestmark = pytest.mark.browser

DATA_PAGE = "Data"
UPLOADER = "Upload a CSV extract"
#: An annotation for a trust and metric the demo data report, on a date no demo event uses.
EVENT = ("ae_4hr_all", "XRA05", "2026-03-02", "Browser upload check: new triage rota began")
GOOD_NAME = "browser-upload-events.csv"
BAD_NAME = "browser-upload-bad-dates.csv"


def events_csv(*rows: tuple[str, str, str, str]) -> bytes:
    lines = ["metric_id,org_code,event_date,description,rebase"]
    lines += [f"{m},{o},{d},{text},false" for m, o, d, text in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(page, name: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=UPLOADER)
    chooser = uploader.locator("input[type='file']")
    rerun_after(
        page,
        lambda: chooser.set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
        ),
    )
    assert_rendered(page)


def test_a_good_extract_is_saved_listed_and_shown(page, app_url, page_paths, data_copy):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[DATA_PAGE])
    page.get_by_role("heading", name="Add an extract", exact=True).wait_for()
    assert not (data_copy / GOOD_NAME).exists()

    upload(page, GOOD_NAME, events_csv(EVENT))
    assert re.search(r"Matched: events; rows read 1, rejected 0", main_text(page)), main_text(page)[
        :3000
    ]
    assert not (data_copy / GOOD_NAME).exists(), "the file was written before it was saved"
    save = page.get_by_role("button", name="Save to the data folder")
    save.click()
    page.get_by_text(f"{GOOD_NAME} saved").wait_for()
    wait_for_app(page)
    assert_rendered(page)
    assert (data_copy / GOOD_NAME).read_bytes() == events_csv(EVENT)

    inventory = page.get_by_test_id("stDataFrame").first
    rows = {row["File"]: row for row in table_rows(page, inventory)}
    assert GOOD_NAME in rows, f"not in the inventory: {sorted(rows)}"
    assert rows[GOOD_NAME]["Contract"] == "events"
    assert rows[GOOD_NAME]["Rows read"] == "1" and rows[GOOD_NAME]["Rows rejected"] == "0"
    screenshot(page, "data-after-upload")

    # The board sees it without a restart: the event annotates that metric's SPC chart.
    metric_id, org_code, _, description = EVENT
    open_app(page, app_url, page_paths["Metric detail"], org=org_code, metric=metric_id)
    chart_text = page.locator(".js-plotly-plot").first.inner_text()
    assert description in chart_text, chart_text[:1000]


def test_a_bad_extract_is_refused_with_line_and_column(page, app_url, page_paths, data_copy):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths[DATA_PAGE])
    upload(page, BAD_NAME, events_csv(("ae_4hr_all", "XRA05", "31/13/2025", "Not a date")))
    text = main_text(page)
    assert "Not saved" in text, text[:3000]
    assert "31/13/2025" in "\n".join(
        row["Value"] for row in table_rows(page, page.get_by_test_id("stDataFrame").first)
    )
    assert page.get_by_role("button", name="Save to the data folder").count() == 0
    assert not (data_copy / BAD_NAME).exists()
