"""``python -m impact ready``: exit 0 when the store and the records answer, else 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from impact import PROJECT_ROOT


def _ready(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "IMPACT_DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "impact", "ready", *args],
        cwd=PROJECT_ROOT,
        env={**env, **env_extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ready_exits_0_on_the_demo_and_1_when_the_database_is_down(
    demo_data_dir: Path, cache_dir: Path
) -> None:
    good = _ready("--json", "--data", str(demo_data_dir), "--cache", str(cache_dir), env_extra={})
    assert good.returncode == 0, good.stderr
    report = json.loads(good.stdout)
    assert report["ready"] is True
    assert [c["name"] for c in report["checks"]] == ["store", "records"]

    down = _ready(
        "--data",
        str(demo_data_dir),
        "--cache",
        str(cache_dir),
        env_extra={"IMPACT_DATABASE_URL": "postgresql://app@127.0.0.1:1/impact?connect_timeout=1"},
    )
    assert down.returncode == 1
    assert "FAIL records" in down.stdout and down.stdout.strip().endswith("not ready")
