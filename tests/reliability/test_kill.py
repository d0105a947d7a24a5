"""kill -9 at the worst moments, then a restart: nothing half-written is used, nothing lost.

Each test starts the driver (:mod:`tests.reliability.driver`, the library code the app
runs) in its own process with a pause point (:mod:`impact.pause`) naming the exact moment:
a file's Parquet cache written under its temporary name during a cold ingest, the same
for the background write of a large file, and a question-log change made but not yet
committed. The test waits until the process reports it is there, kills it with SIGKILL,
and starts it again on the same folders. No sleep decides when the kill lands.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from impact import PROJECT_ROOT
from impact.ingest.staging import STAGE_MIN_BYTES
from impact.pause import ENV, FLAG_ENV

DEMO = PROJECT_ROOT / "data" / "demo"
#: How long the driver may take to reach its pause point (a cold ingest on a busy machine).
REACH_TIMEOUT_S = 90


def _driver(*args: str, pause: str | None = None, flag: Path | None = None):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in (ENV, FLAG_ENV)}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if pause:
        env[ENV], env[FLAG_ENV] = pause, str(flag)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.driver", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(*args: str) -> object:
    proc = _driver(*args)
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _kill_at(point: str, tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    """Run the driver until it reaches ``point``; SIGKILL it there; return the dead process."""
    flag = tmp_path / f"{point}.reached"
    proc = _driver(*args, pause=point, flag=flag)
    deadline = time.monotonic() + REACH_TIMEOUT_S
    while not flag.exists():
        if proc.poll() is not None:
            pytest.fail(f"the driver ended before {point}: {proc.stderr.read()[-3000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the driver did not reach {point} within {REACH_TIMEOUT_S} s")
        time.sleep(0.05)
    assert flag.read_text(encoding="utf-8") == point
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()
    return proc


def _temporaries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob(".*.tmp"))


def _manifest_files(cache: Path) -> set[str]:
    (path,) = cache.rglob("manifest.json")
    text = path.read_text(encoding="utf-8")
    return {value for value in _strings(json.loads(text)) if value.endswith(".parquet")}


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _copy_demo(folder: Path) -> Path:
    folder.mkdir()
    for extract in sorted(DEMO.glob("*.csv")):
        shutil.copy2(extract, folder / extract.name)
    return folder


def _add_large_copy(folder: Path) -> None:
    """A second, renamed copy of the demo organisations and observations, large enough
    to be staged (read into memory and its Parquet written in the background)."""
    with (DEMO / "organisations.csv").open(encoding="utf-8") as fh:
        orgs = list(csv.DictReader(fh))
    with (DEMO / "observations.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    copies = 3
    with (folder / "copy_organisations.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(orgs[0]))
        out.writeheader()
        for k in range(1, copies + 1):
            for org in orgs:
                parent = org["parent_code"]
                out.writerow(
                    {
                        **org,
                        "org_code": f"Z{k}{org['org_code']}",
                        "org_name": f"Copy {k} {org['org_name']}",
                        "parent_code": f"Z{k}{parent}" if parent else "",
                    }
                )
    large = folder / "copy_observations.csv"
    with large.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=header)
        out.writeheader()
        for k in range(1, copies + 1):
            for row in rows:
                out.writerow({**row, "org_code": f"Z{k}{row['org_code']}"})
    assert large.stat().st_size >= STAGE_MIN_BYTES  # so it takes the staged path


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _copy_demo(tmp_path_factory.mktemp("kill") / "data")
    _add_large_copy(folder)
    return folder


@pytest.fixture(scope="module")
def clean_answers(data: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    """What a clean start on the folder answers (its own, empty cache)."""
    return _result("answers", str(data), str(tmp_path_factory.mktemp("clean-cache")))


@pytest.mark.parametrize("point", ["ingest-parquet", "staged-parquet"])
def test_a_kill_while_the_cache_is_written_leaves_nothing_half_written_in_use(
    point: str, data: Path, clean_answers: object, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _kill_at(point, tmp_path, "answers", str(data), str(cache))
    torn = _temporaries(cache)
    assert torn, "the kill landed while a Parquet file was still under its temporary name"
    after = _result("answers", str(data), str(cache))
    assert after == clean_answers
    named = _manifest_files(cache)
    files = {p.name for p in cache.rglob("*.parquet")}
    assert named and named <= files  # every file the manifest names is whole and present
    assert not named & {p.name for p in torn}
    # Started once more, it reads from the cache it left and still answers the same.
    assert _result("answers", str(data), str(cache)) == clean_answers


def test_a_kill_during_a_question_log_write_keeps_every_committed_question(
    tmp_path: Path,
) -> None:
    data = _copy_demo(tmp_path / "data")
    committed = _result("ask", str(data), "3")
    assert len(committed) == 3
    _kill_at("records-commit", tmp_path, "ask", str(data), "1")
    assert _result("questions", str(data)) == sorted(committed)  # the uncommitted one absent
    more = _result("ask", str(data), "1")  # and the log still takes new questions
    assert _result("questions", str(data)) == sorted(committed + more)
