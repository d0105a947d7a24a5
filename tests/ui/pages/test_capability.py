"""The NHS IMPACT capability page on the demo data, handed the context the entry point gives."""

from __future__ import annotations

from datetime import date

import pytest

from impact.contracts import IMPACT_COMPONENTS
from tests.ui.apps import page_texts as texts
from tests.ui.apps import with_context


def test_capability_page_changes_with_the_organisation(demo):
    store, tree, _months = demo
    assessed = store.query(
        "capability_self_assessment",
        org_codes=store.query("board_org_tree")["org_code"].tolist(),
        period_to=date(2100, 1, 1),
    )
    latest = assessed[
        assessed["assessment_date"]
        == assessed.groupby("org_code")["assessment_date"].transform("max")
    ]
    wanted = {
        org: tuple(
            f"{v:g}" for v in part.set_index("component").loc[list(IMPACT_COMPONENTS), "score"]
        )
        for org, part in latest.groupby("org_code")
    }
    first = next(iter(wanted))
    second = next(org for org in wanted if wanted[org] != wanted[first])
    for org in (first, second):
        at = with_context(demo, "capability.py", org)
        assert at.title[0].value == "NHS IMPACT capability"
        table = at.dataframe[0].value
        assert list(table["Component"])[2] == "Developing leadership behaviours"
        assert tuple(table["Score"]) == wanted[org]
        assert tree.name(org) in texts(at)
        assert "Questions the board may wish to ask" in [h.value for h in at.header]


def test_capability_page_for_an_org_with_no_assessment(demo):
    store, tree, _months = demo
    assessed = set(
        store.query(
            "capability_self_assessment",
            org_codes=store.query("board_org_tree")["org_code"].tolist(),
            period_to=date(2100, 1, 1),
        )["org_code"]
    )
    orgs = store.query("board_org_tree")
    never = orgs[~orgs["org_code"].isin(assessed)]
    if never.empty:
        pytest.skip("every demo organisation has a self-assessment")
    org = never["org_code"].iloc[0]
    at = with_context(demo, "capability.py", org)
    body = texts(at)
    assert f"There is no NHS IMPACT self-assessment for {tree.name(org)}" in body
    assert "when will the board see one" in body


def test_capacity_measure_follows_the_link(demo):
    store = demo[0]
    orgs = store.query("board_org_tree")["org_code"].tolist()
    assessed = store.query("capability_self_assessment", org_codes=orgs, period_to=date(2100, 1, 1))
    org = sorted(assessed["org_code"].unique())[0]
    at = with_context(demo, "capability.py", org, capacity="coaches_per_1000")
    assert at.radio[0].value == "coaches_per_1000"
    bad = with_context(demo, "capability.py", org, capacity="nonsense")
    assert bad.radio[0].value == "trained_any_pct"
    assert any("is not known" in i.value for i in bad.info)
