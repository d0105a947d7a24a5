"""The summary matrix of an integrated performance report.

Boards read an IPR by its summary first: variation (is the process changing?) against
assurance (will it meet its target?). Each metric sits in the one cell its two icons name,
so the cell of a metric is worked out here once, from the same icon names the icons are
drawn from (:attr:`MetricAnswer.variation_icon`, :attr:`MetricAnswer.assurance`), and the
page, meeting mode and tests all read it from here.

The questions to ask first, shown beside it, are ranked in
:mod:`impact.board.question_ranking`.
"""

from __future__ import annotations

from dataclasses import dataclass

from impact.board.model import MetricAnswer, OrgBoard
from impact.spc import icons

#: The matrix rows: the variation icon's family (high and low share a row).
VARIATION_ROWS: dict[str, str] = {
    "improvement": "Improvement",
    "common_cause": "Common cause",
    "concern": "Concern",
    "neutral": "Neutral",
    "too_few": "Too few points",
}
#: The matrix columns: the assurance icon's name (``no_target`` when there is none).
ASSURANCE_COLUMNS: dict[str, str] = {
    "pass": "Consistently passing",
    "inconsistent": "Hit and miss",
    "fail": "Consistently failing",
    "no_target": "No target",
}


def variation_row(answer: MetricAnswer) -> str:
    """The matrix row of a metric: its variation icon without the side (``concern``)."""
    icon = answer.variation_icon
    if icon is None:
        return "too_few"
    name = icons.variation_name(icon)
    return next((row for row in VARIATION_ROWS if name.startswith(row)), "common_cause")


def assurance_column(answer: MetricAnswer) -> str:
    """The matrix column of a metric: its assurance icon's name, or ``no_target``."""
    return icons.assurance_name(answer.assurance) if answer.assurance else "no_target"


@dataclass(frozen=True)
class SummaryMatrix:
    """Each (variation row, assurance column) cell and the answers in it, in board order."""

    cells: dict[tuple[str, str], list[MetricAnswer]]

    def cell(self, row: str, column: str) -> list[MetricAnswer]:
        return self.cells.get((row, column), [])

    def count(self, row: str, column: str) -> int:
        return len(self.cell(row, column))

    @property
    def total(self) -> int:
        return sum(len(answers) for answers in self.cells.values())


def summary_matrix(board: OrgBoard, priority: str | None = None) -> SummaryMatrix:
    """Every metric with data (of one priority, or all) in the cell its icons name."""
    cells: dict[tuple[str, str], list[MetricAnswer]] = {}
    for answer in board.answers:
        if priority is None or answer.metric.priority == priority:
            cells.setdefault((variation_row(answer), assurance_column(answer)), []).append(answer)
    return SummaryMatrix(cells)
