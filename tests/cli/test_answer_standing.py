"""``python -m impact answer --json``: each metric's target outlook and peer position."""

import argparse
import json
from datetime import date

import pytest

from impact import PROJECT_ROOT
from impact.board import build_board
from impact.board.league import league_table
from impact.board.outlook import target_outlooks
from impact.cli import answer
from impact.orgs import OrgTree
from impact.store import open_store

DEMO = PROJECT_ROOT / "data" / "demo"
TRUST = "XRA05"


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


def _json(capsys, *argv: str) -> dict:
    parser = argparse.ArgumentParser()
    answer.add_arguments(parser)
    assert answer.run(parser.parse_args(["--data", str(DEMO), "--json", *argv])) == 0
    return json.loads(capsys.readouterr().out)


def test_json_gives_the_outlook_and_the_peer_position_of_each_metric(capsys):
    doc = _json(capsys, "--org", TRUST, "--from", "2024-01", "--to", "2025-12")
    metrics = {m["metric_id"]: m for m in doc["metrics"]}
    ae = metrics["ae_4hr_all"]
    store = open_store(DEMO)
    board = build_board(store.query, TRUST, date(2024, 1, 1), date(2025, 12, 1))
    (outlook,) = target_outlooks(board.answer("ae_4hr_all"))
    assert ae["target_outlook"] == [outlook.to_dict()]
    assert ae["target_outlook"][0]["target_period"] == "2026-03-01"
    assert 0 <= ae["target_outlook"][0]["probability"] <= 1
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    league = league_table(
        store.query,
        tree,
        board.answers,
        org_code=TRUST,
        scope="parent",
        period_to=date(2025, 12, 31),
    )
    row = league.row("ae_4hr_all")
    position = ae["peer_position"]
    assert (position["rank"], position["of"], position["quarter"]) == (
        row.rank,
        row.of,
        row.quarter,
    )
    assert position["funnel"]["applies"] is True
    assert position["funnel"]["sentence"].startswith("Are we an outlier among the ")
    assert position["funnel"]["outlier"] in (
        "within",
        "above 95",
        "above 99",
        "below 95",
        "below 99",
    )
    assert position["funnel"]["ll99"] < position["funnel"]["ul99"]
    attendances = metrics["ae_attendances"]["peer_position"]
    assert attendances["rank"] is None and attendances["funnel"]["applies"] is False
    assert metrics["ae_attendances"]["target_outlook"] == []
    json.dumps(doc, allow_nan=False)  # plain JSON: no NaN anywhere


def test_region_peers_widen_the_peer_group(capsys):
    parent = _json(capsys, "--org", TRUST, "--metric", "ae_4hr_all")
    region = _json(capsys, "--org", TRUST, "--metric", "ae_4hr_all", "--peers", "region")
    assert region["metrics"][0]["peer_position"]["of"] > parent["metrics"][0]["peer_position"]["of"]
    assert region["metrics"][0]["peer_position"]["scope"] == "region"
