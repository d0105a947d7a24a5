"""The store tests' folders: every store test runs on both ingest paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.ingest import staging
from impact.store import Store
from tests.extracts import METRICS, TARGETS, write

#: (data folder, cache folder, catalogue folder) of one test.
Folders = tuple[Path, Path, Path]


@pytest.fixture(params=["cached at once", "staged"])
def folders(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    data_dir: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Folders:
    """A data folder, cache and a two-metric catalogue; run once per ingest path.

    "staged": every file counts as large, so it is read with others of its layout into
    memory and its Parquet written behind (:mod:`impact.ingest.staging`); the rules must
    hold exactly as when each file is cached at once.
    """
    if request.param == "staged":
        monkeypatch.setattr(staging, "STAGE_MIN_BYTES", 0)
    catalogue = tmp_path / "catalogue"
    write(catalogue / "metrics.csv", METRICS)
    write(catalogue / "targets.csv", TARGETS)
    return data_dir, cache_dir, catalogue


def make(folders: Folders) -> Store:
    """A new store on the test's folders (a restart, when one was made before)."""
    data, cache, catalogue = folders
    return Store(data, cache, catalogue_dir=catalogue)
