"""A cache folder that becomes read-only or full: every row still served, and the store says so.

Tests run as root, where ``chmod`` does not stop a write, so the disk's refusal is
simulated where the cache is written: the atomic writes of the Parquet files (one file at a
time and staged) and of the manifest raise what a full disk or a read-only folder raises.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from impact.ingest import OK, one_file, staging
from impact.store import manifest
from tests.extracts import OBS_HEADER, ORGS, report, rows, write
from tests.store.conftest import make


def refuse(exc: OSError):
    def writer(*_args: object, **_kwargs: object):
        raise exc

    return writer


@pytest.mark.parametrize(
    "exc",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        PermissionError(errno.EACCES, "Permission denied"),
        OSError(errno.EROFS, "Read-only file system"),
    ],
    ids=["full", "no permission", "read-only"],
)
def test_rows_are_served_from_memory_and_the_store_says_why(
    folders, monkeypatch: pytest.MonkeyPatch, caplog, exc: OSError
) -> None:
    data = folders[0]
    write(data / "orgs.csv", ORGS)
    write(data / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\nm_pct,T01,2025-02-01,x,,\n")
    for module in (one_file, staging):
        monkeypatch.setattr(module, "atomic_target", refuse(exc))
    monkeypatch.setattr(manifest, "write_atomic", refuse(exc))

    with caplog.at_level(logging.WARNING, logger="impact"):
        store = make(folders)
        store.flush()
    assert rows(store, "SELECT org_code, value FROM observations") == [("T01", 75.0)]
    assert report(store, "obs.csv").rows_rejected == 1  # still checked as ever
    assert report(store, "orgs.csv").status == OK
    status = store.cache_status()
    assert f"cannot be written ({exc.strerror.lower()})" in status
    assert "served from memory" in status
    assert "could not be written" in caplog.text
    assert not list(Path(folders[1]).rglob("*.parquet"))

    write(data / "more.csv", OBS_HEADER + "m_pct,T01,2025-03-01,77,,\n")
    assert store.refresh()  # a new file is read, checked and served from memory too
    store.flush()
    assert rows(store, "SELECT count(*) FROM observations") == [(2,)]

    monkeypatch.undo()  # the disk has room again: the next start caches and says nothing
    again = make(folders)
    again.flush()
    assert again.cache_status() == ""
    assert rows(again, "SELECT count(*) FROM observations") == [(2,)]


def test_a_healthy_cache_says_nothing(folders) -> None:
    write(folders[0] / "obs.csv", OBS_HEADER + "m_pct,T01,2025-01-01,75,,\n")
    store = make(folders)
    store.flush()
    assert store.cache_status() == ""
