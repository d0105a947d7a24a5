"""Which files count as extracts, and the fingerprint that says whether any changed.

The fingerprint is a hash of every extract's relative path, size and modification time
(nanoseconds), so a file added, changed or removed while the app runs is noticed by one
cheap directory walk (``stat`` only, no file is opened).

The demo rule: a folder named ``demo`` directly inside the data folder holds the shipped
demo set. It is read only when the data folder holds no other CSV file (board question
log exports aside: the store lets those sit beside the demo), so fictional demo
organisations are never mixed with an organisation's real extracts.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DEMO_FOLDER = "demo"


@dataclass(frozen=True)
class FileStat:
    """One extract file as the fingerprint sees it."""

    rel: str  # path relative to the data folder, with forward slashes
    path: Path
    size: int
    mtime_ns: int


def _hidden(name: str) -> bool:
    return name.startswith((".", "~"))


def _walk_csv(root: Path, skip: set[Path]) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _hidden(d) and (here / d).resolve() not in skip)
        found.extend(
            here / f for f in sorted(files) if not _hidden(f) and f.lower().endswith(".csv")
        )
    return found


def extract_files(data_dir: Path, skip: tuple[Path, ...] = ()) -> list[FileStat]:
    """Every extract in ``data_dir`` (recursively), applying the demo rule, sorted by path.

    Hidden files and folders (``.name``, Office lock files ``~$name``) and the folders in
    ``skip`` (the ingest cache when it sits inside the data folder) are ignored.
    """
    if not data_dir.is_dir():
        return []
    skip_set = {p.resolve() for p in skip}
    demo = (data_dir / DEMO_FOLDER).resolve()
    paths = _walk_csv(data_dir, skip_set | {demo})
    if not paths and demo.is_dir():
        paths = _walk_csv(demo, skip_set)
    stats: list[FileStat] = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:  # removed between the walk and the stat
            continue
        rel = path.relative_to(data_dir).as_posix()
        stats.append(FileStat(rel, path, st.st_size, st.st_mtime_ns))
    stats.sort(key=lambda s: s.rel)
    return stats


def fingerprint(stats: list[FileStat]) -> str:
    """A short hash of (relative path, size, mtime_ns) of every file given."""
    h = hashlib.sha256()
    for s in stats:
        h.update(f"{s.rel}\0{s.size}\0{s.mtime_ns}\n".encode())
    return h.hexdigest()[:16]
