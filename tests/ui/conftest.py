"""Fixtures the page tests share: the shipped demo data, read in place or copied.

``demo_env`` points the app at ``data/demo`` itself (tests that only read);
``demo_copy`` gives a test its own copy with its own cache (tests that upload, record
questions or must see a fresh fingerprint); ``demo`` is the demo store with its
hierarchy and months, for tests that hand a page its filter context directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from impact import PROJECT_ROOT
from impact.calendar import month_starts
from impact.orgs import OrgTree
from impact.store import open_store, reset_stores

DEMO = PROJECT_ROOT / "data" / "demo"


def _require_demo() -> None:
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    """The app reads the shipped demo folder in place, with a cache of its own."""
    _require_demo()
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_DATA_DIR", str(DEMO))
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield DEMO
    mp.undo()


@pytest.fixture(scope="module")
def demo(demo_env):
    """The store on the demo data, with its hierarchy and months."""
    store = open_store(demo_env)
    store.refresh()
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    months = month_starts(pd.to_datetime(store.query("board_periods")["month"]))
    return store, tree, months


@pytest.fixture
def demo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the demo folder (new mtimes, so a new fingerprint) and its own cache."""
    _require_demo()
    folder = tmp_path / "data"
    shutil.copytree(DEMO, folder, copy_function=shutil.copy)
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IMPACT_MAX_UPLOAD_MB", raising=False)
    reset_stores()
    yield folder
    reset_stores()
