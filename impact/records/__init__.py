"""What people write (the question log, its history, the audit log), behind one seam.

* :mod:`~impact.records.backend`: the contract every backend meets, and its errors;
* :mod:`~impact.records.duckdb_backend`: the embedded default, a DuckDB file in the data
  folder (nothing to set up);
* :mod:`~impact.records.postgres_backend`: PostgreSQL, for several replicas
  (``IMPACT_DATABASE_URL=postgresql://…``);
* :mod:`~impact.records.migrations`: the schema, created and migrated on start;
* :mod:`~impact.records.history`: every change to a question, field by field;
* :mod:`~impact.records.audit`: the append-only audit log;
* :mod:`~impact.records.readiness`: whether the store and the records answer now.
"""

from __future__ import annotations

import os

from impact import config
from impact.records.backend import Backend, Conflict, RecordsError

#: The environment variable that moves the records into PostgreSQL.
DATABASE_URL_ENV = "IMPACT_DATABASE_URL"
#: The embedded records file inside the data folder (its historical name: it began as the
#: question log alone). Not a CSV, so the store never reads it.
RECORDS_FILE_NAME = "board_questions.duckdb"

__all__ = [
    "DATABASE_URL_ENV",
    "RECORDS_FILE_NAME",
    "Backend",
    "Conflict",
    "RecordsError",
    "database_url",
    "open_backend",
]


def database_url() -> str | None:
    """``IMPACT_DATABASE_URL`` when set (a ``postgresql://`` address), else ``None``."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        raise RecordsError(f"{DATABASE_URL_ENV} must start with postgresql:// (or be unset).")
    return url


def open_backend(data_dir: str | os.PathLike[str] | None = None) -> Backend:
    """The records' backend: PostgreSQL when ``IMPACT_DATABASE_URL`` is set, else the file.

    psycopg is imported only when PostgreSQL is chosen, so the embedded default never
    needs it.
    """
    url = database_url()
    if url:
        from impact.records.postgres_backend import PostgresBackend

        return PostgresBackend(url)
    from impact.records.duckdb_backend import DuckDBBackend

    return DuckDBBackend(config.data_dir(data_dir) / RECORDS_FILE_NAME)
