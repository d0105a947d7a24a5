"""The board question log: add, answer, edit, delete, history, export and import again;
on both backends (the DuckDB file and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest

from impact.contracts import CONTRACTS, match_contract
from impact.question_log import (
    BOARD_QUESTIONS,
    CSV_COLUMNS,
    LOG_FILE_NAME,
    QuestionLog,
    QuestionLogError,
    answered_table,
    open_log,
)
from impact.records import DATABASE_URL_ENV
from tests.pg_cluster import NewRecords, pg_server, records_env  # noqa: F401
from tests.question_log_helpers import add_question


@pytest.fixture
def log(records_env: NewRecords) -> QuestionLog:  # noqa: F811
    return open_log(records_env())


def test_add_then_answer_moves_question_from_open_to_answered(log: QuestionLog) -> None:
    first = add_question(log)
    second = add_question(log, metric_id="rtt_18wk", question="Why is the waiting list growing?")
    assert {q.question_id for q in log.questions(status="open")} == {
        first.question_id,
        second.question_id,
    }
    log.answer(first.question_id, "Staffing gaps in ED at night.", answered_on=date(2030, 4, 1))
    open_ids = [q.question_id for q in log.questions(status="open")]
    answered = log.questions(status="answered")
    assert open_ids == [second.question_id]
    assert [q.question_id for q in answered] == [first.question_id]
    assert answered[0].answer == "Staffing gaps in ED at night."
    assert answered[0].answered_on == date(2030, 4, 1)
    assert answered[0].revision == 2


def test_filters_by_org_and_metric(log: QuestionLog) -> None:
    add_question(log)
    add_question(log, org_code="RXX02")
    add_question(log, metric_id="rtt_18wk")
    assert len(log.questions(org_code="RXX01")) == 2
    assert len(log.questions(org_code="RXX01", metric_id="rtt_18wk")) == 1
    assert log.questions(org_code="NOPE") == []


def test_log_persists_across_reopen(records_env: NewRecords) -> None:  # noqa: F811
    folder = records_env()
    added = add_question(open_log(folder))
    reopened = open_log(folder)
    assert reopened.questions() == [added]
    assert (folder / LOG_FILE_NAME).exists() == (DATABASE_URL_ENV not in os.environ)


def test_refuses_blank_fields_and_due_date_before_asked(log: QuestionLog) -> None:
    with pytest.raises(QuestionLogError, match="question is required"):
        add_question(log, question="   ")
    with pytest.raises(QuestionLogError, match="owner is required"):
        add_question(log, owner="")
    with pytest.raises(QuestionLogError, match="due date cannot be before"):
        add_question(log, due_date=date(2030, 3, 1))
    with pytest.raises(QuestionLogError, match="No question"):
        log.answer("Q-missing", "An answer")
    assert log.questions() == []


def test_failed_answer_changes_nothing(log: QuestionLog) -> None:
    added = add_question(log)
    with pytest.raises(QuestionLogError, match="answer is required"):
        log.answer(added.question_id, "  ")
    assert log.questions() == [added]


def test_export_neutralises_formulas_and_uses_contract_header(log: QuestionLog) -> None:
    add_question(log, question='=HYPERLINK("http://x","click")?', owner="@owner")
    text = log.export_csv().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["question"].startswith("'=")
    assert record["owner"] == "'@owner"
    assert record["due_date"] == "2030-04-09"


def test_export_then_import_round_trips_text_and_keeps_newer_revisions(
    tmp_path: Path,
    records_env: NewRecords,  # noqa: F811
) -> None:
    source = open_log(records_env())
    asked = add_question(source, question="-5% on last year: why?")
    other = add_question(source, metric_id="rtt_18wk")
    source.answer(asked.question_id, "+ more staff", answered_on=date(2030, 4, 2))
    export = tmp_path / "questions.csv"
    export.write_bytes(source.export_csv())

    target = open_log(records_env())
    report = target.import_csv(export)
    assert (report.written, report.unchanged, report.rejected) == (2, 0, [])
    assert target.questions() == source.questions()
    restored = {q.question_id: q for q in target.questions()}
    assert restored[asked.question_id].question == "-5% on last year: why?"
    assert restored[asked.question_id].answer == "+ more staff"

    # The target answers the other question; replaying the older export must not undo it.
    target.answer(other.question_id, "Validation of the list is under way.")
    again = target.import_csv(export)
    assert (again.written, again.unchanged) == (0, 2)
    assert {q.question_id for q in target.questions(status="answered")} == {
        asked.question_id,
        other.question_id,
    }


def test_import_reports_bad_rows_by_line_and_keeps_good_ones(
    log: QuestionLog, tmp_path: Path
) -> None:
    header = ",".join(CSV_COLUMNS)
    good = "Q-1,RXX01,ae_4hr_all,Why?,,COO,2030-03-12,2030-04-09,open,,,1"
    bad_status = "Q-2,RXX01,ae_4hr_all,Why?,,COO,2030-03-12,2030-04-09,closed,,,1"
    bad_date = "Q-3,RXX01,ae_4hr_all,Why?,,COO,12/03/2030,2030-04-09,open,,,1"
    path = tmp_path / "import.csv"
    path.write_text("\n".join([header, good, bad_status, bad_date]) + "\n", encoding="utf-8")
    report = log.import_csv(path)
    assert report.written == 1
    assert [line for line, _ in report.rejected] == [3, 4]
    assert "closed" in report.rejected[0][1]
    assert "not a date" in report.rejected[1][1]
    assert [q.question_id for q in log.questions()] == ["Q-1"]


def test_import_refuses_a_file_that_is_not_a_question_log(log: QuestionLog, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("metric_id,org_code,value\nx,y,1\n", encoding="utf-8")
    with pytest.raises(QuestionLogError, match="not a question log export"):
        log.import_csv(path)


def test_import_bytes_merges_an_upload_and_names_no_server_path(
    log: QuestionLog,
    records_env: NewRecords,  # noqa: F811
) -> None:
    source = open_log(records_env())
    asked = add_question(source)
    report = log.import_bytes(source.export_csv())
    assert (report.written, report.unchanged) == (1, 0)
    assert [q.question_id for q in log.questions()] == [asked.question_id]
    with pytest.raises(QuestionLogError, match="could not be read as CSV") as refused:
        log.import_bytes(b"\xff\xfe\x00not text\x00\x01")
    assert "import.csv" in str(refused.value)
    assert "/" not in str(refused.value).split("could not be read as CSV", 1)[1]


def test_a_missing_data_folder_is_named_not_given_as_a_path(tmp_path: Path) -> None:
    log = open_log(tmp_path / "gone")
    with pytest.raises(QuestionLogError, match="The data folder gone does not exist") as missing:
        add_question(log)
    assert str(tmp_path) not in str(missing.value)


def test_answered_table_names_metrics_and_keeps_unknown_ids(log: QuestionLog) -> None:
    first = add_question(log)
    second = add_question(log, metric_id="retired_metric")
    log.answer(first.question_id, "A plan comes in May.", answered_on=date(2030, 4, 2))
    log.answer(second.question_id, "No longer reported.", answered_on=date(2030, 4, 3))
    table = answered_table(log.questions(status="answered"), {"ae_4hr_all": "A&E 4 hours"})
    assert list(table.columns) == ["Metric", "Question", "Owner", "Asked", "Answered", "Answer"]
    rows = table.set_index("Answer")
    assert rows.loc["A plan comes in May.", "Metric"] == "A&E 4 hours"
    assert rows.loc["No longer reported.", "Metric"] == "retired_metric"
    assert rows.loc["A plan comes in May.", "Answered"] == date(2030, 4, 2)


def test_contract_describes_the_export_header() -> None:
    assert BOARD_QUESTIONS.column_names == CSV_COLUMNS
    assert BOARD_QUESTIONS.key == ("question_id",)
    assert set(BOARD_QUESTIONS.example) == set(CSV_COLUMNS)
    if "board_questions" in CONTRACTS:  # once registered, the store must recognise exports
        assert match_contract(list(CSV_COLUMNS)).name == "board_questions"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_is_reported_in_words(tmp_path: Path) -> None:
    add_question(open_log(tmp_path))
    tmp_path.chmod(0o555)
    try:
        log = open_log(tmp_path)
        assert len(log.questions()) == 1
        with pytest.raises(QuestionLogError, match="read-only"):
            add_question(log)
    finally:
        tmp_path.chmod(0o755)
