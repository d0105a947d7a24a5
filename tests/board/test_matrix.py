"""The summary matrix: each metric in the cell its icons name."""

from datetime import date

from impact.board.build import build_board
from impact.board.matrix import (
    ASSURANCE_COLUMNS,
    VARIATION_ROWS,
    assurance_column,
    summary_matrix,
    variation_row,
)
from tests.board.fake_queries import fake_query


def _board():
    return build_board(fake_query(), "T1", date(2023, 10, 1), date(2025, 9, 1))


def test_each_metric_sits_in_the_cell_its_icons_name():
    board = _board()
    matrix = summary_matrix(board)
    ae, waits = board.answer("ae_4hr"), board.answer("waits_12hr")
    assert ae.variation_icon == "common_cause" and ae.assurance == "consistent_fail"
    assert matrix.cell("common_cause", "fail") == [ae]
    assert waits.variation_icon == "concern_high" and waits.assurance is None
    assert matrix.cell("concern", "no_target") == [waits]
    assert matrix.total == len(board.answers)
    assert set(matrix.cells) <= {(r, c) for r in VARIATION_ROWS for c in ASSURANCE_COLUMNS}


def test_a_priority_keeps_only_its_metrics():
    matrix = summary_matrix(_board(), "uec")
    assert {a.metric.priority for cell in matrix.cells.values() for a in cell} == {"uec"}
    assert summary_matrix(_board(), "elective").total == 0


def test_rows_and_columns_of_the_edge_cases():
    board = _board()
    ae = board.answer("ae_4hr")
    ae.variation = None
    assert variation_row(ae) == "too_few"
    ae.variation = "special_cause_improvement"
    assert variation_row(ae) == "improvement"
    ae.variation = "special_cause_neutral_low"
    assert variation_row(ae) == "neutral"
    ae.assurance = "inconsistent"
    assert assurance_column(ae) == "inconsistent"
