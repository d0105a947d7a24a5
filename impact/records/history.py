"""The history of changes to board questions: who changed which field, when, from what to
what.

A board secretary asked "who changed the due date?" must be able to answer, so every add,
edit, answer, deletion and import writes one row per field it changed, in the same
transaction as the change itself. Values are kept as text (dates as ``YYYY-MM-DD``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from impact.records.backend import Transaction

#: The fields whose changes are recorded (the revision is the change's own number).
TRACKED = (
    "org_code",
    "metric_id",
    "question",
    "asked_by",
    "owner",
    "asked_on",
    "due_date",
    "status",
    "answer",
    "answered_on",
)


@dataclass(frozen=True)
class QuestionChange:
    """One field's change, as stored."""

    change_id: int
    question_id: str
    revision: int
    changed_at: datetime
    changed_by: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def changed_fields(
    before: Mapping[str, object] | None, after: Mapping[str, object] | None
) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) for every tracked field that differs; ``None`` is no question."""
    old = before or {}
    new = after or {}
    found = []
    for name in TRACKED:
        was, now = _text(old.get(name)), _text(new.get(name))
        if was != now:
            found.append((name, was, now))
    return found


def record_changes(
    tx: Transaction,
    *,
    question_id: str,
    revision: int,
    action: str,
    actor: str,
    at: datetime,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
) -> int:
    """Write the history rows for one change inside its transaction; how many."""
    changes = changed_fields(before, after)
    for name, old, new in changes:
        tx.execute(
            "question_history_insert",
            question_id=question_id,
            revision=revision,
            changed_at=at,
            changed_by=actor,
            action=action,
            field=name,
            old_value=old,
            new_value=new,
        )
    return len(changes)


def list_changes(tx: Transaction, question_id: str | None) -> list[QuestionChange]:
    """The recorded changes, oldest first, for one question or all."""
    return [
        QuestionChange(*row) for row in tx.execute("question_history_list", question_id=question_id)
    ]
