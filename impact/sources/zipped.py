"""A publication zipped as NHS England publishes it (the RTT full CSV extract): one CSV inside.

The store hands a reader a CSV path, so a zip is unpacked first, its single CSV member
streamed in 1 MB pieces to a temporary file beside the ingest cache and deleted as soon
as the file has been read. Streaming keeps memory flat (the 85 MB CSV is never held in
memory, let alone twice), and a real file lets DuckDB read it in parallel and more than
once, which a pipe would not. A zip is refused, with a message saying why, when it holds
no CSV or more than one, is damaged or password-protected, or would expand beyond the
upload limit (``IMPACT_MAX_UPLOAD_MB``): the limit is checked against the size the zip
declares and again while unpacking, so a zip that lies about its size cannot fill the disk.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from impact.config import max_upload_mb
from impact.sources import PublicationProblem

CHUNK = 1 << 20


class ZipProblem(PublicationProblem):
    """The zip cannot be read as one published CSV."""


def is_zip(path: Path) -> bool:
    """True when the file is a zip archive by its content (whatever its name)."""
    return zipfile.is_zipfile(path)


def _csv_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The CSV files in the archive (folders, hidden files and macOS metadata left out)."""
    out = []
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        hidden = any(part.startswith((".", "__MACOSX")) for part in name.parts)
        if not info.is_dir() and not hidden and name.suffix.lower() == ".csv":
            out.append(info)
    return out


def csv_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The single CSV in the archive, or a :class:`ZipProblem` naming what is there."""
    members = _csv_members(archive)
    if len(members) == 1:
        return members[0]
    if not members:
        names = ", ".join(i.filename for i in archive.infolist()[:5]) or "nothing"
        raise ZipProblem(f"the zip holds no CSV file (it holds: {names})")
    names = ", ".join(i.filename for i in members[:5])
    raise ZipProblem(f"the zip holds {len(members)} CSV files ({names}); put one CSV in a zip")


def limit_bytes() -> int:
    return int(max_upload_mb() * 1024 * 1024)


def _too_big(member: zipfile.ZipInfo, size: int) -> ZipProblem:
    return ZipProblem(
        f"{member.filename} expands to more than {size / 2**20:,.0f} MB "
        f"(the limit, IMPACT_MAX_UPLOAD_MB, is {max_upload_mb():,.0f} MB)"
    )


@contextmanager
def extracted_csv(path: Path, into: Path) -> Iterator[Path]:
    """The zip's one CSV as a temporary file in ``into`` (named as in the zip), then removed."""
    limit = limit_bytes()
    into.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".unzip-", dir=into))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                member = csv_member(archive)
                if member.file_size > limit:
                    raise _too_big(member, member.file_size)
                target = folder / PurePosixPath(member.filename).name
                _stream(archive, member, target, limit)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise ZipProblem(f"the zip file is damaged or cannot be unpacked: {exc}") from exc
        except RuntimeError as exc:  # zipfile's word for an encrypted member
            raise ZipProblem(f"the zip cannot be unpacked (password-protected?): {exc}") from exc
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stream(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, limit: int) -> None:
    written = 0
    with archive.open(member) as source, target.open("wb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise _too_big(member, written)
            sink.write(chunk)
