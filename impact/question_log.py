"""The board question log: questions the board asked, who owns them, and their answers.

Boards ask a question at one meeting and expect the answer at the next, so the log must
survive restarts and redeployments. It is stored through :mod:`impact.records`: a DuckDB
file in the data folder by default, or PostgreSQL when ``IMPACT_DATABASE_URL`` is set (so
several replicas share one log). Every change is one transaction that also writes the
question's history (who, when, each field's old and new value) and an audit entry.

Two people editing at once lose nothing: an edit names the revision it was made from and
lands only if the question is still at that revision; otherwise :class:`StaleEdit` says
so and nothing is overwritten. Calls without a revision (answering from the form) read
the current revision and apply on top of it in the same transaction, retrying if another
writer got in first.

The log exports as a CSV (formula-neutralised, because it is opened in Excel) whose header
is the ``board_questions`` contract. An import never overwrites a newer revision of a
question, so replaying an old export is harmless.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from impact.contracts import BOARD_QUESTIONS
from impact.csv_safe import to_safe_csv
from impact.records import RECORDS_FILE_NAME, open_backend
from impact.records.audit import ANONYMOUS, QUESTION_PREFIX, record_in, utc_now
from impact.records.backend import Backend, Conflict, Transaction
from impact.records.history import QuestionChange, list_changes, record_changes
from impact.records.question_export import answered_table, read_export
from impact.records.question_rows import (
    CSV_COLUMNS,
    MAX_TEXT,
    STATUSES,
    BoardQuestion,
    ImportReport,
    QuestionLogError,
    StaleEdit,
    check_due,
    clean,
    record_from_cells,
)
from impact.records.revisions import RETRIES, back_off, existing, refuse_stale

__all__ = [
    "BOARD_QUESTIONS",
    "CSV_COLUMNS",
    "IMPORT_FILE_NAME",
    "LOG_FILE_NAME",
    "MAX_TEXT",
    "STATUSES",
    "BoardQuestion",
    "ImportReport",
    "QuestionChange",
    "QuestionLog",
    "QuestionLogError",
    "StaleEdit",
    "answered_table",
    "open_log",
]

#: The log's file name inside the data folder (the embedded records file).
LOG_FILE_NAME = RECORDS_FILE_NAME
#: The name an uploaded export is read under (the upload's own name is not trusted).
IMPORT_FILE_NAME = "import.csv"

#: A change: the question as stored (``None`` when new) → the question to store (``None``
#: deletes it).
Change = Callable[[BoardQuestion | None], BoardQuestion | None]


def _actor(actor: str | None) -> str:
    return (actor or "").strip()[:MAX_TEXT] or ANONYMOUS


def _get(tx: Transaction, question_id: str) -> BoardQuestion | None:
    rows = tx.execute("question_log_get", question_id=question_id)
    return BoardQuestion(*rows[0]) if rows else None


def _store(tx: Transaction, before: BoardQuestion | None, after: BoardQuestion | None) -> None:
    """Write ``after`` over ``before``; :class:`Conflict` if the stored row moved meanwhile."""
    if before is None and after is not None:
        tx.execute("question_log_insert", **after.as_params())
        return
    assert before is not None
    if after is None:
        hit = tx.execute(
            "question_log_delete", question_id=before.question_id, from_revision=before.revision
        )
    else:
        params = after.as_params()
        del params["revision"]
        hit = tx.execute("question_log_update", from_revision=before.revision, **params)
    if not hit:
        raise Conflict(f"question {before.question_id} changed while it was being saved")


class QuestionLog:
    """The question log of one backend (a data folder's file, or PostgreSQL)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def _change(
        self,
        question_id: str,
        action: str,
        change: Change,
        *,
        actor: str | None,
        revision: int | None,
    ) -> BoardQuestion | None:
        """Apply one change in one transaction with its history and audit entry.

        ``revision`` given: the change was made from that revision and is refused
        (:class:`StaleEdit`) if the question has moved on. Not given: it applies on top
        of whatever is stored, retried if another writer got in first.
        """
        who = _actor(actor)
        for _attempt in range(RETRIES):
            try:
                with self.backend.transaction() as tx:
                    before = _get(tx, question_id)
                    if revision is not None and (before is None or before.revision != revision):
                        refuse_stale(tx, question_id, before)
                    after = change(before)
                    _store(tx, before, after)
                    at = utc_now()
                    stored = (
                        after
                        if after is None
                        else replace(after, revision=1 if before is None else before.revision + 1)
                    )
                    record_changes(
                        tx,
                        question_id=question_id,
                        revision=stored.revision if stored else before.revision + 1,
                        action=action,
                        actor=who,
                        at=at,
                        before=before.as_params() if before else None,
                        after=stored.as_params() if stored else None,
                    )
                    record_in(tx, who, QUESTION_PREFIX + action, question_id, at=at)
                    return stored
            except StaleEdit:
                raise
            except Conflict:
                back_off(_attempt)
        raise QuestionLogError("The question log is busy; please try again.")

    def add(
        self,
        *,
        org_code: str,
        metric_id: str,
        question: str,
        owner: str,
        due_date: date,
        asked_by: str | None = None,
        asked_on: date | None = None,
        actor: str | None = None,
    ) -> BoardQuestion:
        """Record a new open question and return it as stored."""
        asked = asked_on or date.today()
        record = BoardQuestion(
            question_id=f"Q-{asked:%Y%m%d}-{uuid.uuid4().hex[:8]}",
            org_code=clean(org_code, "organisation", required=True) or "",
            metric_id=clean(metric_id, "metric", required=True) or "",
            question=clean(question, "question", required=True) or "",
            asked_by=clean(asked_by, "asked by", required=False),
            owner=clean(owner, "owner", required=True) or "",
            asked_on=asked,
            due_date=check_due(due_date, asked),
            status="open",
            answer=None,
            answered_on=None,
            revision=1,
        )
        stored = self._change(
            record.question_id, "added", lambda _none: record, actor=actor, revision=None
        )
        assert stored is not None
        return stored

    def answer(
        self,
        question_id: str,
        answer: str,
        answered_on: date | None = None,
        *,
        actor: str | None = None,
        revision: int | None = None,
    ) -> BoardQuestion:
        """Record the answer to a question (a second call revises it) and mark it answered."""
        text = clean(answer, "answer", required=True)

        def answered(before: BoardQuestion | None) -> BoardQuestion:
            return replace(
                existing(question_id, before),
                answer=text,
                answered_on=answered_on or date.today(),
                status="answered",
            )

        stored = self._change(question_id, "answered", answered, actor=actor, revision=revision)
        assert stored is not None
        return stored

    def edit(
        self,
        question_id: str,
        *,
        revision: int,
        actor: str | None = None,
        question: str | None = None,
        owner: str | None = None,
        due_date: date | None = None,
        asked_by: str | None = None,
        metric_id: str | None = None,
        answer: str | None = None,
    ) -> BoardQuestion:
        """Change the given fields of the question at ``revision`` (``None`` leaves a field).

        ``asked_by=""`` clears who asked; an answer can be edited only once answered.
        """

        def edited(before: BoardQuestion | None) -> BoardQuestion:
            old = existing(question_id, before)
            if answer is not None and old.status != "answered":
                raise QuestionLogError("Only an answered question's answer can be edited.")
            given = {
                "question": clean(question, "question", required=True)
                if question is not None
                else old.question,
                "owner": clean(owner, "owner", required=True) if owner is not None else old.owner,
                "metric_id": clean(metric_id, "metric", required=True)
                if metric_id is not None
                else old.metric_id,
                "asked_by": clean(asked_by, "asked by", required=False)
                if asked_by is not None
                else old.asked_by,
                "answer": clean(answer, "answer", required=True)
                if answer is not None
                else old.answer,
                "due_date": check_due(due_date, old.asked_on)
                if due_date is not None
                else old.due_date,
            }
            return replace(old, **given)

        stored = self._change(question_id, "edited", edited, actor=actor, revision=revision)
        assert stored is not None
        return stored

    def delete(self, question_id: str, *, revision: int, actor: str | None = None) -> None:
        """Remove the question at ``revision``; its history (with the old values) stays."""

        def deleted(before: BoardQuestion | None) -> None:
            existing(question_id, before)
            return None

        self._change(question_id, "deleted", deleted, actor=actor, revision=revision)

    def get(self, question_id: str) -> BoardQuestion | None:
        """One question as stored now, or ``None``."""
        if not self.backend.exists():
            return None
        with self.backend.transaction(write=False) as tx:
            return _get(tx, question_id)

    def history(self, question_id: str | None = None) -> list[QuestionChange]:
        """Every recorded change, oldest first, for one question or the whole log."""
        if not self.backend.exists():
            return []
        with self.backend.transaction(write=False) as tx:
            return list_changes(tx, question_id)

    def questions(
        self,
        *,
        org_code: str | None = None,
        metric_id: str | None = None,
        status: str | None = None,
    ) -> list[BoardQuestion]:
        """Questions in the log, open first then by due date; ``None`` filters mean any."""
        if status is not None and status not in STATUSES:
            raise QuestionLogError(f"status must be one of {', '.join(STATUSES)}.")
        if not self.backend.exists():
            return []
        with self.backend.transaction(write=False) as tx:
            rows = tx.execute(
                "question_log_list", org_code=org_code, metric_id=metric_id, status=status
            )
        return [BoardQuestion(*row) for row in rows]

    def frame(self, **filters: str | None) -> pd.DataFrame:
        """The questions as a table with the CSV's columns (for pages and exports)."""
        rows = [q.as_params() for q in self.questions(**filters)]
        return pd.DataFrame(rows, columns=list(CSV_COLUMNS))

    def export_csv(self, **filters: str | None) -> bytes:
        """The log as CSV bytes, formula-neutralised for spreadsheets."""
        frame = self.frame(**filters)
        for col in ("asked_on", "due_date", "answered_on"):
            frame[col] = [v.isoformat() if isinstance(v, date) else "" for v in frame[col]]
        return to_safe_csv(frame.astype(object))

    def import_csv(self, path: Path, *, actor: str | None = None) -> ImportReport:
        """Merge an exported log back in; a question is replaced only by a higher revision.

        Every row is checked first; rejected rows are reported by line and nothing of them is
        written. All accepted rows are written in one transaction, with their history.
        """
        names, rows = read_export(Path(path))
        records: list[BoardQuestion] = []
        rejected: list[tuple[int, str]] = []
        for line, row in enumerate(rows, start=2):
            try:
                records.append(record_from_cells(dict(zip(names, row, strict=True))))
            except QuestionLogError as error:
                rejected.append((line, str(error)))
        for _attempt in range(RETRIES):
            try:
                written = self._import(records, _actor(actor))
                break
            except Conflict:
                back_off(_attempt)
        else:
            raise QuestionLogError("The question log is busy; please try again.")
        return ImportReport(written=written, unchanged=len(records) - written, rejected=rejected)

    def _import(self, records: Sequence[BoardQuestion], actor: str) -> int:
        written = 0
        with self.backend.transaction() as tx:
            at = utc_now()
            for record in records:
                before = _get(tx, record.question_id)
                if before is not None and before.revision >= record.revision:
                    continue
                tx.execute("question_log_upsert", **record.as_params())
                record_changes(
                    tx,
                    question_id=record.question_id,
                    revision=record.revision,
                    action="imported",
                    actor=actor,
                    at=at,
                    before=before.as_params() if before else None,
                    after=record.as_params(),
                )
                record_in(tx, actor, QUESTION_PREFIX + "imported", record.question_id, at=at)
                written += 1
        return written

    def import_bytes(self, data: bytes, *, actor: str | None = None) -> ImportReport:
        """Merge an uploaded export (its bytes) back in, exactly as :meth:`import_csv` does.

        DuckDB reads files, so the bytes go to a private temporary folder, removed afterwards
        whatever happens; the data folder never holds the upload itself.
        """
        with tempfile.TemporaryDirectory(prefix="impact-questions-") as scratch:
            path = Path(scratch) / IMPORT_FILE_NAME
            path.write_bytes(data)
            return self.import_csv(path, actor=actor)


def open_log(data_dir: str | os.PathLike[str] | None = None) -> QuestionLog:
    """The question log of the data folder (``IMPACT_DATA_DIR`` or ``data/`` by default),
    or of the PostgreSQL database ``IMPACT_DATABASE_URL`` names."""
    return QuestionLog(open_backend(data_dir))
