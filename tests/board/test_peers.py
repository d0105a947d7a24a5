"""Peer and ICB/region comparisons: one query for the one metric, on the demo data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact import PROJECT_ROOT
from impact.board.peers import PEER_COLUMNS, comparison, peer_values
from impact.orgs import OrgTree
from impact.store import open_store

DEMO = PROJECT_ROOT / "data" / "demo"
METRIC = "ae_4hr_all"
FROM, TO = date(2024, 4, 1), date(2025, 3, 31)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return open_store(DEMO, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def tree(store) -> OrgTree:
    return OrgTree.from_frame(store.query("board_org_tree"))


def _observations(store, code: str) -> pd.DataFrame:
    """Every metric of one organisation, as the pages once filtered it in pandas."""
    obs = store.query("board_observations", org_code=code, period_from=FROM, period_to=TO)
    return obs[obs["metric_id"] == METRIC]


def test_peers_are_the_trusts_of_its_icb_each_at_its_latest_value(store, tree):
    trust = tree.of_type("trust")[0].code
    frame = peer_values(
        store.query, tree, org_code=trust, metric_id=METRIC, scope="parent", period_to=TO
    )
    assert tuple(frame.columns) == PEER_COLUMNS
    expected = {p.code for p in tree.peers(trust, "parent")}
    assert set(frame["org_code"]) == expected and trust in expected and len(expected) > 1
    for row in frame.itertuples(index=False):
        obs = store.query(
            "board_observations", org_code=row.org_code, period_from=date(2000, 1, 1), period_to=TO
        )
        latest = obs[obs["metric_id"] == METRIC].sort_values("period_start").iloc[-1]
        assert row.period_start == pd.Timestamp(latest["period_start"]).date() <= TO
        assert row.value == latest["value"]
        assert row.org_name == tree.name(row.org_code)


def test_region_scope_reaches_beyond_the_icb(store, tree):
    trust = tree.of_type("trust")[0].code
    parent = peer_values(
        store.query, tree, org_code=trust, metric_id=METRIC, scope="parent", period_to=TO
    )
    region = peer_values(
        store.query, tree, org_code=trust, metric_id=METRIC, scope="region", period_to=TO
    )
    assert set(parent["org_code"]) < set(region["org_code"])


def test_comparison_is_the_trust_its_icb_and_its_region(store, tree):
    trust = tree.of_type("trust")[0].code
    result = comparison(
        store.query, tree, org_code=trust, metric_id=METRIC, period_from=FROM, period_to=TO
    )
    codes = [trust] + [o.code for o in tree.ancestors(trust) if o.org_type in ("icb", "region")]
    assert [name for name, _ in result.series] == [tree.name(c) for c in codes]
    for code, (_, part) in zip(codes, result.series, strict=True):
        old = _observations(store, code)[["org_code", "period_start", "value"]]
        pd.testing.assert_frame_equal(part, old.reset_index(drop=True))
    assert len(result.frame) == sum(len(p) for _, p in result.series)
    assert all(not part.empty for _, part in result.shown)


def test_an_organisation_missing_from_the_tree_is_compared_with_itself_alone(store, tree):
    frame = peer_values(
        store.query, tree, org_code="NOPE", metric_id=METRIC, scope="parent", period_to=TO
    )
    assert frame.empty
    result = comparison(
        store.query, tree, org_code="NOPE", metric_id=METRIC, period_from=FROM, period_to=TO
    )
    assert [name for name, _ in result.series] == ["NOPE"] and result.shown == []
