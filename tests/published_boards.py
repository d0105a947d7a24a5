"""One folder of NHS England's published files as downloaded, for the board-page tests.

The A&E monthly CSVs, the DM01 workbooks, the AmbSYS CSV, two RTT full-extract zips and
the ODS trust list: enough for a real acute trust (RRK, University Hospitals Birmingham),
its ICB and an ambulance trust (RRU, London Ambulance Service) to have diagnostics, RTT,
A&E and ambulance figures. Built once per test session with its ingest cache, so the
AppTest module reads it once and the browser test's server starts on a warm cache. The
RTT zips each hold an ~85 MB CSV; two months are enough for a chart with limits (and one
whose computed lower limit is negative), so the third shared month is left out.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from impact.store import open_store
from tests.conftest import shared_path

#: The RTT months the board tests need (of the three in the shared folder).
RTT_ZIPS = ("2025-03_rtt_full_extract_zip.zip", "Full-CSV-data-file-Jan26-ZIP-4M-WL5BiP.zip")


@dataclass(frozen=True)
class PublishedFolder:
    """The data folder and the ingest cache beside it (both temporary)."""

    data: Path
    cache: Path

    def environment(self, mp: pytest.MonkeyPatch) -> None:
        """Point the app (``IMPACT_DATA_DIR``, ``IMPACT_CACHE_DIR``) at this folder."""
        mp.setenv("IMPACT_DATA_DIR", str(self.data))
        mp.setenv("IMPACT_CACHE_DIR", str(self.cache))


@pytest.fixture(scope="session")
def published_boards(tmp_path_factory: pytest.TempPathFactory) -> PublishedFolder:
    """The published files copied into a temporary data folder, ingested once."""
    nhse = ("data", "nhs-england")
    folder = tmp_path_factory.mktemp("published-boards")
    for name in ("ae-monthly-2024-25", "dm01", "ambsys"):
        shutil.copytree(shared_path(*nhse, name), folder / name)
    (folder / "rtt").mkdir()
    for name in RTT_ZIPS:
        shutil.copy2(shared_path(*nhse, "rtt", name), folder / "rtt" / name)
    ods = shared_path("data", "ods", "trusts_etr_2026-01.csv")
    shutil.copy2(ods, folder / ods.name)
    published = PublishedFolder(folder, tmp_path_factory.mktemp("published-boards-cache"))
    # The Parquet cache written now, so every later reader of the folder starts warm.
    open_store(published.data, published.cache).flush()
    return published
