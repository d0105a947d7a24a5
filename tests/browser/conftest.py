"""Real-browser fixtures: a live ``streamlit run`` of the app and headless Debian Chromium.

The server runs on a free loopback port against a temporary copy of the demo data (so
uploads and the question log never touch the repository), and the browser is the
system Chromium driven by Playwright (never a downloaded browser build). Tests wait
for the app to finish its script run before asserting or taking screenshots, because a
Streamlit page shows skeleton placeholders until then.
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
from pathlib import Path

import pytest

from impact import PROJECT_ROOT

CHROMIUM = os.environ.get("IMPACT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Screenshots land here; git ignores the folder.
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
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


@pytest.fixture(scope="session")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the shipped demo data, so tests can upload and log questions."""
    root = tmp_path_factory.mktemp("browser-data")
    shutil.copytree(PROJECT_ROOT / "data" / "demo", root / "demo")
    return root


@pytest.fixture(scope="session")
def app_url(data_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run dashboard.py`` on a free loopback port; yield its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "IMPACT_DATA_DIR": str(data_copy),
        "IMPACT_CACHE_DIR": str(tmp_path_factory.mktemp("browser-cache")),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    log = (tmp_path_factory.mktemp("browser-log") / "streamlit.log").open("wb")
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
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless system Chromium through Playwright; skipped when Chromium is absent."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh page in its own context (its own Streamlit session), 1600×1000."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(45_000)
    yield page
    context.close()


def wait_for_app(page) -> None:  # type: ignore[no-untyped-def]
    """Block until the script run finished and no skeleton placeholder remains."""
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
    )
    # A rerun may start right after the first run settles (query params written back).
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached")


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
