"""A question log export read back in, and the answered questions as the page lists them.

Boards keep their question log in papers and spreadsheets between meetings; an export must
come back in exactly as it went out, and a file that is not an export must say so by name,
never with a server path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from impact.contracts import BOARD_QUESTIONS
from impact.records.question_rows import BoardQuestion, QuestionLogError
from impact.sql import relation


def read_export(path: Path) -> tuple[list[str], list[tuple]]:
    """An export's column names and rows as text (read by an in-memory DuckDB)."""
    reader = duckdb.connect(config={"autoload_known_extensions": False})
    try:
        read = relation(reader, "question_log_read_csv", path=path)
        names = [c.replace("\ufeff", "").strip().lower() for c in read.columns]
        rows = read.fetchall()
    except duckdb.Error as error:
        # DuckDB's message names the file by its full path; a viewer sees only its name.
        detail = str(error).replace(str(path), path.name)
        raise QuestionLogError(f"{path.name} could not be read as CSV: {detail}") from None
    finally:
        reader.close()
    missing = [c for c in BOARD_QUESTIONS.required_names if c not in names]
    if missing:
        raise QuestionLogError(
            f"{path.name} is not a question log export: missing {', '.join(missing)}."
        )
    return names, rows


def answered_table(
    questions: Sequence[BoardQuestion], metric_names: Mapping[str, str]
) -> pd.DataFrame:
    """Answered questions as the question log page lists them, each with its metric's name.

    A metric missing from ``metric_names`` (no longer in the catalogue) shows its id.
    """
    return pd.DataFrame(
        {
            "Metric": [metric_names.get(q.metric_id, q.metric_id) for q in questions],
            "Question": [q.question for q in questions],
            "Owner": [q.owner for q in questions],
            "Asked": [q.asked_on for q in questions],
            "Answered": [q.answered_on for q in questions],
            "Answer": [q.answer for q in questions],
        }
    )
