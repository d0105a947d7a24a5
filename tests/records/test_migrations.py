"""The records' schema: created on start, and an old question-log file upgraded in place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.question_log import LOG_FILE_NAME, open_log
from impact.records import DATABASE_URL_ENV, RecordsError, open_backend
from impact.records.migrations import LATEST, MIGRATIONS, statements
from impact.sql import load_sql
from tests.pg_cluster import NewRecords, pg_server, records_env  # noqa: F401


def test_migrations_are_numbered_in_order_and_each_file_exists() -> None:
    assert [v for v, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    for version, name in MIGRATIONS:
        assert name.startswith(f"records_migration_{version:03d}_")
        assert load_sql(name) and statements(name)


def test_a_new_database_reaches_the_latest_version(records_env: NewRecords) -> None:  # noqa: F811
    backend = open_backend(records_env())
    with backend.transaction() as tx:
        assert tx.execute("records_version_current") == [(LATEST,)]
    backend.ready()


def test_a_log_file_from_before_the_version_table_upgrades_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    con = duckdb.connect(str(tmp_path / LOG_FILE_NAME))
    con.execute(load_sql("records_migration_001_questions"))
    con.execute(
        "INSERT INTO board_questions VALUES ('Q-old', 'RXX01', 'ae_4hr_all', 'Why?', NULL,"
        " 'COO', DATE '2030-03-12', DATE '2030-04-09', 'open', NULL, NULL, 1)"
    )
    con.close()
    log = open_log(tmp_path)
    assert [q.question_id for q in log.questions()] == ["Q-old"]
    log.answer("Q-old", "Answered after the upgrade.", answered_on=date(2030, 4, 1), actor="coo")
    assert [c.field for c in log.history("Q-old")] == ["status", "answer", "answered_on"]
    with open_backend(tmp_path).transaction() as tx:
        assert tx.execute("records_version_current") == [(LATEST,)]


def test_a_database_url_that_is_not_postgresql_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "mysql://db/impact")
    with pytest.raises(RecordsError, match="must start with postgresql://"):
        open_backend()


def test_an_unreachable_database_is_reported_without_its_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from impact.records import postgres_backend

    monkeypatch.setattr(postgres_backend, "WAIT_SECONDS", 1.0)
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://app:s3cret@127.0.0.1:1/impact")
    with pytest.raises(RecordsError, match="127.0.0.1:1/impact does not answer") as failed:
        open_backend().ready()
    assert "s3cret" not in str(failed.value)
