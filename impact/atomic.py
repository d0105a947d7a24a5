"""The one way this product writes a file: to a temporary file beside it, then a rename.

A dashboard that is reading the data folder while an analyst uploads, a background thread
writing the Parquet cache, or a board pack being saved must never see half a file, and a
process killed mid-write must leave the old file (or none) behind, never a torn one. Every
writer in the product goes through :func:`atomic_target` (for tools that write a path
themselves, such as DuckDB's ``COPY``) or :func:`write_atomic` (for bytes or text in hand).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class AlreadyExists(FileExistsError):
    """``overwrite=False`` and the target already exists."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} already exists")
        self.path = path


@contextlib.contextmanager
def atomic_target(
    path: Path, *, overwrite: bool = True, mode: int = 0o644, fsync: bool = False
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it into place.

    The temporary name starts with a dot and ends in ``.tmp`` so folder scans skip it. On
    any exception the temporary file is removed and ``path`` is untouched. With
    ``overwrite=False`` an existing ``path`` raises :class:`AlreadyExists` (checked with a
    hard link where the file system has them, so two writers cannot both win).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if fsync and tmp.exists():
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, mode)  # mkstemp creates 0600; extracts and caches are shared
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_without_clobber(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(
    path: Path, content: bytes | str, *, overwrite: bool = True, fsync: bool = False
) -> Path:
    """Write ``content`` (text as UTF-8, newlines untouched) to ``path`` atomically."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_target(path, overwrite=overwrite, fsync=fsync) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def _link_without_clobber(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` atomically, failing if ``path`` exists."""
    try:
        os.link(tmp, path)
    except FileExistsError as exc:
        raise AlreadyExists(path) from exc
    except OSError:
        # File systems without hard links: check, then rename (a tiny race, still atomic).
        if path.exists():
            raise AlreadyExists(path) from None
        os.replace(tmp, path)
