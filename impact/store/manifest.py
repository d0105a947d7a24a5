"""The cache's memory across restarts: every file's result in one JSON file, and its clean-up.

A restart with unchanged files parses no CSV: each file's report, findings and outputs are
read back from ``manifest.json`` beside the Parquet files. The manifest is thrown away
when the code that shaped it changed (:func:`code_stamp`: the contracts, ingest, the
readers and their SQL, the DuckDB version), so a new rule always re-reads every file.
Written atomically (:mod:`impact.atomic`): a process killed mid-write leaves the old one.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import duckdb

from impact import contracts, ingest, sources
from impact.atomic import write_atomic
from impact.ingest import FileResult
from impact.sources._common import SQL_PREFIX
from impact.sql import QUERIES_DIR

MANIFEST_VERSION = 1
#: Unreferenced Parquet older than this is deleted (another process may still read it).
GC_AFTER_S = 3600

#: (size, mtime_ns) of each file, by relative path, as it was when read.
Stamps = dict[str, tuple[int, int]]


def _package_files(module: object) -> list[Path]:
    folder = Path(module.__file__).parent  # type: ignore[attr-defined]
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".sql"))


def code_stamp() -> str:
    """Changes whenever the rules that shaped cached results change (contracts, readers)."""
    h = hashlib.sha256()
    paths = _package_files(contracts) + _package_files(ingest) + _package_files(sources)
    paths += sorted(QUERIES_DIR.glob(f"{SQL_PREFIX}*.sql"))  # the readers' SQL
    for p in paths:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue
        h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(duckdb.__version__.encode())
    return h.hexdigest()[:16]


def load(path: Path) -> tuple[dict[str, FileResult], Stamps]:
    """The results a manifest holds, or nothing when it is absent, damaged or out of date."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, OSError):
        return {}, {}
    if raw.get("version") != MANIFEST_VERSION or raw.get("code") != code_stamp():
        return {}, {}
    results: dict[str, FileResult] = {}
    stamps: Stamps = {}
    try:
        for rel, entry in raw["files"].items():
            result = FileResult.from_json(entry["result"])
            for out in result.outputs.values():  # another process's memory: not ours
                out.staged = out.file_id = None
            results[rel] = result
            stamps[rel] = (entry["size"], entry["mtime_ns"])
    except (KeyError, TypeError):
        return {}, {}
    return results, stamps


def save(path: Path, data_dir: Path, results: dict[str, FileResult], stamps: Stamps) -> None:
    """Write the manifest of these results, atomically."""
    payload = {
        "version": MANIFEST_VERSION,
        "code": code_stamp(),
        "data_dir": str(data_dir),
        "files": {
            rel: {"size": stamps[rel][0], "mtime_ns": stamps[rel][1], "result": result.to_json()}
            for rel, result in results.items()
        },
    }
    write_atomic(path, json.dumps(payload))


def collect_garbage(parquet_dir: Path, results: dict[str, FileResult]) -> None:
    """Delete cached Parquet no result refers to, once it is old enough to be unused."""
    if not parquet_dir.is_dir():
        return
    used = {o.parquet for r in results.values() for o in r.outputs.values()}
    cutoff = time.time() - GC_AFTER_S
    for path in parquet_dir.iterdir():
        if path.name in used:
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
