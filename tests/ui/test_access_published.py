"""The rule per source: published statistics stay comparable; an own extract is scoped.

The RTT full extract below is NHS England's published layout, read by its publication
reader: Manchester (R0A, Greater Manchester ICB) and Somerset (RH5, Somerset ICB) figures
are public, so a user scoped to Greater Manchester still sees Somerset as a peer. Once an
analyst's own extract names Somerset, Somerset is hidden from that user entirely.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from impact.store import reset_stores
from tests.ui.test_access import AUTH

SAMPLE = PROJECT_ROOT / "tests" / "sources" / "fixtures" / "rtt_full_extract_sample.csv"
ACCESS = '[[grant]]\nemail = "gm@example.nhs.uk"\nrole = "viewer"\norgs = ["QOP"]\n'


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    access = tmp_path / "access.toml"
    access.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("IMPACT_ACCESS_FILE", str(access))
    reset_stores()
    yield folder
    reset_stores()


def _read() -> None:
    import streamlit as st

    from impact.ui import data

    data.refresh()
    frame = data.query(
        "board_peers",
        metric_id="rtt_18wk_pct",
        org_codes=["R0A", "RH5"],
        period_to=data.months()[-1],
    )
    st.session_state["seen"] = sorted(frame["org_code"])
    st.session_state["hidden"] = sorted(data.hidden())


def _seen() -> tuple[list[str], list[str]]:
    at = AppTest.from_function(_read, default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "gm@example.nhs.uk"}
    at.run()
    assert not at.exception, at.exception
    return at.session_state["seen"], at.session_state["hidden"]


def test_published_figures_of_another_icb_stay_comparable(published: Path) -> None:
    assert _seen() == (["R0A", "RH5"], [])


def test_an_own_extract_naming_that_trust_hides_it(published: Path) -> None:
    (published / "own_events.csv").write_text(
        "metric_id,org_code,event_date,description,rebase\n"
        "rtt_18wk_pct,RH5,2025-01-06,New validation team,false\n",
        encoding="utf-8",
    )
    assert _seen() == (["R0A"], ["RH5"])
