"""Sign-in end to end: a real OIDC provider, two users with different scopes and roles.

The app runs with an ``[auth]`` secrets section pointing at ``oidc-provider-mock`` on a
free port and an access file granting an analyst the Riverside ICB and a board secretary
the Moorland ICB. Each signs in through the provider's own sign-in page in a browser
context of their own, and the test checks what each may choose, see, download and do.
The demo extracts are the analysts' own (nothing published), so neither sees the other
ICB's figures anywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from impact.records.audit import DOWNLOADED_PACK, SIGNED_IN, UPLOADED, open_audit
from tests.browser.conftest import (
    assert_rendered,
    main_text,
    new_page,
    rerun_after,
    wait_for_app,
)
from tests.browser.live_app import free_port, running_app
from tests.browser.oidc_provider import running_provider
from tests.browser.test_data_upload import events_csv, upload

pytestmark = pytest.mark.browser

ANALYST = "ana@riverside.example"
SECRETARY = "sam@moorland.example"
ACCESS = f"""
[[grant]]
email = "{ANALYST}"
role = "analyst"
orgs = ["XQA"]

[[grant]]
email = "{SECRETARY}"
role = "secretary"
orgs = ["XQB"]
"""
AE = "A&E 4-hour performance (all types)"
RIVERSIDE_TRUSTS = {"XRA01", "XRA02", "XRA03", "XRA04"}
MOORLAND_TRUSTS = {"XRA05", "XRA06", "XRA07", "XRA08"}
MOORLAND_NAMES = ("Moorland Royal Infirmary", "Westdale Hospitals", "Hilltop Teaching")
UPLOAD_NAME = "sign-in-upload-events.csv"
#: An annotation for one of the analyst's own trusts.
OWN_EVENT = ("ae_4hr_all", "XRA01", "2026-03-03", "Sign-in check: new streaming model began")


@pytest.fixture(scope="module")
def signed_app(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The app with sign-in on, against a live OIDC provider: its base URL and data folder."""
    folder = tmp_path_factory.mktemp("sign-in")
    users = [
        {"sub": ANALYST, "email": ANALYST, "name": "Ana Analyst"},
        {"sub": SECRETARY, "email": SECRETARY, "name": "Sam Secretary"},
    ]
    with running_provider(users, folder / "provider.log") as provider:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "browser-test-cookie-secret-0123456789"\n'
            'client_id = "impact-dashboard"\n'
            'client_secret = "browser-test-client-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        access = folder / "access.toml"
        access.write_text(ACCESS, encoding="utf-8")
        data = folder / "data"
        data.mkdir()
        for extract in data_copy.glob("*.csv"):
            (data / extract.name).write_bytes(extract.read_bytes())
        with running_app(
            data,
            folder / "cache",
            folder / "streamlit.log",
            extra_env={"IMPACT_ACCESS_FILE": str(access)},
            extra_args=(f"--secrets.files={secrets}",),
            port=port,
        ) as url:
            yield url, data


def _signed_in(browser, app_url: str, who: str):  # type: ignore[no-untyped-def]
    """A page in a context of its own, signed in as ``who`` through the provider."""
    page = new_page(browser)
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("button", name=who, exact=True).click()  # the provider's own page
    page.wait_for_url(f"{app_url}/**")
    page.get_by_text(f"Signed in as {who}").wait_for()
    wait_for_app(page)
    assert_rendered(page)
    return page


def _picker_options(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)
    box.click()
    options = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return options


def _download(page, name: str) -> bytes:  # type: ignore[no-untyped-def]
    button = page.get_by_role("button", name=name, exact=True)
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def test_signed_out_visitors_see_only_the_sign_in_page(browser, signed_app):  # type: ignore[no-untyped-def]
    app_url, _data = signed_app
    page = new_page(browser)
    try:
        page.goto(f"{app_url}/elective?org=XRA01")
        wait_for_app(page)
        text = main_text(page)
        assert "Sign in" in text and "Elective" not in text
        assert page.get_by_test_id("stSidebarNav").count() == 0
    finally:
        page.context.close()


def test_the_analyst_sees_only_riverside_and_may_upload(browser, signed_app):  # type: ignore[no-untyped-def]
    signed_app, data = signed_app
    page = _signed_in(browser, signed_app, ANALYST)
    try:
        top = _picker_options(page, "Integrated care board (ICB)")
        assert top == ["Demo Riverside Integrated Care Board"]

        # A forged link to a Moorland trust falls back to Riverside, with a note.
        page.goto(f"{signed_app}/uec?org=XRA05")
        wait_for_app(page)
        text = main_text(page)
        assert "“XRA05” in the link is not in your scope" in text
        assert "XRA05" not in page.url and "org=XRA0" in page.url

        # The peer comparison CSV lists Riverside's trusts only.
        rows = list(
            csv.DictReader(
                io.StringIO(
                    _download(
                        page,
                        "Download the peer comparison for A&E 4-hour performance (all types) (CSV)",
                    ).decode("utf-8-sig")
                )
            )
        )
        codes = {r["org_code"] for r in rows}
        assert codes and codes <= RIVERSIDE_TRUSTS, codes

        # The board pack holds no Moorland figures or names.
        page.goto(f"{signed_app}/?org=XRA01")
        wait_for_app(page)
        pack = _download(page, "Download board pack (HTML)").decode("utf-8")
        assert "Riverside University Hospitals" in pack
        assert not any(name in pack for name in MOORLAND_NAMES)

        # The analyst may upload, and may not keep the question log.
        page.goto(f"{signed_app}/data")
        wait_for_app(page)
        upload(page, UPLOAD_NAME, events_csv(OWN_EVENT))
        rerun_after(
            page, lambda: page.get_by_role("button", name="Save to the data folder").click()
        )
        assert (data / UPLOAD_NAME).exists()
        page.goto(f"{signed_app}/questions?org=XRA01")
        wait_for_app(page)
        assert "for board secretaries" in main_text(page)
        assert page.get_by_role("button", name="Record question").count() == 0
    finally:
        page.context.close()
    entries = {(e.actor, e.action, e.target) for e in open_audit(data).entries()}
    assert (ANALYST, SIGNED_IN, "analyst") in entries
    assert (ANALYST, UPLOADED, UPLOAD_NAME) in entries
    packs = [e[2] for e in entries if e[:2] == (ANALYST, DOWNLOADED_PACK)]
    assert [p.startswith("board-pack-XRA01-") and p.endswith(".html") for p in packs] == [True]


def test_the_secretary_sees_only_moorland_and_keeps_the_log(browser, signed_app):  # type: ignore[no-untyped-def]
    signed_app, data = signed_app
    page = _signed_in(browser, signed_app, SECRETARY)
    try:
        page.goto(f"{signed_app}/questions?org=XRA01")  # a Riverside trust: out of scope
        wait_for_app(page)
        text = main_text(page)
        assert "“XRA01” in the link is not in your scope" in text
        top = _picker_options(page, "Integrated care board (ICB)")
        assert top == ["Demo Moorland Integrated Care Board"]
        page.get_by_label("Owner (who will bring the answer)").fill("Chief Operating Officer")
        rerun_after(page, lambda: page.get_by_role("button", name="Record question").click())
        assert "Question recorded" in main_text(page)

        page.goto(f"{signed_app}/uec?org=XRA05")
        wait_for_app(page)
        peers_csv = _download(page, f"Download the peer comparison for {AE} (CSV)")
        codes = {r["org_code"] for r in csv.DictReader(io.StringIO(peers_csv.decode("utf-8-sig")))}
        assert codes and codes <= MOORLAND_TRUSTS, codes
    finally:
        page.context.close()
    actions = [(e.actor, e.action) for e in open_audit(data).entries()]
    assert (SECRETARY, SIGNED_IN) in actions
    assert (SECRETARY, "question added") in actions
