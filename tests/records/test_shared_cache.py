"""Replicas sharing one data folder and one cache folder: two processes opening the store at
once on a cold cache neither corrupt nor half-use each other's Parquet, and answer alike."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.records.replica import spawn

PROBE = """
import json, sys
from impact.store import open_store
store = open_store(sys.argv[1], sys.argv[2])
store.flush()
answer = store.query("board_data_as_at").iloc[0]
print(json.dumps([str(answer["latest_period"]), int(answer["observations"]), store.files_ingested]))
"""


def _open_store(data: Path, cache: Path) -> subprocess.Popen[str]:
    return spawn("-c", PROBE, str(data), str(cache))


@pytest.mark.slow
def test_two_processes_on_one_cold_cache_answer_alike_and_a_third_reuses_it(
    tmp_path: Path,
) -> None:
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")
    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(DEMO, data)
    both = [_open_store(data, cache) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in both]
    for process, (_out, err) in zip(both, results, strict=True):
        assert process.returncode == 0, err
    answers = [json.loads(out) for out, _err in results]
    assert answers[0][:2] == answers[1][:2]
    assert answers[0][1] > 0
    leftovers = [p.name for p in cache.rglob("*") if p.name.startswith(".") or ".tmp" in p.name]
    assert leftovers == []
    third = _open_store(data, cache)
    out, err = third.communicate(timeout=300)
    assert third.returncode == 0, err
    latest, observations, ingested = json.loads(out)
    assert [latest, observations] == answers[0][:2]
    assert ingested == 0  # every file's Parquet, written by one of the two, is whole and reused
