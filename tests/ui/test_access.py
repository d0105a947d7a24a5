"""Sign-in in AppTest: the gate, the scoped picker, a forged link, and each role's controls.

``at.secrets["auth"]`` turns sign-in on and ``at.user`` is the OIDC user of the run; the
access file is a temporary TOML named by ``IMPACT_ACCESS_FILE``. The demo data is all
analysts' own extracts (nothing published), so every organisation outside a user's scope
is hidden from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.records.audit import SIGNED_IN, UPLOADED, open_audit
from impact.ui.access import plain
from tests.ui.apps import DASHBOARD, OBS_HEADER, VIEWS

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough",
    "client_id": "impact",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ACCESS = """
[[grant]]
email = "viewer@riverside.example"
role = "viewer"
orgs = ["XQA"]

[[grant]]
email = "analyst@riverside.example"
role = "analyst"
orgs = ["XRA01"]

[[grant]]
email = "secretary@riverside.example"
role = "secretary"
orgs = ["XQA"]

[[grant]]
domain = "region.example"
role = "admin"
orgs = ["*"]
"""
RIVERSIDE = {"XQA", "XRA01", "XRA02", "XRA03", "XRA04", "XPCN01", "XPCN02", "XPCN03"}
MOORLAND = {"XQB", "XRA05", "XRA06", "XRA07", "XRA08", "XPCN04", "XPCN05", "XPCN06"}


@pytest.fixture
def signed_in_setup(demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("IMPACT_ACCESS_FILE", str(path))
    return demo_copy


def _as(at: AppTest, email: str | None) -> AppTest:
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    return at


def _dashboard(email: str | None, **params: str) -> AppTest:
    at = _as(AppTest.from_file(DASHBOARD, default_timeout=90), email)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page(view: str, email: str, **params: str) -> AppTest:
    at = _as(AppTest.from_file(str(VIEWS / view), default_timeout=90), email)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _org(at: AppTest) -> str:
    value = at.query_params["org"]
    return value if isinstance(value, str) else value[-1]


def _words(at: AppTest) -> str:
    kinds = ("title", "markdown", "caption", "info", "warning", "error", "success")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_signed_out_sees_only_the_sign_in_page(signed_in_setup: Path) -> None:
    at = _dashboard(None)
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.selectbox and not at.dataframe


def test_a_signed_in_user_without_an_entry_sees_only_the_no_access_page(
    signed_in_setup: Path,
) -> None:
    at = _dashboard("stranger@elsewhere.example", org="XRA01")
    assert [t.value for t in at.title] == ["No access yet"]
    assert plain("stranger@elsewhere.example") in _words(at)
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.selectbox and not at.dataframe and not at.metric
    assert open_audit(signed_in_setup).entries() == []


def test_a_broken_access_file_lets_nobody_in(signed_in_setup: Path, tmp_path: Path) -> None:
    (tmp_path / "access.toml").write_text("[[grant]]\nemail = 'x'\n", encoding="utf-8")
    at = _dashboard("viewer@riverside.example")
    assert [t.value for t in at.title] == ["No access yet"]
    assert "access list could not be read" in _words(at)


def test_the_picker_lists_only_the_users_organisations(signed_in_setup: Path) -> None:
    at = _dashboard("viewer@riverside.example")
    top = at.selectbox(key="f_level1")
    assert top.options == ["Demo Riverside Integrated Care Board"]
    below = at.selectbox(key="f_level2").options
    assert "All of Demo Riverside Integrated Care Board" in below
    assert not any("Moorland" in o or "Westdale" in o for o in below)
    assert len(below) == 1 + len(RIVERSIDE) - 1
    assert f"Signed in as **{plain('viewer@riverside.example')}** (viewer)" in _words(at)
    (entry,) = open_audit(signed_in_setup).entries()
    assert (entry.actor, entry.action, entry.target) == (
        "viewer@riverside.example",
        SIGNED_IN,
        "viewer",
    )
    at.run()  # the same session again: its sign-in is recorded once
    assert len(open_audit(signed_in_setup).entries()) == 1


def test_a_forged_link_to_another_organisation_falls_back_with_a_note(
    signed_in_setup: Path,
) -> None:
    at = _dashboard("viewer@riverside.example", org="XRA05")
    words = _words(at)
    assert "“XRA05” in the link is not in your scope" in words
    assert _org(at) in RIVERSIDE
    assert "Demo Moorland Royal Infirmary" not in words


def test_an_admin_of_everything_sees_every_region_and_the_audit_page(
    signed_in_setup: Path,
) -> None:
    at = _dashboard("chair@region.example", org="XRA05")
    assert "not in your scope" not in _words(at)
    assert _org(at) == "XRA05"
    audit = _page("audit.py", "chair@region.example")
    table = audit.dataframe[0].value
    assert set(table["Action"]) == {SIGNED_IN}
    assert "chair@region.example" in set(table["Who"])


def test_the_audit_page_refuses_anyone_but_an_admin(signed_in_setup: Path) -> None:
    at = _page("audit.py", "secretary@riverside.example")
    assert any("administrators only" in e.value for e in at.error)
    assert not at.dataframe and not at.get("download_button")


def _read() -> None:
    """A script run reading peers of Riverside's trust across the whole region."""
    import streamlit as st

    from impact.ui import data

    months = data.months()
    frame = data.query(
        "board_peers",
        metric_id="ae_4hr_all",
        org_codes=[f"XRA0{n}" for n in range(1, 9)],
        period_to=months[-1],
    )
    st.session_state["seen"] = sorted(frame["org_code"])


def test_reads_leave_out_other_organisations_rows(signed_in_setup: Path) -> None:
    at = _as(AppTest.from_function(_read, default_timeout=90), "viewer@riverside.example")
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["seen"] == ["XRA01", "XRA02", "XRA03", "XRA04"]
    at = _as(AppTest.from_function(_read, default_timeout=90), "chair@region.example")
    at.run()
    assert at.session_state["seen"] == [f"XRA0{n}" for n in range(1, 9)]


def test_a_viewer_cannot_upload_and_does_not_see_findings(signed_in_setup: Path) -> None:
    at = _page("data.py", "viewer@riverside.example")
    assert not at.get("file_uploader")
    words = _words(at)
    assert "Adding extracts is for analysts" in words
    assert plain("Signed in as viewer@riverside.example, viewer") in words
    assert "Validation findings" not in [h.value for h in at.header]


def test_an_analysts_upload_is_saved_and_audited(signed_in_setup: Path) -> None:
    at = _page("data.py", "analyst@riverside.example")
    uploader = at.get("file_uploader")[0]
    content = (OBS_HEADER + "ae_4hr_all,XRA01,2099-01-01,71.5,,\n").encode()
    at.file_uploader(key=uploader.key).set_value(("new_obs.csv", content, "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Save to the data folder").click()
    at.run()
    assert not at.exception, at.exception
    assert (signed_in_setup / "new_obs.csv").exists()
    uploads = [e for e in open_audit(signed_in_setup).entries() if e.action == UPLOADED]
    assert [(e.actor, e.target) for e in uploads] == [("analyst@riverside.example", "new_obs.csv")]
    assert "1 row(s)" in (uploads[0].detail or "")


def test_only_a_secretary_gets_the_question_forms(signed_in_setup: Path) -> None:
    viewer = _page("questions.py", "viewer@riverside.example", org="XRA01")
    assert any("for board secretaries" in i.value for i in viewer.info)
    assert not viewer.get("text_area") and not viewer.get("file_uploader")
    assert "Download the whole question log (CSV)" not in [
        b.proto.label for b in viewer.get("download_button")
    ]
    secretary = _page("questions.py", "secretary@riverside.example", org="XRA01")
    assert secretary.get("text_area")  # the record form
    assert secretary.get("file_uploader")  # the import


def test_the_audit_page_filters_by_person(signed_in_setup: Path) -> None:
    log = open_audit(signed_in_setup)
    log.record("viewer@riverside.example", SIGNED_IN, "viewer")
    log.record("analyst@riverside.example", UPLOADED, "new.csv", "1 row(s) of observations")
    at = _page("audit.py", "chair@region.example")
    assert set(at.dataframe[0].value["Who"]) == {
        "viewer@riverside.example",
        "analyst@riverside.example",
    }
    at.selectbox(key="audit-actor").set_value("analyst@riverside.example").run()
    table = at.dataframe[0].value
    assert list(table["What"]) == ["new.csv"]
    assert list(table["Detail"]) == ["1 row(s) of observations"]


def test_without_auth_the_app_runs_open_and_the_data_page_says_so(demo_copy: Path) -> None:
    at = AppTest.from_file(str(VIEWS / "data.py"), default_timeout=90).run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning if "Sign-in is not set up" in w.value]
    assert "anyone who can reach this dashboard" in warning
    assert at.get("file_uploader")  # open: everyone may upload, as before sign-in existed
    assert "Validation findings" in [h.value for h in at.header]


def test_a_claim_is_shown_as_written_never_as_a_link() -> None:
    assert plain("[x](https://evil.example)") == r"\[x\]\(https\://evil\.example\)"
    assert plain("ana_b@trust.nhs.uk") == r"ana\_b@trust\.nhs\.uk"


def _everything_drawn(at: AppTest) -> str:
    """Every text, table and chart (plotly's JSON, hover text included) the run drew."""
    parts = [_words(at)]
    parts += [table.value.to_csv() for table in at.dataframe]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts)


MOORLAND_TRUST_NAMES = ("Moorland Royal Infirmary", "Westdale Hospitals", "Hilltop Teaching")


def _board_page(email: str, view: str) -> str:
    at = _dashboard(email, org="XRA01", compare="1", peers="region")
    at.switch_page(f"views/{view}").run()
    assert not at.exception, [e.value for e in at.exception]
    return _everything_drawn(at)


def test_the_region_wide_peer_chart_shows_moorland_to_an_admin(signed_in_setup: Path) -> None:
    drawn = _board_page("chair@region.example", "uec.py")
    assert any(name in drawn for name in MOORLAND_TRUST_NAMES)


@pytest.mark.parametrize(
    "view",
    [
        "overview.py",
        "elective.py",
        "uec.py",
        "primary_care.py",
        "metric_detail.py",
        "improvement.py",
        "capability.py",
        "meeting.py",
    ],
)
def test_no_board_page_shows_another_icbs_trusts_to_a_scoped_user(
    signed_in_setup: Path, view: str
) -> None:
    drawn = _board_page("viewer@riverside.example", view)
    assert not [name for name in MOORLAND_TRUST_NAMES if name in drawn], view
