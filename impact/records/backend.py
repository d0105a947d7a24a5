"""The storage seam's contract: what a backend for the records people write must offer.

The question log, its history and the audit log only ever ask a backend for a
transaction and run named statements inside it, so the same code runs on the embedded
DuckDB file (nothing to set up) and on PostgreSQL (several replicas sharing one
database). A statement is looked up first under the backend's own dialect
(``queries/records_pg_<name>.sql`` or ``records_duckdb_<name>.sql``), then as portable SQL
(``queries/<name>.sql``), so only the statements whose dialects truly differ are written
twice.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from impact.sql import QUERIES_DIR, bind


class RecordsError(ValueError):
    """The records cannot be read or written just now (the reason is in words)."""


class Conflict(RecordsError):
    """Two writers changed the same record at once; the loser may retry."""


class Transaction(Protocol):
    """One open transaction: every statement in it commits together or not at all."""

    def execute(self, name: str, **params: Any) -> list[tuple[Any, ...]]:
        """Run a named statement with bound parameters; its rows (empty for none)."""
        ...

    def run_script(self, name: str) -> None:
        """Run every statement of a parameterless multi-statement file (a migration)."""
        ...


class Backend(Protocol):
    """Where the records live: an embedded DuckDB file or a PostgreSQL database."""

    #: ``"duckdb"`` or ``"pg"``: the prefix of the dialect's own statements.
    dialect: str

    def transaction(self, *, write: bool = True) -> AbstractContextManager[Transaction]:
        """A transaction, committed when the block ends and rolled back on an exception.

        Raises :class:`Conflict` when another writer won a race on the same rows.
        """
        ...

    def exists(self) -> bool:
        """Whether there is anything to read yet (a DuckDB file not created is empty)."""
        ...

    def ready(self) -> None:
        """Raise :class:`RecordsError` unless the database answers a query now."""
        ...

    def describe(self) -> str:
        """Where the records are, in words safe to show (no password, no full path)."""
        ...


def statement(dialect: str, name: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The SQL text for ``name`` in ``dialect`` and its checked parameters."""
    own = f"records_{dialect}_{name}"
    chosen = own if (QUERIES_DIR / f"{own}.sql").exists() else name
    sql, bound = bind(chosen, params)
    return sql, (bound or {})


def rows_of(cursor: Any) -> list[tuple[Any, ...]]:
    """A cursor's rows, or none when the statement returned no result set."""
    if cursor.description is None:
        return []
    return [tuple(row) for row in cursor.fetchall()]
