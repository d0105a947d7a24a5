"""The embedded backend: the records in one DuckDB file in the data folder.

Nothing to set up, and the default. The file keeps its historical name
(``board_questions.duckdb``) so existing data folders upgrade in place. Each transaction
opens its own short-lived connection, so Streamlit sessions on different threads (and the
``pack`` command in another process) never share one; DuckDB lets one process at a time
hold the file for writing, so a busy file is retried briefly. That is why several
replicas need the PostgreSQL backend.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from impact.pause import pause_point
from impact.records.backend import Conflict, RecordsError, rows_of, statement
from impact.records.migrations import migrate, statements

_SETTINGS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: Files migrated by this process (path, inode): a file replaced on disk migrates again.
_migrated: set[tuple[str, int]] = set()
_migrated_lock = threading.Lock()
_open_lock = threading.Lock()


class DuckDBTransaction:
    """Statements on one DuckDB connection inside ``BEGIN`` … ``COMMIT``."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def execute(self, name: str, **params: Any) -> list[tuple[Any, ...]]:
        sql, bound = statement("duckdb", name, params)
        return rows_of(self.con.execute(sql, bound or None))

    def run_script(self, name: str) -> None:
        for text in statements(name):
            self.con.execute(text)


class DuckDBBackend:
    """The records of one data folder in its DuckDB file."""

    dialect = "duckdb"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return f"the file {self.path.name} in the data folder"

    def exists(self) -> bool:
        return self.path.exists()

    def _open(self, *, write: bool) -> duckdb.DuckDBPyConnection:
        # The folder is named, not given as a path: these messages are shown to any viewer.
        folder = self.path.parent.name or "data"
        if not self.path.parent.is_dir():
            raise RecordsError(f"The data folder {folder} does not exist.")
        writable = os.access(self.path.parent, os.W_OK)
        if write and not writable:
            raise RecordsError(
                f"The data folder {folder} is read-only, so questions cannot be saved."
            )
        last_error: Exception | None = None
        for attempt in range(20):
            try:
                # DuckDB shares one database per file in a process; opening it while another
                # thread closes it races, so opening and closing take turns.
                with _open_lock:
                    return duckdb.connect(str(self.path), read_only=not writable, config=_SETTINGS)
            except (duckdb.IOException, duckdb.ResourceInUseException) as error:
                last_error = error  # another process (or thread) is opening it just now
                time.sleep(0.05 * (attempt + 1))
        raise RecordsError(f"The question log is busy: {last_error}")

    def _migrate_once(self, con: duckdb.DuckDBPyConnection) -> None:
        key = (str(self.path), self.path.stat().st_ino)
        with _migrated_lock:
            if key in _migrated:
                return
            con.begin()
            try:
                migrate(DuckDBTransaction(con))
                con.commit()
            except BaseException:
                con.rollback()
                raise
            _migrated.add(key)

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[DuckDBTransaction]:
        con = self._open(write=write)
        try:
            if write:
                self._migrate_once(con)
            con.begin()
            try:
                yield DuckDBTransaction(con)
                if write:
                    pause_point("records-commit")
                con.commit()
            except duckdb.TransactionException as error:
                con.rollback()
                raise Conflict(f"Someone else changed the same record just now: {error}") from None
            except BaseException:
                con.rollback()
                raise
        finally:
            with _open_lock:
                con.close()

    def ready(self) -> None:
        if self.exists():
            with self.transaction(write=False) as tx:
                tx.execute("records_probe")
        elif not os.access(self.path.parent, os.W_OK):
            raise RecordsError("The data folder is missing or read-only.")
