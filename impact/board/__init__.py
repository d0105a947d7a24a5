"""The board's questions and their answers, for one organisation and period.

One step per file: ``model`` (what the board sees, as dataclasses), ``metrics`` (the
catalogue entries a board reviews), ``targets`` (which target is in force when),
``points`` (the SPC engine over every metric at once), ``answers`` (the answer grammar),
``questions`` (what the board may wish to ask), ``build`` (putting it together:
:func:`build_board`), ``tables`` (the IPR summary), ``peers`` (peer and ICB/region
comparisons in SQL), ``projects`` (improvement work aimed at a metric) and ``values``
(missing cells made plain). Nothing here imports Streamlit or DuckDB: data arrives
through a ``query(name, **params)`` function.
"""

from impact.board.answers import answer_metric
from impact.board.build import build_board
from impact.board.metrics import load_metrics
from impact.board.model import (
    NO_ASSURANCE,
    NO_VARIATION,
    POINT_COLUMNS,
    Metric,
    MetricAnswer,
    OrgBoard,
    QueryFn,
)
from impact.board.points import run_spc
from impact.board.questions import board_questions
from impact.board.tables import ipr_rows
from impact.board.targets import target_history, target_on

__all__ = [
    "NO_ASSURANCE",
    "NO_VARIATION",
    "POINT_COLUMNS",
    "Metric",
    "MetricAnswer",
    "OrgBoard",
    "QueryFn",
    "answer_metric",
    "board_questions",
    "build_board",
    "ipr_rows",
    "load_metrics",
    "run_spc",
    "target_history",
    "target_on",
]
