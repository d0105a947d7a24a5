"""A live server of the app on a free loopback port: for browser tests and benchmarks.

The browser tests' server fixture and ``bench/browser.py`` both start the app this way, so
a benchmark measures exactly the server the tests exercise. By default it is started as it
is deployed, ``python -m impact serve`` (warmed before the first visit, :mod:`impact.warm`),
and handed over once warming has finished; ``launcher="streamlit"`` starts the plain, cold
``streamlit run dashboard.py`` instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from impact import PROJECT_ROOT, warm

#: How the server is started: the deployed launcher, or Streamlit's own command.
LAUNCHERS = ("serve", "streamlit")


def copy_demo(folder: Path, *, prefix: str = "") -> Path:
    """``folder`` (made if need be) holding the demo extracts as an analyst's own files.

    Directly in the folder, not in a ``demo/`` subfolder: the demo folder is read only while
    no other CSV is present, so a test's upload would otherwise switch the server away from
    the demo organisations. ``prefix`` names the copies apart from files already there.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for extract in sorted((PROJECT_ROOT / "data" / "demo").glob("*.csv")):
        shutil.copy2(extract, folder / f"{prefix}{extract.name}")
    return folder


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


def wait_warmed(log_path: Path, proc: subprocess.Popen[bytes], timeout: float = 600.0) -> str:
    """Wait for the server's ``impact-warm warmed`` (or ``failed``) log line; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited early with code {proc.returncode}")
        text = log_path.read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            if line.startswith((f"{warm.MARKER} warmed", f"{warm.MARKER} failed")):
                return line
        time.sleep(0.05)
    raise TimeoutError(f"the server did not finish warming within {timeout:.0f}s")


def server_command(launcher: str) -> list[str]:
    """The command line that starts the app's server, before the shared flags."""
    if launcher == "serve":
        return [sys.executable, "-m", "impact", "serve"]
    if launcher == "streamlit":
        return [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard.py")]
    raise ValueError(f"unknown launcher {launcher!r}; one of {LAUNCHERS}")


@contextmanager
def running_app(
    data_dir: Path,
    cache_dir: Path,
    log_path: Path,
    *,
    extra_env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    port: int | None = None,
    launcher: str = "serve",
    wait_warm: bool = True,
) -> Iterator[str]:
    """Run the app on ``data_dir``; yield its base URL once it is up (and, started with
    ``launcher="serve"``, warmed); stop it after.

    ``port`` is for a test that must name the address beforehand (a sign-in redirect);
    ``extra_args`` are more ``--section.option=value`` flags (e.g. ``--secrets.files``);
    ``wait_warm=False`` hands the server over as soon as it answers, still warming.
    """
    command = server_command(launcher)
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
            *command,
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
            if launcher == "serve" and wait_warm:
                wait_warmed(log_path, proc)
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
