"""The improvement portfolio: projects and their PDSA cycles, kept as data beside the code.

The projects are written by hand (titles, leads, the learning of each cycle), so they live
as CSV files a reader can edit in a spreadsheet: ``projects.csv`` holds one row per project
exactly as the ``projects`` contract has it, and ``pdsa_plans.csv`` each cycle's change,
prediction, learning and decision. Only the cycles' dates are computed here: four weeks
long, six weeks apart, from a week after the project started.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
PROJECTS_CSV = HERE / "projects.csv"
PDSA_PLANS_CSV = HERE / "pdsa_plans.csv"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def projects() -> list[list[str]]:
    """Every project row, in the order of ``projects.csv``."""
    return _rows(PROJECTS_CSV)


def pdsa_cycles() -> list[list[str]]:
    """Every PDSA cycle row, dated from its project's start (cycles of four weeks, six apart)."""
    starts = {row[0]: date.fromisoformat(row[7]) for row in projects()}
    rows = []
    for project_id, number, change, prediction, learning, decision in _rows(PDSA_PLANS_CSV):
        begin = starts[project_id] + timedelta(days=42 * (int(number) - 1) + 7)
        end = begin + timedelta(days=27)
        rows.append(
            [
                project_id,
                number,
                begin.isoformat(),
                end.isoformat(),
                change,
                prediction,
                learning,
                decision,
            ]
        )
    return rows
