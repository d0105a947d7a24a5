"""A live ``streamlit run`` of the app on a free loopback port: for browser tests and benchmarks.

The browser tests' server fixture and ``bench/browser.py`` both start the app this way, so
a benchmark measures exactly the server the tests exercise.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from impact import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url} within {timeout:.0f}s")


@contextmanager
def running_app(
    data_dir: Path,
    cache_dir: Path,
    log_path: Path,
    *,
    extra_env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    port: int | None = None,
) -> Iterator[str]:
    """Run ``streamlit run dashboard.py`` on ``data_dir``; yield its base URL; stop it after.

    ``port`` is for a test that must name the address beforehand (a sign-in redirect);
    ``extra_args`` are more ``--section.option=value`` flags (e.g. ``--secrets.files``).
    """
    port = port or free_port()
    env = {
        **os.environ,
        "IMPACT_DATA_DIR": str(data_dir),
        "IMPACT_CACHE_DIR": str(cache_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
        **(extra_env or {}),
    }
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT_ROOT / "dashboard.py"),
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.headless=true",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            *extra_args,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc)
        except (RuntimeError, TimeoutError) as exc:
            log.flush()
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"{exc}; server log {log_path}:\n{tail}") from exc
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
