"""Fixtures and helpers every test folder shares.

``shared_path`` is the one rule for the reference data beside the project (``../shared``:
real NHS England files, the NHSRplotthedots and autospc golden examples). A developer's
checkout without it skips those tests with a clear reason; in CI (``CI`` set) a missing
file is a failure, so a clean clone can never go green without the reference checks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impact import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the test when it is absent, fails under CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"the shared reference data {Path('..', 'shared', *parts)} is not present"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must run the reference checks)")
        pytest.skip(message)
    return path
