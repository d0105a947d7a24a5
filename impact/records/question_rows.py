"""One board question as stored, and the checks a question (typed or imported) must pass.

Kept apart from :mod:`impact.question_log` (which writes and reads them) so the rules for a
valid row, shared by the form and by a re-imported export, live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from impact.contracts import BOARD_QUESTIONS, QUESTION_STATUSES
from impact.csv_safe import FORMULA_STARTS
from impact.records.backend import Conflict, RecordsError

STATUSES = QUESTION_STATUSES
#: Longest text accepted in one field, so a pasted document cannot bloat the log.
MAX_TEXT = 2000
#: The exported CSV's header, in order (also the stored row's columns).
CSV_COLUMNS: tuple[str, ...] = BOARD_QUESTIONS.column_names

#: A question, answer or import the log refuses, with the reason in words; also raised
#: when the records cannot be reached, so the pages catch one error for both.
QuestionLogError = RecordsError


class StaleEdit(Conflict):
    """The question changed (or went) since the editor loaded it; nothing was overwritten."""


@dataclass(frozen=True)
class BoardQuestion:
    """One question as stored."""

    question_id: str
    org_code: str
    metric_id: str
    question: str
    asked_by: str | None
    owner: str
    asked_on: date
    due_date: date
    status: str
    answer: str | None
    answered_on: date | None
    revision: int

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def as_params(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in CSV_COLUMNS}


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows written, rows skipped as older, rows rejected (line, reason)."""

    written: int
    unchanged: int
    rejected: list[tuple[int, str]]


def clean(text: str | None, field: str, *, required: bool) -> str | None:
    """The text stripped; ``None`` when blank (refused when required) or too long."""
    value = (text or "").strip()
    if not value:
        if required:
            raise QuestionLogError(f"{field} is required.")
        return None
    if len(value) > MAX_TEXT:
        raise QuestionLogError(f"{field} is longer than {MAX_TEXT} characters.")
    return value


def check_due(due_date: object, asked: date) -> date:
    """The due date, refused unless a date on or after the day the question was asked."""
    if not isinstance(due_date, date):
        raise QuestionLogError("due date must be a date.")
    if due_date < asked:
        raise QuestionLogError("due date cannot be before the day the question was asked.")
    return due_date


def _unneutralise(value: str | None) -> str | None:
    """Undo the export's formula guard (a leading quote before = + - @), so text round-trips."""
    if value and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _date_cell(value: str | None, field: str, *, required: bool) -> date | None:
    if not value:
        if required:
            raise QuestionLogError(f"{field} is required (YYYY-MM-DD).")
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise QuestionLogError(f"{field} = {value!r} is not a date; expected YYYY-MM-DD.") from None


def record_from_cells(cells: dict[str, str | None]) -> BoardQuestion:
    """One imported row, checked against the contract, as a stored question."""
    text = {k: _unneutralise(v) for k, v in cells.items()}
    status = (text.get("status") or "").strip()
    if status not in STATUSES:
        raise QuestionLogError(f"status = {status!r} is not one of {', '.join(STATUSES)}.")
    try:
        revision = int((text.get("revision") or "").strip())
    except ValueError:
        raise QuestionLogError(
            f"revision = {text.get('revision')!r} is not a whole number."
        ) from None
    if revision < 1:
        raise QuestionLogError("revision must be 1 or more.")
    answer = clean(text.get("answer"), "answer", required=status == "answered")
    return BoardQuestion(
        question_id=clean(text.get("question_id"), "question_id", required=True) or "",
        org_code=clean(text.get("org_code"), "org_code", required=True) or "",
        metric_id=clean(text.get("metric_id"), "metric_id", required=True) or "",
        question=clean(text.get("question"), "question", required=True) or "",
        asked_by=clean(text.get("asked_by"), "asked_by", required=False),
        owner=clean(text.get("owner"), "owner", required=True) or "",
        asked_on=_date_cell(text.get("asked_on"), "asked_on", required=True) or date.today(),
        due_date=_date_cell(text.get("due_date"), "due_date", required=True) or date.today(),
        status=status,
        answer=answer,
        answered_on=_date_cell(text.get("answered_on"), "answered_on", required=False),
        revision=revision,
    )
