"""``python -m impact serve``: Streamlit's flags pass through; ``ready`` reports the warm-up.

The warm-up itself (a first browser visit computing nothing) is tested against a live
server in ``tests/browser/test_warm_start.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from impact import PROJECT_ROOT, warm
from impact.__main__ import build_parser
from impact.cli.serve import streamlit_argv


def test_every_argument_after_serve_goes_to_streamlit() -> None:
    flags = ["--server.port=8600", "--server.address", "0.0.0.0", "--help"]
    args = build_parser("serve").parse_args(["serve", *flags])
    assert args.streamlit_args == flags
    assert streamlit_argv(args.streamlit_args) == [
        "run",
        str(PROJECT_ROOT / "dashboard.py"),
        *flags,
    ]
    assert build_parser("serve").parse_args(["serve"]).streamlit_args == []


@pytest.mark.parametrize(
    ("raw", "queries"),
    [("", [""]), ("XRA05", ["org=XRA05"]), ("XRA05, XRA07", ["org=XRA05", "org=XRA07"])],
)
def test_the_warmed_views_are_the_default_or_the_organisations_named(
    raw: str, queries: list[str]
) -> None:
    assert warm.warm_queries(raw) == queries


def _ready(data: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "IMPACT_DATABASE_URL"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "impact",
            "ready",
            "--json",
            "--data",
            str(data),
            "--cache",
            str(cache),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ready_waits_for_a_live_server_to_finish_warming(
    demo_data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(cache_dir))
    warm.write_status("warming")  # as a server would, this (live) process being the server
    warming = _ready(demo_data_dir, cache_dir)
    assert warming.returncode == 1, warming.stdout
    checks = {c["name"]: c for c in json.loads(warming.stdout)["checks"]}
    assert checks["store"]["ok"] and not checks["warm"]["ok"]

    warm.write_status("warm", 2.5, "1 view(s)")
    warmed = _ready(demo_data_dir, cache_dir)
    assert warmed.returncode == 0, warmed.stdout
    names = [c["name"] for c in json.loads(warmed.stdout)["checks"]]
    assert names == ["store", "records", "warm"]

    warm.write_status("failed", 3.0, "ValueError: broken")
    assert _ready(demo_data_dir, cache_dir).returncode == 1


def test_a_status_left_by_a_stopped_server_is_ignored(demo_data_dir: Path, cache_dir: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    record = {"pid": int(gone.stdout), "state": "warming", "seconds": None, "detail": ""}
    warm.status_path(cache_dir).parent.mkdir(parents=True, exist_ok=True)
    warm.status_path(cache_dir).write_text(json.dumps(record), encoding="utf-8")
    assert warm.read_status(cache_dir) is None
    report = _ready(demo_data_dir, cache_dir)
    assert report.returncode == 0, report.stdout
    assert [c["name"] for c in json.loads(report.stdout)["checks"]] == ["store", "records"]
