"""The board question log: questions the board asked, who owns them, and their answers.

Boards ask a question at one meeting and expect the answer at the next, so the log must
survive restarts and redeployments. It lives in a small DuckDB file in the data folder
(``board_questions.duckdb``), written in transactions: a write either lands whole or not
at all. Each operation opens its own short-lived connection, so Streamlit sessions on
different threads (and the ``pack`` command in another process) never share one.

The log exports as a CSV (formula-neutralised, because it is opened in Excel) whose header
is the ``board_questions`` contract below. Analysts can keep that CSV under their own
version control and import it again; an import never overwrites a newer revision of a
question, so replaying an old export is harmless.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from impact import config
from impact.contracts import BOARD_QUESTIONS, QUESTION_STATUSES
from impact.csv_safe import FORMULA_STARTS, to_safe_csv
from impact.sql import bind, relation

#: The log's file name inside the data folder. Not a CSV, so the store never reads it.
LOG_FILE_NAME = "board_questions.duckdb"
STATUSES = QUESTION_STATUSES
#: The name an uploaded export is read under (the upload's own name is not trusted).
IMPORT_FILE_NAME = "import.csv"
#: Longest text accepted in one field, so a pasted document cannot bloat the log.
MAX_TEXT = 2000

#: The exported CSV's header, in order.
CSV_COLUMNS: tuple[str, ...] = BOARD_QUESTIONS.column_names


def _execute(
    con: duckdb.DuckDBPyConnection, name: str, **params: object
) -> duckdb.DuckDBPyConnection:
    """Run a named statement that writes the log, its parameters checked by :func:`bind`.

    Writes go through ``execute`` rather than :func:`impact.sql.relation`: a relation may be
    run again each time it is read, and an insert must run exactly once.
    """
    text, bound = bind(name, params)
    return con.execute(text, bound)


class QuestionLogError(ValueError):
    """A question, answer or import the log refuses, with the reason in words."""


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


def _clean(text: str | None, field: str, *, required: bool) -> str | None:
    value = (text or "").strip()
    if not value:
        if required:
            raise QuestionLogError(f"{field} is required.")
        return None
    if len(value) > MAX_TEXT:
        raise QuestionLogError(f"{field} is longer than {MAX_TEXT} characters.")
    return value


class QuestionLog:
    """The question log of one data folder."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _connect(self, *, write: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the log file, retried briefly if another process holds its lock.

        A read-only data folder can still be read (a published dashboard showing an
        imported log); only writes need the folder to be writable.
        """
        # The folder is named, not given as a path: these messages are shown to any viewer.
        folder = self.path.parent.name or "data"
        if not self.path.parent.is_dir():
            raise QuestionLogError(f"The data folder {folder} does not exist.")
        writable = os.access(self.path.parent, os.W_OK)
        if write and not writable:
            raise QuestionLogError(
                f"The data folder {folder} is read-only, so questions cannot be saved."
            )
        settings = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        last_error: Exception | None = None
        for attempt in range(20):
            try:
                con = duckdb.connect(str(self.path), read_only=not writable, config=settings)
                break
            except duckdb.IOException as error:  # another process is writing just now
                last_error = error
                time.sleep(0.05 * (attempt + 1))
        else:
            raise QuestionLogError(f"The question log is busy: {last_error}")
        try:
            if writable:
                _execute(con, "question_log_create")
            yield con
        finally:
            con.close()

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
    ) -> BoardQuestion:
        """Record a new open question and return it as stored."""
        asked = asked_on or date.today()
        if not isinstance(due_date, date):
            raise QuestionLogError("due date must be a date.")
        if due_date < asked:
            raise QuestionLogError("due date cannot be before the day the question was asked.")
        record = BoardQuestion(
            question_id=f"Q-{asked:%Y%m%d}-{uuid.uuid4().hex[:8]}",
            org_code=_clean(org_code, "organisation", required=True) or "",
            metric_id=_clean(metric_id, "metric", required=True) or "",
            question=_clean(question, "question", required=True) or "",
            asked_by=_clean(asked_by, "asked by", required=False),
            owner=_clean(owner, "owner", required=True) or "",
            asked_on=asked,
            due_date=due_date,
            status="open",
            answer=None,
            answered_on=None,
            revision=1,
        )
        with self._connect() as con:
            con.begin()
            _execute(con, "question_log_upsert", **record.as_params())
            con.commit()
        return record

    def answer(self, question_id: str, answer: str, answered_on: date | None = None) -> None:
        """Record the answer to a question (a second call revises it) and mark it answered."""
        text = _clean(answer, "answer", required=True)
        with self._connect() as con:
            con.begin()
            hit = _execute(
                con,
                "question_log_answer",
                question_id=question_id,
                answer=text,
                answered_on=answered_on or date.today(),
            ).fetchall()
            if not hit:
                con.rollback()
                raise QuestionLogError(f"No question {question_id!r} in the log.")
            con.commit()

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
        if not self.path.exists():
            return []
        with self._connect(write=False) as con:
            rows = relation(
                con, "question_log_list", org_code=org_code, metric_id=metric_id, status=status
            ).fetchall()
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

    def import_csv(self, path: Path) -> ImportReport:
        """Merge an exported log back in; a question is replaced only by a higher revision.

        Every row is checked first; rejected rows are reported by line and nothing of them is
        written. All accepted rows are written in one transaction.
        """
        reader = duckdb.connect(config={"autoload_known_extensions": False})
        try:
            read = relation(reader, "question_log_read_csv", path=path)
            names = [c.replace("\ufeff", "").strip().lower() for c in read.columns]
            rows = read.fetchall()
        except duckdb.Error as error:
            # DuckDB's message names the file by its full path; a viewer sees only its name.
            detail = str(error).replace(str(path), Path(path).name)
            raise QuestionLogError(
                f"{Path(path).name} could not be read as CSV: {detail}"
            ) from None
        finally:
            reader.close()
        missing = [c for c in BOARD_QUESTIONS.required_names if c not in names]
        if missing:
            raise QuestionLogError(
                f"{Path(path).name} is not a question log export: missing {', '.join(missing)}."
            )
        records: list[BoardQuestion] = []
        rejected: list[tuple[int, str]] = []
        for line, row in enumerate(rows, start=2):
            try:
                records.append(_record_from_cells(dict(zip(names, row, strict=True))))
            except QuestionLogError as error:
                rejected.append((line, str(error)))
        written = 0
        with self._connect() as con:
            con.begin()
            for record in records:
                stored = relation(
                    con, "question_log_revision", question_id=record.question_id
                ).fetchall()
                before = stored[0] if stored else None
                _execute(con, "question_log_upsert", **record.as_params())
                if before is None or before[0] < record.revision:
                    written += 1
            con.commit()
        return ImportReport(written=written, unchanged=len(records) - written, rejected=rejected)

    def import_bytes(self, data: bytes) -> ImportReport:
        """Merge an uploaded export (its bytes) back in, exactly as :meth:`import_csv` does.

        DuckDB reads files, so the bytes go to a private temporary folder, removed afterwards
        whatever happens; the data folder never holds the upload itself.
        """
        with tempfile.TemporaryDirectory(prefix="impact-questions-") as scratch:
            path = Path(scratch) / IMPORT_FILE_NAME
            path.write_bytes(data)
            return self.import_csv(path)


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


def _record_from_cells(cells: dict[str, str | None]) -> BoardQuestion:
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
    answer = _clean(text.get("answer"), "answer", required=status == "answered")
    return BoardQuestion(
        question_id=_clean(text.get("question_id"), "question_id", required=True) or "",
        org_code=_clean(text.get("org_code"), "org_code", required=True) or "",
        metric_id=_clean(text.get("metric_id"), "metric_id", required=True) or "",
        question=_clean(text.get("question"), "question", required=True) or "",
        asked_by=_clean(text.get("asked_by"), "asked_by", required=False),
        owner=_clean(text.get("owner"), "owner", required=True) or "",
        asked_on=_date_cell(text.get("asked_on"), "asked_on", required=True) or date.today(),
        due_date=_date_cell(text.get("due_date"), "due_date", required=True) or date.today(),
        status=status,
        answer=answer,
        answered_on=_date_cell(text.get("answered_on"), "answered_on", required=False),
        revision=revision,
    )


def open_log(data_dir: str | os.PathLike[str] | None = None) -> QuestionLog:
    """The question log of the data folder (``IMPACT_DATA_DIR`` or ``data/`` by default)."""
    return QuestionLog(config.data_dir(data_dir) / LOG_FILE_NAME)
