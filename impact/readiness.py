"""Readiness: can this replica serve a board right now?

Streamlit's ``/_stcore/health`` says the server process is up; a load balancer or an
orchestrator also needs to know that the extracts load and that the records (question log,
audit log) answer, or it will send people to a replica that shows an error. Each check
is named, timed and says what failed in words safe to show (no passwords, no full paths).
``python -m impact ready`` runs them and exits 0 only when all pass. A server started with
``python -m impact serve`` adds one more: it has finished warming (:mod:`impact.warm`), so
the first visitor is not the one who waits.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from impact import config
from impact.records import RecordsError, open_backend


@dataclass(frozen=True)
class Check:
    """One readiness check's result."""

    name: str
    ok: bool
    detail: str
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _timed(name: str, probe: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail, ok = probe(), True
    except Exception as error:  # any failure means "not ready", said in words
        detail, ok = f"{type(error).__name__}: {error}", False
    return Check(name, ok, detail, round(time.perf_counter() - started, 3))


def check_store(
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Check:
    """The store opens the extracts and answers a query over the observations."""
    from impact.store import open_store

    def probe() -> str:
        folder = config.data_dir(data_dir)
        if not folder.is_dir():  # an unmounted share: the store would serve nothing
            raise FileNotFoundError(f"the data folder {folder.name} is not there")
        store = open_store(data_dir, cache_dir)
        store.refresh()
        row = store.query("board_data_as_at").iloc[0]
        return f"{int(row['observations'])} observations from {len(store.files())} files"

    return _timed("store", probe)


def check_records(data_dir: str | os.PathLike[str] | None = None) -> Check:
    """The records backend (the DuckDB file or PostgreSQL) answers a query."""

    def probe() -> str:
        backend = open_backend(data_dir)
        backend.ready()
        return f"records in {backend.describe()}"

    return _timed("records", probe)


def check_warm(cache_dir: str | os.PathLike[str] | None = None) -> Check | None:
    """Whether the server on this cache folder has warmed; ``None`` when no server started
    by ``python -m impact serve`` is running on it (``streamlit run`` does not warm)."""
    from impact.warm import read_status

    status = read_status(cache_dir)
    if status is None:
        return None
    if status.state == "warm":
        return Check("warm", True, f"warmed in {status.seconds:.1f} s", 0.0)
    if status.state == "warming":
        return Check("warm", False, "still warming: the first visit would wait", 0.0)
    return Check("warm", False, "warming failed (the server log says why)", 0.0)


def readiness(
    data_dir: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[Check]:
    """Every readiness check, store first (and the warm-up last, where there is one)."""
    checks = [check_store(data_dir, cache_dir), check_records(data_dir)]
    warmed = check_warm(cache_dir)
    return checks if warmed is None else [*checks, warmed]


__all__ = ["Check", "RecordsError", "check_records", "check_store", "check_warm", "readiness"]
