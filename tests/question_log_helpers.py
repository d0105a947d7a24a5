"""The one way the question-log tests add a question: a full, valid row with overrides."""

from __future__ import annotations

from datetime import date

from impact.question_log import QuestionLog
from impact.records.question_rows import BoardQuestion

QUESTION = dict(
    org_code="RXX01",
    metric_id="ae_4hr_all",
    question="What changed in January that has kept 4-hour performance low?",
    owner="Chief Operating Officer",
    due_date=date(2030, 4, 9),
    asked_on=date(2030, 3, 12),
)


def add_question(log: QuestionLog, **overrides: object) -> BoardQuestion:
    """Add the standard question with ``overrides`` applied; return it as stored."""
    return log.add(**{**QUESTION, **overrides})  # type: ignore[arg-type]
