"""The league table: direction-aware ranks, quarters, the change since last quarter."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from impact.board import build_board
from impact.board.league import (
    LEAGUE_LABEL,
    League,
    league_rows,
    league_table,
    quarter,
    quarter_of_share,
    rank_of,
    share_beaten,
)
from impact.board.peer_groups import PeerGroup
from impact.orgs import OrgTree
from impact.store import open_store
from tests.board.fake_queries import fake_query
from tests.ui.conftest import DEMO


def test_rank_follows_the_direction_of_improvement_and_ties_share_the_better_rank():
    values = {"A": 80.0, "B": 70.0, "C": 70.0, "D": 60.0}
    assert rank_of(values, "A", "increase") == (1, 4)
    assert rank_of(values, "B", "increase") == (2, 4)
    assert rank_of(values, "C", "increase") == (2, 4)
    assert rank_of(values, "D", "increase") == (4, 4)
    assert rank_of(values, "D", "decrease") == (1, 4)
    assert rank_of(values, "A", "decrease") == (4, 4)
    assert rank_of(values, "A", "neutral") is None
    assert rank_of({"A": float("nan"), "B": 1.0}, "A", "increase") is None
    assert rank_of(values, "Z", "increase") is None


def test_quarters_put_the_best_quarter_of_peers_at_the_top():
    assert [quarter(r, 12) for r in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    assert quarter(1, 1) == 1 and quarter(2, 2) == 3
    with pytest.raises(ValueError):
        quarter(5, 4)
    assert share_beaten(1, 12) == 1.0 and share_beaten(12, 12) == 0.0
    assert share_beaten(4, 12) == pytest.approx(8 / 11)
    assert [quarter_of_share(s) for s in (0.8, 0.75, 0.6, 0.3, 0.1)] == [1, 1, 2, 3, 4]


def _answers():
    board = build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    return board


def test_rows_rank_now_and_a_quarter_before_and_say_the_change():
    board = _answers()
    answer = board.answer("ae_4hr")
    latest = answer.latest_period  # September 2025
    before = date(2025, 6, 1)
    values = pd.DataFrame(
        {
            "metric_id": ["ae_4hr"] * 6 + ["waits_12hr"] * 3,
            "org_code": ["T1", "T2", "T3", "T1", "T2", "T3", "T1", "T2", "T3"],
            "period_start": [latest] * 3 + [before] * 3 + [latest] * 3,
            "value": [75.0, 80.0, 70.0, 65.0, 80.0, 70.0, 100, 50, 200],
        }
    )
    rows = league_rows([answer, board.answer("waits_12hr")], values, "T1")
    four_hour, waits = rows
    assert (four_hour.rank, four_hour.of, four_hour.quarter) == (2, 3, 2)
    assert (four_hour.previous_rank, four_hour.previous_of, four_hour.change) == (3, 3, 1)
    assert four_hour.change_text() == "Up 1 place (from 3 of 3 in Jun 2025)"
    assert four_hour.value == 75.0
    # A plain count mostly measures size: not ranked, and it says why.
    assert waits.rank is None and waits.note == (
        "Not ranked: a count mostly measures an organisation's size."
    )
    league = League("T1", PeerGroup("trust", ("T1", "T2", "T3")), "Test ICB", rows)
    assert league.overall("uec") == (
        "Overall: across 1 ranked measure, on average better than 50% of the other trusts "
        "in Test ICB: the second quarter."
    )
    table = league.frame("uec")
    assert table.loc[0, "Rank"] == "2 of 3" and table.loc[0, "Quarter"] == "Second quarter"
    assert table.loc[1, "Rank"] == "Not ranked"
    assert "not the official NHS Oversight Framework segment" in LEAGUE_LABEL


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(DEMO, tmp_path_factory.mktemp("cache"))
    store.refresh()
    return store, OrgTree.from_frame(store.query("board_org_tree"))


def test_on_the_demo_each_rank_matches_the_peers_figures(demo):
    store, tree = demo
    board = build_board(store.query, "XRA05", date(2024, 1, 1), date(2025, 12, 1))
    league = league_table(
        store.query,
        tree,
        board.answers,
        org_code="XRA05",
        scope="parent",
        period_to=date(2025, 12, 31),
    )
    row = league.row("ae_4hr_all")
    assert row is not None and row.period == date(2025, 12, 1)
    peers = [c for c in league.group.codes]
    values = {}
    for code in peers:
        obs = store.query(
            "board_observations",
            org_code=code,
            period_from=date(2025, 12, 1),
            period_to=date(2025, 12, 31),
        )
        four = obs[obs["metric_id"] == "ae_4hr_all"]
        if not four.empty:
            values[code] = float(four["value"].iloc[0])
    better = sum(v > values["XRA05"] for v in values.values())
    assert (row.rank, row.of) == (better + 1, len(values)) and row.of > 1
    assert row.value == pytest.approx(values["XRA05"])
    # Lower is better for the 12-hour share: the rank reverses with the direction.
    twelve = league.row("ae_12hr_arrival_pct")
    assert twelve is not None and twelve.rank is not None
    assert league.row("ae_attendances").note.startswith("Not ranked: the measure has no direction")
