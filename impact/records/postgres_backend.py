"""The shared backend: the records in PostgreSQL, for several replicas behind a balancer.

Chosen by ``IMPACT_DATABASE_URL=postgresql://…``. Each process keeps one small pool of
connections (:mod:`psycopg_pool`) per database, opened on first use, when the schema is
also created or migrated. Statements are the same named files as DuckDB's, their
``$name`` parameters rewritten to psycopg's ``%(name)s`` and always bound, never pasted.
Every change runs in one transaction at PostgreSQL's default isolation (read committed):
an update guarded by a revision waits for a concurrent one and then sees its result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import errors
from psycopg_pool import ConnectionPool, PoolTimeout

from impact.records.backend import Conflict, RecordsError, rows_of, statement
from impact.records.migrations import migrate, statements
from impact.sql.named import _PARAM

#: Connections per process: Streamlit sessions are threads, and most calls are short.
POOL_MIN, POOL_MAX = 1, 4
#: Seconds to wait for a free connection (or for the database on start) before saying so.
WAIT_SECONDS = 10.0
#: Seconds a readiness probe waits for a new connection.
READY_SECONDS = 3

_pools: dict[str, ConnectionPool] = {}
_pools_lock = threading.Lock()


def to_psycopg(sql: str) -> str:
    """``$name`` → ``%(name)s``, and a literal ``%`` doubled so psycopg leaves it alone."""
    return _PARAM.sub(lambda m: f"%({m.group(1)})s", sql.replace("%", "%%"))


def safe_url(url: str) -> str:
    """The database's address without user or password, for messages and the ready check."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"


class PostgresTransaction:
    """Statements on one pooled connection inside one transaction."""

    def __init__(self, con: psycopg.Connection) -> None:
        self.con = con

    def execute(self, name: str, **params: Any) -> list[tuple[Any, ...]]:
        sql, bound = statement("pg", name, params)
        return rows_of(self.con.execute(to_psycopg(sql), bound))

    def run_script(self, name: str) -> None:
        for text in statements(name):
            self.con.execute(text)


def _pool(url: str) -> ConnectionPool:
    """This process's pool for ``url``, created (and the schema migrated) on first use."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            pool = ConnectionPool(
                url,
                min_size=POOL_MIN,
                max_size=POOL_MAX,
                timeout=WAIT_SECONDS,
                check=ConnectionPool.check_connection,
                open=False,
            )
            try:
                pool.open(wait=True, timeout=WAIT_SECONDS)
                with pool.connection() as con, con.transaction():
                    migrate(PostgresTransaction(con))
            except (PoolTimeout, psycopg.Error) as error:
                pool.close()
                raise RecordsError(
                    f"The records database at {safe_url(url)} does not answer: {error}"
                ) from None
            _pools[url] = pool
        return pool


def close_pools() -> None:
    """Close every pool of this process (tests, and a clean shutdown)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


class PostgresBackend:
    """The records in one PostgreSQL database."""

    dialect = "pg"

    def __init__(self, url: str) -> None:
        self.url = url

    def describe(self) -> str:
        return f"the PostgreSQL database at {safe_url(self.url)}"

    def exists(self) -> bool:
        return True

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[PostgresTransaction]:
        try:
            with _pool(self.url).connection() as con, con.transaction():
                yield PostgresTransaction(con)
        except (errors.SerializationFailure, errors.DeadlockDetected, errors.UniqueViolation) as e:
            raise Conflict(f"Someone else changed the same record just now: {e}") from None
        except PoolTimeout:
            raise RecordsError(f"The records database at {safe_url(self.url)} is busy.") from None
        except psycopg.OperationalError as error:
            raise RecordsError(
                f"The records database at {safe_url(self.url)} does not answer: {error}"
            ) from None

    def ready(self) -> None:
        """A fresh connection answers within :data:`READY_SECONDS` (not the pool's wait:
        a probe must fail fast, and a pool can hide a database that just went away)."""
        try:
            with psycopg.connect(self.url, connect_timeout=READY_SECONDS) as con:
                # The server answers; the pool's path (and the schema) is checked next.
                con.execute(statement("pg", "records_server_probe", {})[0])
        except psycopg.Error as error:
            raise RecordsError(
                f"The records database at {safe_url(self.url)} does not answer: {error}"
            ) from None
        with self.transaction(write=False) as tx:  # opens the pool, migrating if need be
            tx.execute("records_probe")
