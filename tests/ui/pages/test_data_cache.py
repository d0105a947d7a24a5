"""The Data page while the ingest cache folder is full or read-only: figures still served
from memory, and the page says so."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from impact.ingest import one_file, staging
from impact.store import manifest, open_store

PAGE = str(PROJECT_ROOT / "views" / "data.py")


def test_a_full_cache_folder_is_reported_and_every_file_still_read(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object):
        raise OSError(errno.ENOSPC, "No space left on device")

    for module in (one_file, staging):
        monkeypatch.setattr(module, "atomic_target", full)
    monkeypatch.setattr(manifest, "write_atomic", full)
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning if "cache folder" in w.value]
    assert "cannot be written (no space left on device)" in warning
    assert "served from memory" in warning
    inventory = at.dataframe[0].value.set_index("File")
    lines = sum(1 for _ in (demo_copy / "observations.csv").open()) - 1
    assert inventory.loc["observations.csv", "Rows read"] == lines
    store = open_store()
    served = store.cursor().execute("SELECT count(*) FROM observations").fetchone()
    assert served is not None and served[0] > 0
