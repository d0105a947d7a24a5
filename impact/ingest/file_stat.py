"""One extract file as the store found it (path, size, modification time), and whether it moved.

The store compares a file's size and ``mtime`` (nanoseconds) to decide whether its cached
result still holds; ingest compares them again after reading, so a file still being
copied into the folder is reported as such and retried, never half-used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStat:
    """One extract file: where it is, and the size and mtime it had when it was listed."""

    rel: str  # path relative to the data folder, with forward slashes
    path: Path
    size: int
    mtime_ns: int


def stat_changed(stat: FileStat) -> bool:
    """True when the file is gone or its size or mtime moved since ``stat`` was taken.

    Callers look it up on this module (``file_stat.stat_changed``), so a test that
    patches it covers the one-file and the staged reads alike.
    """
    try:
        now = stat.path.stat()
    except FileNotFoundError:
        return True
    return now.st_size != stat.size or now.st_mtime_ns != stat.mtime_ns
