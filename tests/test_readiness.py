"""Readiness: the store and the records each answer, or say in words why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.readiness import check_records, check_store, readiness
from impact.records import DATABASE_URL_ENV
from tests.pg_cluster import NewRecords, pg_server, records_env  # noqa: F401


def test_a_demo_folder_is_ready_on_both_backends(
    demo_data_dir: Path,
    cache_dir: Path,
    records_env: NewRecords,  # noqa: F811
) -> None:
    records_env()  # with PostgreSQL: point IMPACT_DATABASE_URL at a fresh schema
    checks = readiness(demo_data_dir, cache_dir)
    assert [(c.name, c.ok) for c in checks] == [("store", True), ("records", True)]
    assert "observations from" in checks[0].detail
    assert ("PostgreSQL" in checks[1].detail) == (DATABASE_URL_ENV in __import__("os").environ)


def test_an_unreachable_database_is_not_ready_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from impact.records import postgres_backend

    monkeypatch.setattr(postgres_backend, "WAIT_SECONDS", 1.0)
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://app:pw@127.0.0.1:1/impact")
    check = check_records(tmp_path)
    assert not check.ok
    assert "127.0.0.1:1/impact" in check.detail and "pw" not in check.detail


def test_a_missing_data_folder_is_not_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert not check_records(tmp_path / "gone").ok
    assert not check_store(tmp_path / "gone", tmp_path / "cache").ok
