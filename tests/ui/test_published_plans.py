"""A plan beside the published A&E figures of a real trust (AppTest): the plan line on the
UEC page's chart and the plan sentence, from the A&E files as downloaded and one plans
extract. Skipped where the shared reference data is absent, failing under CI."""

from __future__ import annotations

import base64
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from impact.board import build_board
from impact.store import open_store, reset_stores
from impact.ui.pages.priority import charts_key
from tests.conftest import shared_path
from tests.ui.apps import dashboard, markdown_and_html

TRUST = "RH5"  # Somerset NHS Foundation Trust
PLANNED = 76.0


def write_plan_folder(folder):
    """The A&E files and ODS list as downloaded, and one plans extract for :data:`TRUST`."""
    ae = shared_path("data", "nhs-england", "ae-monthly-2024-25")
    ods = shared_path("data", "ods", "trusts_etr_2026-01.csv")
    shutil.copytree(ae, folder / "ae")
    shutil.copy2(ods, folder / ods.name)
    months = pd.date_range("2024-04-01", "2025-12-01", freq="MS")
    (folder / "operating plan.csv").write_text(
        "metric_id,org_code,period_start,planned_value,plan_name,submitted\n"
        + "".join(
            f"ae_4hr_all,{TRUST},{m:%Y-%m-%d},{PLANNED},2024/25 operating plan,2024-03-28\n"
            for m in months
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def published_with_plan(tmp_path_factory):
    folder = write_plan_folder(tmp_path_factory.mktemp("published-plans"))
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_DATA_DIR", str(folder))
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    reset_stores()
    yield folder
    mp.undo()
    reset_stores()


def _array(value: object) -> list:
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)  # type: ignore[call-overload]


def test_the_uec_page_draws_the_plan_for_a_real_trust(published_with_plan):
    at = dashboard(timeout=120, org=TRUST)
    at.session_state[charts_key("ae_4hr_all")] = True  # its charts section open
    at.switch_page("views/uec.py").run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    f = at.session_state["_filters_state"]
    board = build_board(open_store(published_with_plan).query, TRUST, f.period_from, f.period_to)
    answer = board.answer("ae_4hr_all")
    assert answer.plan == PLANNED and answer.plan_name == "2024/25 operating plan"
    assert answer.plan_text in markdown_and_html(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    chart = next(c for c in charts if any(t.get("name") == "Plan" for t in c["data"]))
    [plan] = [t for t in chart["data"] if t.get("name") == "Plan"]
    ys = [y for y in _array(plan["y"]) if y is not None]
    assert ys and set(ys) == {PLANNED}
    assert len(ys) == answer.points["value"].notna().sum()  # every published month planned
