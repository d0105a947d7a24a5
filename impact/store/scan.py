"""Which files the store reads, and the fingerprint that says whether any changed.

The fingerprint is a hash of every extract's relative path, size and modification time
(nanoseconds), so a file added, changed or removed while the app runs is noticed by one
cheap directory walk (``stat`` only, no file is opened).

The demo rule: a folder named ``demo`` directly inside the data folder holds the shipped
demo set. It is read only when the data folder holds no other extract (CSV, workbook or
zip; board question log exports aside: :class:`FolderScan` lets those sit beside the
demo), so fictional demo organisations are never mixed with an organisation's real extracts.

The national catalogue (:mod:`impact.catalogue`) is listed first, under
``national catalogue/``, so its files are fingerprinted and cached like any extract.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from impact import contracts
from impact.catalogue import CATALOGUE_PREFIX
from impact.ingest import FileStat, HeaderError, read_header
from impact.ingest.forms import EXTENSIONS

DEMO_FOLDER = "demo"
#: Contracts whose files do not count as "real data" for the demo rule: a board question
#: log exported from the app and dropped into the data folder must not switch the demo off.
NOT_REAL_DATA = ("board_questions",)


def _hidden(name: str) -> bool:
    return name.startswith((".", "~"))


def _walk_csv(root: Path, skip: set[Path]) -> list[Path]:
    """Every CSV, workbook and zip under ``root`` (what each holds is told by its content)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _hidden(d) and (here / d).resolve() not in skip)
        found.extend(
            here / f for f in sorted(files) if not _hidden(f) and f.lower().endswith(EXTENSIONS)
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


class FolderScan:
    """The files one store reads: the catalogue's, then the data folder's (demo rule applied).

    Remembers which files are question-log exports per (size, mtime), so a rescan of an
    unchanged folder opens no file: it only lists and ``stat``s.
    """

    def __init__(self, data_dir: Path, catalogue_dir: Path, skip: tuple[Path, ...]) -> None:
        self.data_dir = data_dir
        self.catalogue_dir = catalogue_dir
        self.skip = skip
        self._header_kinds: dict[tuple[str, int, int], bool] = {}

    def __call__(self) -> list[FileStat]:
        stats: list[FileStat] = []
        if self.catalogue_dir.is_dir():
            for path in sorted(self.catalogue_dir.glob("*.csv")):
                st = path.stat()
                rel = CATALOGUE_PREFIX + path.name
                stats.append(FileStat(rel, path, st.st_size, st.st_mtime_ns))
        return stats + self._data_files()

    def _data_files(self) -> list[FileStat]:
        """The data folder's extracts, with the demo rule widened to ignore question logs.

        :func:`extract_files` reads ``demo/`` only when no other CSV is present; here a
        folder whose only other CSVs are board question log exports still gets the demo
        (plus those exports), so exporting the log never makes the demo disappear.
        """
        found = extract_files(self.data_dir, skip=self.skip)
        demo = self.data_dir / DEMO_FOLDER
        if not found or not demo.is_dir() or not all(self._not_real_data(s) for s in found):
            return found
        demo_files = [
            FileStat(f"{DEMO_FOLDER}/{s.rel}", s.path, s.size, s.mtime_ns)
            for s in extract_files(demo, skip=self.skip)
        ]
        return sorted(found + demo_files, key=lambda s: s.rel)

    def _not_real_data(self, stat: FileStat) -> bool:
        """True for a file whose header matches a contract in :data:`NOT_REAL_DATA`."""
        key = (stat.rel, stat.size, stat.mtime_ns)
        known = self._header_kinds.get(key)
        if known is None:
            try:
                contract = contracts.match_contract(read_header(stat.path))
            except (HeaderError, OSError):
                contract = None
            known = contract is not None and contract.name in NOT_REAL_DATA
            self._header_kinds[key] = known
        return known
