"""Fixtures and helpers every test folder shares.

``shared_path`` is the one rule for the reference data beside the project (``../shared``:
real NHS England files, the NHSRplotthedots and autospc golden examples). A developer's
checkout without it skips those tests with a clear reason; in CI (``CI`` set) a missing
file is a failure, so a clean clone can never go green without the reference checks.

The folder fixtures give a test its own data folder and ingest cache, set in the
environment the app reads (``IMPACT_DATA_DIR``, ``IMPACT_CACHE_DIR``), so nothing a test
writes touches the repository; ``fresh_store`` also forgets the process-wide stores before
and after, so no test sees another's folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from impact import PROJECT_ROOT

if TYPE_CHECKING:
    from impact.store import Store

SHARED = PROJECT_ROOT.parent / "shared"
DEMO = PROJECT_ROOT / "data" / "demo"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the test when it is absent, fails under CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"the shared reference data {Path('..', 'shared', *parts)} is not present"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must run the reference checks)")
        pytest.skip(message)
    return path


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder of this test's own, set as ``IMPACT_DATA_DIR``."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ingest cache folder of this test's own (not yet created), set as ``IMPACT_CACHE_DIR``."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def demo_data_dir(data_dir: Path) -> Path:
    """``data_dir`` holding a copy of the shipped demo, with fresh mtimes (a new fingerprint)."""
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")
    shutil.copytree(DEMO, data_dir, dirs_exist_ok=True, copy_function=shutil.copy)
    return data_dir


@pytest.fixture
def fresh_store(data_dir: Path, cache_dir: Path) -> Iterator[Callable[[], Store]]:
    """``open_store`` for this test's folders, the process-wide stores forgotten around it."""
    from impact.store import open_store, reset_stores

    reset_stores()
    yield lambda: open_store(data_dir, cache_dir)
    reset_stores()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Group the tests for pytest-xdist's ``--dist loadgroup`` (test.sh): each file is one
    group, so a module fixture is built once, and every browser test is one group, so the
    browser folder's live server, Chromium and data copy (package fixtures) start once, on
    one worker, instead of again each time a worker comes back to that folder."""
    for item in items:
        parts = Path(item.path).resolve().relative_to(PROJECT_ROOT).parts
        group = "tests/browser" if parts[:2] == ("tests", "browser") else "/".join(parts)
        item.add_marker(pytest.mark.xdist_group(group))


# The published-files folder the board-page tests share, built once per session (below
# ``shared_path``, which it uses).
from tests.published_boards import published_boards  # noqa: E402, F401
