"""Saving an analyst's uploaded CSV into the data folder without ever damaging it.

An upload is untrusted: its name may carry path parts (``../../evil.csv``), a hidden-file
dot or odd characters, and its contents may be the wrong extract altogether. So the name is
sanitised to a plain file name with one of the endings the store reads (a CSV, or one of
NHS England's published forms: a DM01 ``.xls`` or ``.xlsx`` workbook, an RTT ``.zip`` of one
CSV), the bytes are checked against the size limit and validated *before* anything touches
the data folder (in a scratch folder elsewhere, by the same per-file validation
``python -m impact check`` runs: a zip is unpacked there, and refused if it would expand
beyond the same limit, so a zip bomb never reaches the folder), and the write itself is atomic
(:mod:`impact.atomic`: a hidden temporary file in the target folder, then a rename) so the
store never reads half a file. An existing file is replaced only when the caller says so
explicitly.

No Streamlit here: the Data page calls these functions and draws their results.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from impact import config
from impact.atomic import AlreadyExists, write_atomic
from impact.ingest import OK, FileReport, FileStat, Finding, ingest_file
from impact.ingest.forms import EXTENSIONS

__all__ = [
    "ACCEPTED_TYPES",
    "AlreadyExists",
    "SaveResult",
    "UploadCheck",
    "UploadRejected",
    "check_size",
    "in_scratch_folder",
    "sanitise_filename",
    "save_atomically",
    "size_limit_bytes",
    "target_path",
    "validate_upload",
]

#: The endings an upload may have, without the dot (the uploader's ``type``): every form
#: the store reads, told apart by content once saved (:mod:`impact.ingest.forms`).
ACCEPTED_TYPES: tuple[str, ...] = tuple(ending.lstrip(".") for ending in EXTENSIONS)

#: Longest file name kept (most file systems allow 255 bytes; leave room for a suffix).
MAX_NAME_LENGTH = 120

#: Names Windows refuses for files, whatever the extension (folders get shared).
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


class UploadRejected(ValueError):
    """The upload cannot be saved; the message says why in words an analyst understands."""


def sanitise_filename(raw: str) -> str:
    """A safe file name for an upload: no folders, not hidden, plain characters, a known ending.

    Browsers may send a full client path (``C:\\Users\\me\\obs.csv``) and a hostile client
    may send ``../../evil.csv``, so only the last path part is kept, whichever separator
    was used. Leading dots are dropped (no hidden files, no ``..``), accents are folded
    to ASCII and any other character outside letters, digits, ``.``, ``_`` and ``-``
    becomes ``_``; the ending (``.csv``, ``.xls``, ``.xlsx`` or ``.zip``) is written in
    lower case. Raises :class:`UploadRejected` when nothing usable is left or the file has
    none of those endings.
    """
    base = re.split(r"[\\/]", raw.strip())[-1]
    base = "".join(c for c in unicodedata.normalize("NFKD", base) if not unicodedata.combining(c))
    base = base.replace("\x00", "")
    ending = next((e for e in EXTENSIONS if base.lower().endswith(e)), None)
    if ending is None:
        endings = ", ".join(EXTENSIONS[:-1]) + f" or {EXTENSIONS[-1]}"
        raise UploadRejected(
            f"Only {endings} files can be uploaded; '{base or raw}' is none of these."
        )
    stem = base[: -len(ending)]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem)
    stem = re.sub(r"_{2,}", "_", stem).lstrip(".-_ ").rstrip(". ")
    if not stem:
        raise UploadRejected(f"'{raw}' has no usable file name before {ending}.")
    if stem.split(".")[0].lower() in WINDOWS_RESERVED:
        stem = f"{stem}_file"
    stem = stem[: MAX_NAME_LENGTH - len(ending)]
    return f"{stem}{ending}"


def size_limit_bytes() -> int:
    """The upload limit in bytes, from ``IMPACT_MAX_UPLOAD_MB`` (default 200 MB)."""
    return int(config.max_upload_mb() * 1024 * 1024)


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse an upload over the limit, saying how big it is and how to raise the limit."""
    limit = size_limit_bytes() if limit is None else limit
    if size > limit:
        raise UploadRejected(
            f"The file is {size / 1024 / 1024:,.1f} MB; uploads are limited to "
            f"{limit / 1024 / 1024:,.0f} MB. Copy large extracts straight into the data "
            "folder, or ask whoever runs the dashboard to raise IMPACT_MAX_UPLOAD_MB."
        )


def target_path(data_dir: Path, name: str) -> Path:
    """Where a sanitised name is saved: directly inside the data folder, nowhere else.

    Re-checks containment after resolving, so even a name that slipped past
    :func:`sanitise_filename` (or a symbolic link planted in the folder) cannot send the
    write outside the data folder.
    """
    folder = Path(data_dir).resolve()
    path = (folder / sanitise_filename(name)).resolve()
    if path.parent != folder:
        raise UploadRejected(f"'{name}' would be saved outside the data folder.")
    return path


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the final path and whether it replaced an existing file."""

    path: Path
    replaced: bool


def save_atomically(
    data: bytes, data_dir: Path, name: str, *, overwrite: bool = False
) -> SaveResult:
    """Write the bytes to ``data_dir/<sanitised name>`` so a reader sees all of it or none.

    The bytes go to a hidden temporary file in the same folder (same file system, so the
    rename is atomic; hidden and ending ``.tmp``, so a store scanning the folder at that
    moment never mistakes it for an extract), are flushed to disk, and are then moved into
    place. Without ``overwrite`` the move is a hard link, which fails if the name exists, so
    even a file that appeared a moment ago is never replaced silently
    (:class:`~impact.atomic.AlreadyExists`).
    """
    check_size(len(data))
    folder = Path(data_dir).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = target_path(folder, name)
    existed = path.exists()
    if existed and not overwrite:
        raise AlreadyExists(path)
    write_atomic(path, data, overwrite=overwrite, fsync=True)
    return SaveResult(path=path, replaced=existed and overwrite)


def in_scratch_folder(data: bytes, name: str, check: Callable[[Path], Any]) -> Any:
    """Run ``check`` on the bytes saved as ``name`` in a fresh folder outside the data folder.

    Validation needs a file on disk (DuckDB reads files), but the data folder must not
    see the upload until it has passed, so the bytes go to a private temporary folder that
    is removed afterwards, whatever ``check`` does.
    """
    with tempfile.TemporaryDirectory(prefix="impact-upload-") as scratch:
        path = Path(scratch) / sanitise_filename(name)
        path.write_bytes(data)
        return check(path)


@dataclass(frozen=True)
class UploadCheck:
    """The validation of an upload, exactly as the store would report the file once saved."""

    name: str
    report: FileReport
    findings: tuple[Finding, ...]

    @property
    def can_save(self) -> bool:
        """Saved only when the store would take every row: no error of any kind.

        An upload is the analyst's chance to fix the file before the board sees it, so a
        rejected row blocks the save just as an unrecognised header does (a file copied
        straight into the folder is still loaded with its bad rows left out and reported).
        """
        errors = [f for f in self.findings if f.severity == "error"]
        return self.report.status == OK and not errors


def validate_upload(data: bytes, raw_name: str) -> UploadCheck:
    """Validate uploaded bytes *before* anything is written to the data folder.

    The bytes are checked against the size limit, then written under their sanitised name
    to a scratch folder outside the data folder and put through
    :func:`impact.ingest.one_file.ingest_file` (the very function the store and ``python -m impact
    check`` use) on a private in-memory DuckDB, so the verdict is the one the store will
    give. Raises :class:`UploadRejected` for a bad name or size.
    """
    name = sanitise_filename(raw_name)
    check_size(len(data))

    def check(path: Path) -> UploadCheck:
        st = path.stat()
        stat = FileStat(rel=name, path=path, size=st.st_size, mtime_ns=st.st_mtime_ns)
        con = duckdb.connect(
            ":memory:",
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
        )
        try:
            result = ingest_file(con, stat, path.parent / "checked", origin="data")
        finally:
            con.close()
        return UploadCheck(name=name, report=result.report, findings=tuple(result.findings))

    return in_scratch_folder(data, name, check)
