"""A question's history as the question log page shows it: who changed what, and when.

The history itself is written by :mod:`impact.records.history` (one row per changed
field); this turns it into a table a board secretary reads: newest first, times in UTC,
field names in words, and the old and new value side by side.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from impact.records.history import QuestionChange

#: The table's columns.
CHANGE_COLUMNS = ("When (UTC)", "Who", "Change", "Field", "Before", "After")

_FIELD_WORDS = {
    "question": "question",
    "owner": "owner",
    "due_date": "due by",
    "asked_by": "asked by",
    "metric_id": "metric",
    "answer": "answer",
    "answered_on": "answered on",
    "status": "status",
    "asked_on": "asked on",
    "org_code": "organisation",
}


def changes_table(changes: Sequence[QuestionChange]) -> pd.DataFrame:
    """The changes, newest first, one row per changed field (blank for a whole-row change)."""
    rows = [
        (
            f"{c.changed_at:%Y-%m-%d %H:%M:%S}",
            c.changed_by,
            f"{c.action} (revision {c.revision})",
            _FIELD_WORDS.get(c.field or "", c.field or ""),
            c.old_value or "",
            c.new_value or "",
        )
        for c in sorted(changes, key=lambda c: (c.changed_at, c.change_id), reverse=True)
    ]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
