"""The dashboard on NHS England's A&E files and the ODS trust list, exactly as downloaded.

Issue "done means": with nothing edited by hand, the overview answers the A&E question for
a real trust placed in its region → ICB → trust hierarchy, and England's figure equals
the published one. Skipped (with the reason) where the shared reference data is absent.
"""

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from impact.board import build_board
from impact.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
AE = SHARED / "nhs-england" / "ae-monthly-2024-25"
ODS = SHARED / "ods" / "trusts_etr_2026-01.csv"

pytestmark = pytest.mark.skipif(
    not (AE.is_dir() and ODS.is_file()),
    reason="the shared NHS England A&E files and ODS trust list are not beside the project",
)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    shutil.copytree(AE, folder / "ae")
    shutil.copy2(ODS, folder / ODS.name)
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_DATA_DIR", str(folder))
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield folder
    mp.undo()


def test_england_equals_the_published_four_hour_figures(published):
    rows = open_store(published).query("store_org_series", org_code="ENG")
    four_hour = rows[rows.metric_id == "ae_4hr_all"]
    by_month = {pd.Timestamp(r.period_start).date(): r.value for r in four_hour.itertuples()}
    assert round(by_month[date(2024, 12, 1)], 1) == 71.1
    assert round(by_month[date(2025, 3, 1)], 1) == 75.0


def test_the_overview_answers_the_ae_question_for_a_real_trust(published):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["org"] = "RH5"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # Somerset sits under its ICB and region, as the ODS list says.
    assert at.sidebar.selectbox(key="f_level1").value == "Y58"
    assert at.sidebar.selectbox(key="f_level2").value == "QSL"
    assert at.sidebar.selectbox(key="f_level3").value == "RH5"
    # A region lists its ICBs and, beside them, providers with no ICB (UTCs, independents).
    assert at.sidebar.selectbox(key="f_level2").label == (
        "Integrated care board (ICB) or other organisation"
    )
    subheaders = [s.value for s in at.subheader]
    assert "Are patients being seen within four hours in A&E?" in subheaders
    f = at.session_state["_filters_state"]
    expected = build_board(open_store(published).query, "RH5", f.period_from, f.period_to)
    answer = expected.answer("ae_4hr_all")
    texts = "\n".join([m.value for m in at.markdown] + [h.proto.body for h in at.get("html")])
    assert answer.answer in texts
    assert f"**{answer.latest_text}**" in texts
    assert answer.target == 78.0  # the national target in force in 2025, from the catalogue
