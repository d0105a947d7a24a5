"""The board's pages in a real browser: filters in the URL, drill-through, downloads, sessions.

AppTest cannot see what a browser sees: the address bar, a file the browser saves, two
people opening the dashboard at the same moment. These tests drive the live app in
headless Chromium and check exactly those.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import (
    assert_rendered,
    choose_option,
    main_text,
    new_page,
    open_app,
    rerun_after,
    screenshot,
    table_rows,
    wait_for_app,
)

pytestmark = pytest.mark.browser

ORG_PICKER = "Trust or primary care network"
#: A trust in the default organisation's ICB, so it is one of the picker's options.
OTHER_TRUST = ("XRA03", "Demo Northfield Hospitals NHS Foundation Trust")
QUESTIONS_HEADING = "Questions the board may wish to ask"
#: ``Latest (Sep 2026): 77.5% · target 80%`` on each overview card.
LATEST_LINE = re.compile(r"^Latest \(\w{3} \d{4}\): .+$", re.M)


def url_params(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def latest_lines(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The "Latest (month): value · target" line of every metric card, in page order."""
    return LATEST_LINE.findall(main_text(page))


def banner_org(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".nhs-header .nhs-org").inner_text().strip()


def test_org_choice_goes_into_the_url_and_a_pasted_url_reproduces_the_view(page, browser, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url)
    first = url_params(page)
    assert first.get("org"), f"the overview did not write the organisation to the URL: {page.url}"
    assert first["org"] != OTHER_TRUST[0]
    before = latest_lines(page)
    assert len(before) >= 3, f"expected a metric card per metric, saw {before}"

    choose_option(page, ORG_PICKER, OTHER_TRUST[1])
    assert_rendered(page)
    chosen = url_params(page)
    assert chosen["org"] == OTHER_TRUST[0]
    assert chosen["from"] == first["from"] and chosen["to"] == first["to"]
    assert banner_org(page) == OTHER_TRUST[1]
    assert f"({OTHER_TRUST[0]})" in main_text(page)
    full_name = page.get_by_test_id("stSidebar").locator(".org-on-view").inner_text()
    assert OTHER_TRUST[1] in full_name, "the sidebar names the organisation in full"
    after = latest_lines(page)
    assert after and after != before, "choosing another trust did not change the numbers"

    pasted = new_page(browser)
    try:
        pasted.goto(page.url)
        wait_for_app(pasted)
        assert_rendered(pasted)
        assert url_params(pasted) == chosen
        assert banner_org(pasted) == OTHER_TRUST[1]
        picker = pasted.get_by_role("combobox", name=ORG_PICKER, exact=True)
        assert picker.input_value() == OTHER_TRUST[1]
        assert latest_lines(pasted) == after
    finally:
        pasted.context.close()


def test_a_metric_card_opens_that_metrics_detail_with_the_filters(page, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url, org=OTHER_TRUST[0])
    link = page.get_by_role("link", name=re.compile(r"^Open the detail for ")).first
    metric_name = link.inner_text().split("Open the detail for ", 1)[1].strip()
    rerun_after(page, link.click)
    assert_rendered(page)
    params = url_params(page)
    assert urlparse(page.url).path.rstrip("/").endswith("metric-detail")
    assert params["org"] == OTHER_TRUST[0] and params.get("metric")
    page.get_by_role("heading", name="Metric detail", exact=True).wait_for()
    assert page.get_by_role("combobox", name="Metric", exact=True).input_value() == metric_name
    text = main_text(page)
    assert f"{metric_name} · Latest" in text
    for heading in ("The numbers", "Target history", "Events"):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    assert banner_org(page) == OTHER_TRUST[1]
    screenshot(page, "metric-detail")


def test_summary_table_rows_open_the_detail_and_agree_with_the_cards(page, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url, org=OTHER_TRUST[0])
    page.get_by_role("heading", name="Summary table", exact=True).wait_for()
    table = page.get_by_test_id("stDataFrame").last
    table.scroll_into_view_if_needed()
    overflow = table.evaluate(
        """t => [...t.querySelectorAll('*')]
             .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
             .filter(e => e.scrollWidth > e.clientWidth + 1)
             .map(e => e.scrollWidth - e.clientWidth)"""
    )
    assert not overflow, f"the summary table scrolls sideways at 1600 px by {overflow} px"
    rows = table_rows(page, table)
    assert len(rows) >= 3
    card_values = sorted(
        line.split(": ", 1)[1].split(" · ")[0].strip() for line in latest_lines(page)
    )
    assert sorted(r["latest"] for r in rows) == card_values
    shown = url_params(page)
    links = [urlparse(r["open"]) for r in rows]
    for row, link in zip(rows, links, strict=True):
        params = {k: v[-1] for k, v in parse_qs(link.query).items()}
        assert link.path.endswith("metric-detail"), row["open"]
        assert params["org"] == OTHER_TRUST[0], row["open"]
        assert (params["from"], params["to"]) == (shown["from"], shown["to"])
    assert len({parse_qs(link.query)["metric"][0] for link in links}) == len(rows)

    row = rows[1]
    open_app(page, app_url, row["open"])
    assert page.get_by_role("combobox", name="Metric", exact=True).input_value() == row["metric"]
    detail = re.search(
        rf"{re.escape(row['metric'])} · Latest \w{{3}} \d{{4}}: (\S+)", main_text(page)
    )
    assert detail and detail.group(1) == row["latest"], "the detail shows the table's latest value"


def test_csv_download_holds_the_numbers_behind_the_chart(page, app_url, page_paths):  # type: ignore[no-untyped-def]
    open_app(page, app_url, page_paths["Elective care"], org=OTHER_TRUST[0])
    button = page.get_by_role("button", name=re.compile(r"^Download the numbers behind the "))
    first = button.first
    label = first.inner_text()
    with page.expect_download() as info:
        first.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    assert f"_{OTHER_TRUST[0]}_" in download.suggested_filename
    text = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, f"empty CSV behind {label!r}"
    header = list(rows[0])
    for column in ("metric_id", "org_code", "period_start", "value", "mean", "lpl", "upl"):
        assert column in header, f"{column} missing from {header}"
    assert {r["org_code"] for r in rows} == {OTHER_TRUST[0]}
    assert len({r["metric_id"] for r in rows}) == 1
    periods = [r["period_start"] for r in rows]
    assert periods == sorted(periods) and len(set(periods)) == len(periods)
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", r["value"]) for r in rows)
    assert_rendered(page)


def test_two_sessions_at_once_both_render_fully(browser, app_url):  # type: ignore[no-untyped-def]
    first, second = new_page(browser), new_page(browser)
    try:
        # Start both loads before waiting on either, so their script runs overlap.
        first.goto(f"{app_url}/?org=XRA05", wait_until="commit")
        second.goto(f"{app_url}/?org=XRA01", wait_until="commit")
        for one, code in ((first, "XRA05"), (second, "XRA01")):
            wait_for_app(one)
            assert_rendered(one)
            assert f"({code})" in main_text(one)
            headings = one.get_by_role("heading", name=QUESTIONS_HEADING, exact=True)
            # one beside the summary matrix, then one closing each priority
            assert headings.count() == 4, "each priority closes with the board's questions"
            assert len(latest_lines(one)) >= 3
    finally:
        first.context.close()
        second.context.close()


def test_organisation_filter_works_from_the_keyboard(page, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url)
    picker = page.get_by_role("combobox", name=ORG_PICKER, exact=True)
    for _ in range(60):
        page.keyboard.press("Tab")
        if picker.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the {ORG_PICKER!r} select box")

    def choose() -> None:
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("Northfield Hosp")
        page.get_by_role("option", name=OTHER_TRUST[1], exact=True).wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")

    rerun_after(page, choose)
    assert_rendered(page)
    assert url_params(page)["org"] == OTHER_TRUST[0]
    assert banner_org(page) == OTHER_TRUST[1]


def test_a_malformed_link_falls_back_with_a_note(page, app_url):  # type: ignore[no-untyped-def]
    open_app(page, app_url, org="NOT-AN-ORG", **{"from": "13/2025", "priority": "<script>"})
    text = main_text(page)
    assert "“NOT-AN-ORG” in the link is not in the data" in text
    assert "“13/2025” in the link is not a month" in text
    assert "<script>" in text, "the unknown priority is named, as text"
    params = url_params(page)
    assert params["org"] != "NOT-AN-ORG" and "priority" not in params
    assert banner_org(page) and len(latest_lines(page)) >= 3
