"""Where the data and the ingest cache live, from the environment or the defaults.

``IMPACT_DATA_DIR`` points the dashboard at another data folder (the CLI's ``--data``
does the same for one command). ``IMPACT_CACHE_DIR`` moves the ingest cache, which
otherwise sits in ``.cache/`` at the project root (git ignores it), so that a read-only
data folder can still be served. ``IMPACT_MAX_UPLOAD_MB`` caps an upload's size.
"""

from __future__ import annotations

import os
from pathlib import Path

from impact import PROJECT_ROOT

DEFAULT_MAX_UPLOAD_MB = 200


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the override, else ``IMPACT_DATA_DIR``, else ``data/``."""
    chosen = override or os.environ.get("IMPACT_DATA_DIR") or PROJECT_ROOT / "data"
    return Path(chosen).expanduser().resolve()


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the persisted ingest cache (created on demand)."""
    chosen = override or os.environ.get("IMPACT_CACHE_DIR") or PROJECT_ROOT / ".cache"
    return Path(chosen).expanduser().resolve()


def max_upload_mb() -> float:
    """The upload size limit in megabytes (``IMPACT_MAX_UPLOAD_MB``, default 200)."""
    raw = os.environ.get("IMPACT_MAX_UPLOAD_MB", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return value if value > 0 else DEFAULT_MAX_UPLOAD_MB
