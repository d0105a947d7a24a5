"""The integrated performance report summary rows."""

from datetime import date

from impact.board.build import build_board
from impact.board.tables import ipr_rows
from tests.board.fake_queries import fake_query


def test_ipr_rows():
    board = build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))
    rows = ipr_rows(board, "uec")
    assert rows["metric_id"].tolist() == ["ae_4hr", "waits_12hr"]
    assert {"latest", "target", "mean", "lpl", "upl", "variation", "assurance", "trend"} <= set(
        rows.columns
    )
    first = rows.iloc[0]
    assert first["target"] == "85%"
    assert first["assurance"] == "Consistently failing the target"
    assert len(first["trend"]) == 24
    assert ipr_rows(board, "elective").empty
