"""Reading the files that changed: which way each is read, and in parallel.

Large files of one layout (a folder of monthly extracts) are read together into memory
(:mod:`impact.ingest.staging`), split into one chunk per worker; every other file, and
any staged file that broke a rule, is read on its own (:func:`impact.ingest.one_file.ingest_file`).
The largest work starts first, so no core is left idle waiting on one file at the end.
Each worker uses its own cursor on the store's connection.

DuckDB's ``threads`` setting belongs to the whole database, so it is never changed here:
other sessions query the same connection while a refresh reads files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from impact import sources
from impact.catalogue import CATALOGUE_PREFIX
from impact.ingest import FileResult, FileStat, ingest_file, staging
from impact.ingest.faults import log_read_failure

LOG = logging.getLogger(__name__)

#: Staged tables made by a read, and the file numbers in each whose rows are served.
StagedIds = dict[str, set[int]]


def read_files(
    cursor: Callable[[], duckdb.DuckDBPyConnection], todo: list[FileStat], parquet_dir: Path
) -> tuple[list[FileResult], StagedIds]:
    """A result for each file of ``todo`` (in order), and the staged tables made."""
    if not todo:
        return [], {}
    sources.all_readers()  # import every reader once, before worker threads need them
    staged_ids: StagedIds = {}

    def one(stat: FileStat) -> dict[str, FileResult]:
        origin = "catalogue" if stat.rel.startswith(CATALOGUE_PREFIX) else "data"
        cur = cursor()
        try:
            result = ingest_file(cur, stat, parquet_dir, origin)
        finally:
            cur.close()
        for out in result.outputs.values():  # kept in memory: the cache refused the write
            if out.staged and out.file_id is not None:
                staged_ids[out.staged] = {out.file_id}
        return {stat.rel: result}

    def chunk_task(chunk: list[staging.Candidate]) -> dict[str, FileResult]:
        cur = cursor()
        try:
            table, staged = staging.stage_chunk(cur, chunk)
        except Exception as exc:  # noqa: BLE001 - read them one by one; that reports the fault
            names = ", ".join(c.stat.rel for c in chunk)
            log_read_failure(f"{names} (read together; now read one by one)", exc)
            staged = {c.stat.rel: None for c in chunk}
            table = ""
        finally:
            cur.close()
        done: dict[str, FileResult] = {}
        ids: set[int] = set()
        for file_id, cand in enumerate(chunk, start=1):
            result = staged[cand.stat.rel]
            if result is None:
                done |= one(cand.stat)
            else:
                done[cand.stat.rel] = result
                if result.outputs:
                    ids.add(file_id)
        if ids:  # each chunk has its own table: no two workers write the same key
            staged_ids[table] = ids
        return done

    tasks = _tasks(todo, one, chunk_task)
    done: dict[str, FileResult] = {}
    if len(tasks) == 1:  # let DuckDB spread the one task over the cores
        done = tasks[0]()
    else:
        # One worker more than cores fills the gaps while a file is being opened.
        workers = min(len(tasks), (os.cpu_count() or 1) + 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(lambda task: task(), tasks):
                done |= part
    return [done[s.rel] for s in todo], staged_ids


def _tasks(
    todo: list[FileStat],
    one: Callable[[FileStat], dict[str, FileResult]],
    chunk_task: Callable[[list[staging.Candidate]], dict[str, FileResult]],
) -> list[Callable[[], dict[str, FileResult]]]:
    """The reads to run: a chunk per worker of each staged group, then the other files.

    Largest first, so no core is left idle waiting on one big read at the end.
    """
    cores = os.cpu_count() or 1
    data = [s for s in todo if not s.rel.startswith(CATALOGUE_PREFIX)]
    groups, rest = staging.plan(data)
    rest += [s for s in todo if s.rel.startswith(CATALOGUE_PREFIX)]
    sized: list[tuple[int, Callable[[], dict[str, FileResult]]]] = [
        (sum(c.stat.size for c in chunk), lambda chunk=chunk: chunk_task(chunk))
        for group in groups
        for chunk in staging.split(group, cores + 1)
    ]
    sized += [(stat.size, lambda stat=stat: one(stat)) for stat in rest]
    sized.sort(key=lambda t: -t[0])
    return [task for _size, task in sized]
