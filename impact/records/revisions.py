"""Two people changing one question at once: the rule that neither loses their change.

An edit names the revision it started from and lands only if the question is still at that
revision; otherwise it is refused with the reason (changed, or deleted, by someone else) and
nothing is overwritten. When two writers collide in the database itself, the loser waits a
little, jittered, and tries again, up to :data:`RETRIES` times.
"""

from __future__ import annotations

import random
import time

from impact.records.backend import Transaction
from impact.records.history import list_changes
from impact.records.question_rows import BoardQuestion, QuestionLogError, StaleEdit

#: How often a change is retried when another writer changed the same rows at that moment
#: (DuckDB refuses the second of two concurrent writers instead of making it wait).
RETRIES = 25


def back_off(attempt: int) -> None:
    """Wait a little (longer each time, jittered so two writers do not collide again)."""
    time.sleep(random.uniform(0, 0.01 * (attempt + 1)))


def existing(question_id: str, before: BoardQuestion | None) -> BoardQuestion:
    if before is None:
        raise QuestionLogError(f"No question {question_id!r} in the log.")
    return before


def refuse_stale(tx: Transaction, question_id: str, now: BoardQuestion | None) -> None:
    """Say why a change made from an older revision cannot land (it never does)."""
    if now is not None:
        raise StaleEdit(
            f"Question {question_id} was changed by someone else (now revision "
            f"{now.revision}); reload it and make your change again. Nothing was overwritten."
        )
    if list_changes(tx, question_id):
        raise StaleEdit(f"Question {question_id} was deleted by someone else; nothing changed.")
    raise QuestionLogError(f"No question {question_id!r} in the log.")
